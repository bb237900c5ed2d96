/**
 * The streaming reader for text data files: bytes → text (encoding detected) → CSV records or
 * JSON elements → platform rows. Feed it chunks; each call returns the rows it completed, so
 * memory holds one unfinished record, whatever the file's size.
 */
import { createCsvSplitter } from "./csv.ts";
import { createDecoder, isDecodeFailure, type Encoding } from "./decode.ts";
import { dataError, type DataError } from "./errors.ts";
import { createJsonAssembler, createJsonScanner } from "./json.ts";
import { createGridAssembler, type DataHeader, type DataRow, type ExpectedColumn, type RowBatch } from "./table.ts";

export type DataFormat = "csv" | "json" | "xlsx";

export interface ReadOptions {
  /** Rubric inputs, to resolve headers written with units (「营业收入（万元）」) and two-row headers. */
  expected?: readonly ExpectedColumn[];
}

export interface RowReader {
  write(chunk: Uint8Array): RowBatch;
  end(): RowBatch;
  /** Known once the header is read (CSV), or the columns seen so far (JSON). */
  readonly header: DataHeader | undefined;
  readonly encoding: Encoding | undefined;
  /** The file cannot be read on (bad encoding, no header, broken JSON): no further rows. */
  readonly failed: boolean;
}

const countLines = (text: string) => {
  let n = 0;
  for (let k = text.indexOf("\n"); k >= 0; k = text.indexOf("\n", k + 1)) n++;
  return n;
};

export function createRowReader(format: "csv" | "json", options: ReadOptions = {}): RowReader {
  const decoder = createDecoder();
  let failed = false;
  let lines = 1; // line of the next decoded text (for decoding errors in JSON; CSV knows its own)

  /** After the text before the bad bytes is fed, the line counters stand on the line that holds them. */
  const decodeError = (message: string, errors: DataError[]) => {
    failed = true;
    const row = format === "csv" ? csv.line : lines;
    errors.push(dataError("ZS6001", `第${row}行：${message}`, { row }));
  };

  // CSV
  const csv = createCsvSplitter();
  const grid = createGridAssembler({ strictWidth: true, ...(options.expected ? { expected: options.expected } : {}) });
  // JSON
  const scanner = createJsonScanner();
  const json = createJsonAssembler();

  const feed = (text: string, last: boolean): RowBatch => {
    if (format === "csv") {
      const records = csv.push(text);
      if (last) records.push(...csv.end());
      const out = grid.push(records); // a CSV record is a grid row
      if (last) {
        const tail = grid.end();
        out.rows.push(...tail.rows);
        out.errors.push(...tail.errors);
      }
      if (grid.failed) failed = true;
      return out;
    }
    lines += countLines(text);
    const scanned = scanner.push(text);
    const out = json.push(scanned.elements);
    let fatal = scanned.fatal;
    if (last && !fatal) {
      const tail = scanner.end();
      const more = json.push(tail.elements);
      out.rows.push(...more.rows);
      out.errors.push(...more.errors);
      fatal = tail.fatal;
    }
    if (fatal) {
      failed = true;
      out.errors.push(dataError(fatal.message.startsWith("JSON 数据应为") || fatal.message.startsWith("文件是空的") ? "ZS6009" : "ZS6007", fatal.message, { row: fatal.line }));
    }
    return out;
  };

  const step = (decoded: ReturnType<typeof decoder.write>, last: boolean): RowBatch => {
    if (isDecodeFailure(decoded)) {
      const out = feed(decoded.text, false);
      decodeError(decoded.message, out.errors);
      return out;
    }
    return feed(decoded, last);
  };

  return {
    get header() {
      if (format === "csv") return grid.header;
      return json.columns.length ? { columns: json.columns, labels: json.columns, rows: [] } : undefined;
    },
    get encoding() {
      return decoder.encoding;
    },
    get failed() {
      return failed;
    },
    write(chunk) {
      if (failed) return { rows: [], errors: [] };
      return step(decoder.write(chunk), false);
    },
    end() {
      if (failed) return { rows: [], errors: [] };
      return step(decoder.end(), true);
    },
  };
}

/**
 * A CSV or JSON file already in memory, read at once (synchronously): the same strict reader as
 * the stream. Workbooks need `readDataBytes` (exceljs reads them asynchronously).
 */
export function readDataSync(bytes: Uint8Array, format: "csv" | "json", options: ReadOptions = {}): { header: DataHeader | undefined; rows: DataRow[]; errors: DataError[]; failed: boolean; encoding: Encoding | undefined } {
  const reader = createRowReader(format, options);
  const a = reader.write(bytes);
  const b = reader.end();
  return { header: reader.header, rows: [...a.rows, ...b.rows], errors: [...a.errors, ...b.errors], failed: reader.failed, encoding: reader.encoding };
}
