/**
 * Platform data for `score` and `explain`: one platform at a time from a CSV or JSON file (or
 * stdin for `-`). File-level problems (a broken file, a row that does not line up) are reported
 * as lines naming file and row; the caller decides the exit code from their count.
 */
import { extname } from "node:path";
import { parseDataFile, type PlatformRecord } from "@zhunsheng/core";
import { CliError, displayName, EXIT, readBytes, type Io } from "./io.ts";

export interface PlatformRow {
  /** Line of a CSV file (header = 1) or element (1-based) of a JSON array. */
  row?: number;
  /** 1-based position among the platforms read. */
  index: number;
  record: PlatformRecord;
}

export interface DataProblems {
  /** One line per problem with the file itself, already naming file and row. */
  lines: string[];
}

function formatOf(path: string, text: string): "csv" | "json" {
  const ext = extname(path).toLowerCase();
  if (ext === ".json") return "json";
  if (ext === ".csv" || ext === ".txt") return "csv";
  // stdin or an unknown extension: JSON starts with [
  return /^\uFEFF?\s*\[/.test(text) ? "json" : "csv";
}

/** Decodes a data file: UTF-8 with or without BOM, UTF-16 with BOM; anything else is refused naming the file. */
function decodeData(bytes: Uint8Array, path: string): string {
  const label = bytes[0] === 0xff && bytes[1] === 0xfe ? "utf-16le" : bytes[0] === 0xfe && bytes[1] === 0xff ? "utf-16be" : "utf-8";
  try {
    return new TextDecoder(label, { fatal: true }).decode(bytes);
  } catch {
    throw new CliError(`${displayName(path)}：不是 UTF-8 编码（可能是 Excel/WPS 保存的 GBK 文件），请另存为「CSV UTF-8」后再试`, EXIT.findings);
  }
}

/** The platforms of a data file, in file order; problems go to `problems.lines`. */
export async function* readPlatforms(path: string, io: Io, problems: DataProblems): AsyncGenerator<PlatformRow> {
  const text = decodeData(await readBytes(path, io), path);
  const kind = formatOf(path, text);
  const data = parseDataFile(text, kind);
  const name = displayName(path);
  for (const e of data.errors) problems.lines.push(`${name}:${e.line} 数据错误 ${e.message}`);
  let index = 0;
  for (const record of data.records) {
    index++;
    yield { index, record, ...(kind === "json" ? { row: index } : {}) };
  }
}
