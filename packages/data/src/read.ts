/**
 * Reading a data file whole or as a stream of row batches, whatever its format: the format is
 * known from the bytes where they say it (a zip is a workbook, an OLE file is an old .xls) and
 * from the file's extension otherwise.
 */
import type { Encoding } from "./decode.ts";
import { dataError, type DataError } from "./errors.ts";
import { createRowReader, type DataFormat, type ReadOptions } from "./reader.ts";
import { createGridAssembler, type DataHeader, type DataRow, type RowBatch } from "./table.ts";
import type { SheetGrid } from "./xlsx-read.ts";
import { createNameTracker } from "./names.ts";

export interface DataOptions extends ReadOptions {
  /** File name (for the extension; messages are located by row, the caller names the file). */
  file?: string;
  /** Overrides the extension (e.g. for standard input). */
  format?: DataFormat;
  /** Worksheet to read (XLSX); the first visible sheet by default. */
  sheet?: string;
}

/** A whole data file read. */
export interface DataTable {
  format: DataFormat | undefined;
  header: DataHeader | undefined;
  rows: DataRow[];
  /** Errors and warnings, file-level and row-level, in file order. */
  errors: DataError[];
  /** The file could not be read on (its rows, if any, are the ones before the problem). */
  failed: boolean;
  encoding?: Encoding;
  /** The worksheet read and the workbook's visible sheets (XLSX). */
  sheet?: string;
  sheets?: string[];
  /** The visible sheets that hold platforms, when there are several and none was chosen (ZS6018: nothing is read). */
  dataSheets?: string[];
}

const OLD_OFFICE = "这是旧版 Excel 工作簿（.xls）、WPS 表格（.et）或加了密码的工作簿，无法直接读取：请在 Excel 或 WPS 中「另存为」→ .xlsx 或「CSV UTF-8（逗号分隔）」后再读入";

/** The format of a data file from its first bytes and its name, or why it cannot be read. */
export function sniffFormat(head: Uint8Array, file = "", format?: DataFormat): DataFormat | DataError {
  const ext = /\.([^./\\]+)$/.exec(file)?.[1]?.toLowerCase() ?? "";
  const zip = head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04;
  const ole = head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0;
  if (ole) return dataError("ZS6015", OLD_OFFICE);
  if (zip) return "xlsx";
  if (format === "xlsx" || ext === "xlsx" || ext === "xlsm") {
    return head.length === 0 ? dataError("ZS6002", "文件是空的：没有表头，也没有数据") : dataError("ZS6013", "无法打开工作簿：文件扩展名是 .xlsx，内容却不是 Excel 工作簿（可能已损坏或未保存完整）");
  }
  if (format) return format;
  if (ext === "json") return "json";
  if (ext === "csv" || ext === "txt" || ext === "tsv") return "csv";
  if (ext === "xls" || ext === "et") return dataError("ZS6015", OLD_OFFICE);
  if (ext === "ods" || ext === "numbers") return dataError("ZS6015", `不支持 .${ext} 文件：请另存为 .xlsx 或「CSV UTF-8（逗号分隔）」后再读入`);
  // no telling extension: JSON starts with [ or { (after a BOM or UTF-16 zeros)
  for (const b of head) {
    if (b === 0 || b === 0xef || b === 0xbb || b === 0xbf || b === 0xff || b === 0xfe || b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09) continue;
    return b === 0x5b || b === 0x7b ? "json" : "csv";
  }
  return "csv";
}

/** A data file as a stream of row batches; `header` and the rest are known as the stream advances. */
export interface DataStream extends AsyncIterable<RowBatch> {
  readonly format: DataFormat | undefined;
  readonly header: DataHeader | undefined;
  readonly encoding: Encoding | undefined;
  readonly sheet: string | undefined;
  readonly sheets: string[] | undefined;
  /** The visible sheets that hold platforms, when there are several and none was chosen (ZS6018). */
  readonly dataSheets: string[] | undefined;
  readonly failed: boolean;
}

