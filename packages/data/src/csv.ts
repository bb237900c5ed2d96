/**
 * CSV text → records of fields, incrementally (RFC 4180: quoted fields, doubled quotes,
 * line breaks inside quotes; CRLF, LF and CR line ends). Lines without a quote take a fast
 * path (one `split`); memory holds at most one unfinished record. The delimiter is a comma,
 * or a tab when the first line has more tabs than commas (Excel's 「文本文件（制表符分隔）」).
 */

export interface CsvRecord {
  /** 1-based line on which the record starts. */
  row: number;
  /** The fields, as written (quotes removed). */
  cells: string[];
  /** A quoting problem in this record (its fields are then not to be trusted). */
  error?: string;
}

export interface CsvSplitter {
  /** Feeds text; returns the records completed by it. */
  push(text: string): CsvRecord[];
  /** Ends the input; returns the last record, or an error for an unclosed quote. */
  end(): CsvRecord[];
  /** Line number the next text starts on (for locating decoding errors). */
  readonly line: number;
}

const enum State {
  Start, // at the start of a field, outside quotes
  Unquoted, // inside an unquoted field
  Quoted, // inside quotes
  QuoteInQuoted, // saw a quote inside quotes: either its end or the first of a doubled quote
}

export function createCsvSplitter(): CsvSplitter {
  let delim: string | undefined;
  let rest = ""; // an unfinished line with no quote (fast path)
  let crPending = false; // the last text ended with CR: a leading LF belongs to it
  let line = 1;
  // slow-path state of a record that contains quotes
  let inRecord = false;
  let state = State.Start;
  let fields: string[] = [];
  let field = "";
  let recordLine = 1;
  let recordError: string | undefined;

  /** Chooses the delimiter from the first record (quotes respected); false when the record is not complete yet. */
  const chooseDelimiter = (text: string, from: number, final: boolean): boolean => {
    let tabs = 0;
    let commas = 0;
    let quoted = false;
    for (let i = from; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 34) quoted = !quoted;
      else if (quoted) continue;
      else if (c === 9) tabs++;
      else if (c === 44) commas++;
      else if (c === 10 || c === 13) {
        delim = tabs > commas ? "\t" : ",";
        return true;
      }
    }
    if (!final) return false;
    delim = tabs > commas ? "\t" : ",";
    return true;
  };

  const finishRecord = (out: CsvRecord[]) => {
    fields.push(field);
    out.push(recordError ? { row: recordLine, cells: fields, error: recordError } : { row: recordLine, cells: fields });
    inRecord = false;
    state = State.Start;
    fields = [];
    field = "";
    recordError = undefined;
  };

  /** Runs the quote-aware state machine from `i`; returns where it stopped (a record end or the text's end). */
  const slow = (text: string, i: number, out: CsvRecord[]): number => {
    const d = delim!;
    const n = text.length;
    while (i < n) {
      const ch = text[i]!;
      switch (state) {
        case State.Quoted: {
          const q = text.indexOf('"', i);
          const chunk = q < 0 ? text.slice(i) : text.slice(i, q);
          for (let k = chunk.indexOf("\n"); k >= 0; k = chunk.indexOf("\n", k + 1)) line++;
          // a lone CR inside quotes is also a line end (CR-only files)
          for (let k = chunk.indexOf("\r"); k >= 0; k = chunk.indexOf("\r", k + 1)) if (chunk[k + 1] !== "\n") line++;
          field += chunk;
          if (q < 0) return n;
          state = State.QuoteInQuoted;
          i = q + 1;
          continue;
        }
        case State.QuoteInQuoted:
          if (ch === '"') {
            field += '"';
            state = State.Quoted;
            i++;
            continue;
          }
          state = State.Unquoted;
          if (ch !== d && ch !== "\n" && ch !== "\r") {
            if (ch === " " || ch === "\t") {
              i++; // spaces after a closing quote are ignored
              state = State.QuoteInQuoted;
              continue;
            }
            recordError ??= `第${line}行：引号闭合后紧跟着「${ch}」；单元格里的引号应写成两个引号「""」，整个单元格用引号括起来`;
          }
          continue; // the character is handled as in an unquoted field
        case State.Start:
          if (ch === '"') {
            state = State.Quoted;
            i++;
            continue;
          }
          state = State.Unquoted;
          continue;
        case State.Unquoted: {
          if (ch === d) {
            fields.push(field);
            field = "";
            state = State.Start;
            i++;
            continue;
          }
          if (ch === "\n" || ch === "\r") {
            finishRecord(out);
            if (ch === "\r") {
              if (i + 1 >= n) crPending = true;
              else if (text[i + 1] === "\n") i++;
            }
            line++;
            return i + 1;
          }
          field += ch;
          i++;
          continue;
        }
      }
    }
    return n;
  };

  const push = (input: string, final = false): CsvRecord[] => {
    const out: CsvRecord[] = [];
    let text = input;
    if (crPending && text.length > 0) {
      crPending = false;
      if (text[0] === "\n") text = text.slice(1);
    }
    if (rest) {
      text = rest + text;
      rest = "";
    }
    const n = text.length;
    let i = 0;
    let nextNl = -2;
    let nextCr = -2;
    let nextQ = -2;
    while (i < n) {
      if (inRecord) {
        i = slow(text, i, out);
        continue;
      }
      if (nextNl !== -1 && nextNl < i) nextNl = text.indexOf("\n", i);
      if (nextCr !== -1 && nextCr < i) nextCr = text.indexOf("\r", i);
      if (nextQ !== -1 && nextQ < i) nextQ = text.indexOf('"', i);
      const end = nextNl < 0 ? nextCr : nextCr < 0 ? nextNl : Math.min(nextNl, nextCr);
      if ((end < 0 && nextQ < 0) || (delim === undefined && !chooseDelimiter(text, i, final))) {
        rest = text.slice(i); // an unfinished line: wait for its end
        return out;
      }
      if (nextQ >= 0 && (end < 0 || nextQ < end)) {
        inRecord = true;
        recordLine = line;
        state = State.Start;
        i = slow(text, i, out);
        continue;
      }
      if (end > i) out.push({ row: line, cells: text.slice(i, end).split(delim!) });
      line++;
      if (text.charCodeAt(end) === 13 && end + 1 < n && text.charCodeAt(end + 1) === 10) i = end + 2;
      else {
        if (text.charCodeAt(end) === 13 && end + 1 >= n) crPending = true;
        i = end + 1;
      }
    }
    return out;
  };

  return {
    get line() {
      return line;
    },
    push,
    end() {
      const out: CsvRecord[] = [];
      if (rest) out.push(...push("\n", true)); // the last line had no line end
      if (inRecord) {
        if (state === State.Quoted) {
          recordError ??= `第${recordLine}行：这里开始的引号没有闭合，之后直到文件末尾都被读成了一个单元格`;
        }
        finishRecord(out);
      }
      return out;
    },
  };
}

/**
 * CSV text → rows of fields, at once (RFC 4180, any line end): for tables that are not platform
 * data (indicator tables to import). Blank lines are left out; quoting problems are not reported.
 */
export function parseCsv(text: string): string[][] {
  const s = createCsvSplitter();
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return [...s.push(src), ...s.end()].map((r) => r.cells).filter((cells) => cells.some((c) => c.trim() !== ""));
}
