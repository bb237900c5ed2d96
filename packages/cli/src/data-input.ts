/**
 * Platform data for `score`, `explain` and `diff`: one platform at a time from a CSV, JSON or
 * XLSX file (or stdin for `-`), read by @zhunsheng/data — encodings detected, rows strict,
 * headers resolved against the rubric's inputs. Problems with the file itself go to
 * `problems.lines` naming file and row; a row that cannot be scored (one that does not line
 * up with the header) comes with its `problems` and is reported as that platform's data error.
 */
import { resolve } from "node:path";
import type { PlatformRecord, Rubric } from "@zhunsheng/core";
import { expectedColumnsOf, formatDataError, recordOf, streamData, type DataError, type DataErrorCode, type DataRow, type DataStream } from "@zhunsheng/data";
import { openDataFile } from "@zhunsheng/data/node";
import { CliError, displayName, ioMessage, type Io } from "./io.ts";

export interface PlatformRow {
  /** Where the platform is in the file: the CSV line, the worksheet row, the line a JSON element starts on. */
  row?: number;
  /** 1-based position among the platforms read. */
  index: number;
  /** The platform's cells by column name, in an object without a prototype. */
  record: PlatformRecord;
  /** The name from the platform-name column (名称, 平台名称…), when the file has one. */
  platform?: string;
  /** Why this row cannot be scored (it does not line up with the header, a JSON value is not a single value…). */
  problems?: readonly DataError[];
}

export interface DataProblems {
  /** One line per problem with the file itself (or a warning), already naming file and row. */
  lines: string[];
  /** Number of those that are errors (warnings such as a skipped 合计 row do not fail the command). */
  errors: number;
}

export function newProblems(): DataProblems {
  return { lines: [], errors: 0 };
}

export interface DataInputOptions {
  /** The rubric: its inputs resolve headers written with units and two-row headers. */
  rubric?: Rubric;
  /** Worksheet of an XLSX file. */
  sheet?: string;
  /** Warnings the command says its own way (explain refuses a repeated name itself: no ZS6019 line too). */
  quiet?: readonly DataErrorCode[];
}

async function* stdinBytes(io: Io): AsyncGenerator<Uint8Array> {
  if (!io.stdin) throw new CliError("没有可读取的标准输入");
  for await (const chunk of io.stdin) yield typeof chunk === "string" ? new TextEncoder().encode(chunk) : chunk;
}

/**
 * The platforms of a data file in batches, as @zhunsheng/data reads them: cells by column index
 * under a header shared by the rows (so `score` binds it once), memory flat whatever the file's
 * size. Every data path of the CLI reads through here: file-level problems (and warnings) go to
 * `problems.lines` naming the file (and the worksheet of a workbook with several); a row's own
 * errors stay with the row, to be reported with that platform.
 */
export async function* readPlatformBatches(path: string, io: Io, problems: DataProblems, options: DataInputOptions = {}): AsyncGenerator<readonly DataRow[]> {
  const opts = { ...(options.rubric ? { expected: expectedColumnsOf(options.rubric.inputs) } : {}), ...(options.sheet !== undefined ? { sheet: options.sheet } : {}) };
  const data: DataStream = path === "-" ? streamData(stdinBytes(io), opts) : openDataFile(resolve(io.cwd, path), opts);
  const name = displayName(path);
  const where = () => (data.sheet !== undefined && (data.sheets?.length ?? 0) > 1 ? `${name}（工作表「${data.sheet}」）` : name);
  try {
    for await (const batch of data) {
      if (batch.errors.length > 0) {
        const owned = new Set<DataError>();
        for (const r of batch.rows) if (r.errors) for (const e of r.errors) owned.add(e);
        for (const e of batch.errors) {
          if (owned.has(e) || options.quiet?.includes(e.code)) continue;
          problems.lines.push(formatDataError(where(), e));
          if (e.severity === "error") problems.errors++;
        }
      }
      if (batch.rows.length > 0) yield batch.rows;
    }
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError(ioMessage(e, path));
  }
}

/** The platforms of a data file one at a time, in file order, each with its record by column name. */
export async function* readPlatforms(path: string, io: Io, problems: DataProblems, options: DataInputOptions = {}): AsyncGenerator<PlatformRow> {
  let index = 0;
  for await (const rows of readPlatformBatches(path, io, problems, options)) {
    for (const r of rows) {
      index++;
      yield {
        row: r.row,
        index,
        record: recordOf(r),
        ...(r.platform !== undefined ? { platform: r.platform } : {}),
        ...(r.errors ? { problems: r.errors } : {}),
      };
    }
  }
}