/**
 * Reads chunks of a data file as they come. CSV and JSON go row batch by row batch, so memory
 * stays flat for files of any size; a workbook is read whole (exceljs) and given as one batch.
 */
export function streamData(chunks: AsyncIterable<Uint8Array>, options: DataOptions = {}): DataStream {
  let format: DataFormat | undefined;
  let header: DataHeader | undefined;
  let encoding: Encoding | undefined;
  let sheet: string | undefined;
  let sheets: string[] | undefined;
  let dataSheets: string[] | undefined;
  let failed = false;

  async function* run(): AsyncGenerator<RowBatch> {
    const it = chunks[Symbol.asyncIterator]();
    let first = await it.next();
    // the format needs a few bytes: gather at least 8 (or the whole of a tiny file)
    let head = first.done ? new Uint8Array(0) : first.value;
    const early: Uint8Array[] = first.done ? [] : [first.value];
    while (head.length < 8 && !first.done) {
      first = await it.next();
      if (first.done) break;
      early.push(first.value);
      head = concat([head, first.value]);
    }
    const f = sniffFormat(head, options.file, options.format);
    if (typeof f !== "string") {
      failed = true;
      yield { rows: [], errors: [f] };
      return;
    }
    format = f;
    if (f === "xlsx") {
      const all = [...early];
      for (let r = first.done ? first : await it.next(); !r.done; r = await it.next()) all.push(r.value);
      const t = await readWorkbook(concat(all), options);
      header = t.header;
      sheet = t.sheet;
      sheets = t.sheets;
      dataSheets = t.dataSheets;
      failed = t.failed;
      yield { rows: t.rows, errors: t.errors };
      return;
    }
    const reader = createRowReader(f, options);
    const sync = () => {
      header = reader.header;
      encoding = reader.encoding;
      failed = reader.failed;
    };
    for (const c of early) {
      const b = reader.write(c);
      sync();
      if (b.rows.length || b.errors.length) yield b;
      if (failed) return;
    }
    if (!first.done) {
      for (let r = await it.next(); !r.done; r = await it.next()) {
        const b = reader.write(r.value);
        sync();
        if (b.rows.length || b.errors.length) yield b;
        if (failed) return;
      }
    }
    const b = reader.end();
    sync();
    yield b;
  }

  async function* named(): AsyncGenerator<RowBatch> {
    const names = createNameTracker();
    for await (const b of run()) {
      names.add(b.rows);
      yield b;
    }
    const repeats = names.warnings();
    if (repeats.length > 0) yield { rows: [], errors: repeats };
  }

  const gen = named();
  return {
    get format() {
      return format;
    },
    get header() {
      return header;
    },
    get encoding() {
      return encoding;
    },
    get sheet() {
      return sheet;
    },
    get sheets() {
      return sheets;
    },
    get dataSheets() {
      return dataSheets;
    },
    get failed() {
      return failed;
    },
    [Symbol.asyncIterator]: () => gen,
  };
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

async function readWorkbook(bytes: Uint8Array, options: DataOptions): Promise<DataTable> {
  const { readXlsxGrids } = await import("./xlsx-read.ts");
  const book = await readXlsxGrids(bytes, options.sheet === undefined ? {} : { sheet: options.sheet });
  if ("error" in book) return { format: "xlsx", header: undefined, rows: [], errors: [book.error], failed: true };
  const [g, ...others] = book.grids.map((grid) => assemble(grid, options));
  const read = { format: "xlsx" as const, sheet: g!.name, sheets: book.sheets };
  const withData = [g!, ...others].filter((s) => holdsPlatforms(s, options));
  if (withData.length > 1) {
    // 2024 in one sheet and 2025 in the next: reading the first would score one year without a word
    const names = withData.map((s) => `「${s.name}」`).join("");
    const error = dataError("ZS6018", `工作簿中有${withData.length}张工作表都有平台数据：${names}，不能确定评哪一张：请选择工作表（命令行用 --sheet 名称），或删去、隐藏不评的工作表`);
    // (no sheet was read: the message is the workbook's)
    return { format: "xlsx", sheets: book.sheets, header: undefined, rows: [], errors: [error], failed: true, dataSheets: withData.map((s) => s.name) };
  }
  const otherNames = book.sheets.filter((s) => s !== g!.name);
  let { errors } = g!;
  if (g!.rows.length === 0 && options.sheet === undefined && otherNames.length + book.hidden.length > 0 && errors.every((e) => e.code === "ZS6002" || e.severity === "warning")) {
    // a workbook that opens on an empty or a 说明 sheet: say which sheet was read and which others there are
    errors = errors.filter((e) => e.code !== "ZS6002");
    const list = (names: readonly string[]) => names.map((s) => `「${s}」`).join("");
    errors.push(
      dataError(
        "ZS6002",
        otherNames.length > 0
          ? `第一张工作表「${g!.name}」中没有平台数据；工作簿中还有${list(otherNames)}：请选择有数据的工作表（命令行用 --sheet 名称），或把数据表移到第一张`
          : `工作表「${g!.name}」中没有平台数据；工作簿中还有隐藏的工作表${list(book.hidden)}：请在 Excel 或 WPS 中取消隐藏并删去不用的工作表，或命令行用 --sheet 名称 选择`,
      ),
    );
    return { ...read, header: g!.header, rows: g!.rows, errors, failed: true };
  }
  return { ...read, header: g!.header, rows: g!.rows, errors, failed: g!.failed };
}

interface AssembledSheet {
  name: string;
  header: DataHeader | undefined;
  rows: DataRow[];
  errors: DataError[];
  failed: boolean;
}

function assemble(g: SheetGrid, options: DataOptions): AssembledSheet {
  const grid = createGridAssembler({ strictWidth: false, merges: g.merges, hiddenColumns: g.hiddenColumns, ...(options.expected ? { expected: options.expected } : {}) });
  const a = grid.push(g.rows);
  const b = grid.end();
  return { name: g.name, header: grid.header, rows: [...a.rows, ...b.rows], errors: [...a.errors, ...b.errors], failed: grid.failed };
}

/** A sheet of platforms: rows under a header that names the platform or one of the rubric's inputs (not a 说明 or a lookup sheet). */
function holdsPlatforms(s: AssembledSheet, options: DataOptions): boolean {
  if (s.failed || s.rows.length === 0 || !s.header) return false;
  if (s.header.platformColumn !== undefined) return true;
  const expected = new Set((options.expected ?? []).map((e) => e.name));
  return s.header.columns.some((c) => expected.has(c));
}

/** Size of the pieces a file in memory is read in (the stream's chunk size). */
const CHUNK = 1 << 16;

/** A whole data file from its bytes (the workbench's import, `diff --data`). */
export async function readDataBytes(bytes: Uint8Array, options: DataOptions = {}): Promise<DataTable> {
  const s = streamData(
    (async function* () {
      // in pieces, like a file read from disk: what each piece leaves behind dies young
      for (let at = 0; at < bytes.length || at === 0; at += CHUNK) {
        yield bytes.subarray(at, at + CHUNK);
        if (bytes.length === 0) break;
      }
    })(),
    options,
  );
  const rows: DataRow[] = [];
  const errors: DataError[] = [];
  for await (const b of s) {
    for (const r of b.rows) rows.push(r);
    for (const e of b.errors) errors.push(e);
  }
  return {
    format: s.format,
    header: s.header,
    rows,
    errors,
    failed: s.failed,
    ...(s.encoding ? { encoding: s.encoding } : {}),
    ...(s.sheet !== undefined ? { sheet: s.sheet } : {}),
    ...(s.sheets ? { sheets: s.sheets } : {}),
    ...(s.dataSheets ? { dataSheets: s.dataSheets } : {}),
  };
}
