/** What the publishing commands share: reading files relative to the CLI's cwd, and messages. */
import { readFileSync, writeFileSync } from "node:fs";
import { extname, resolve } from "node:path";
import { analyze, parseDataFile, type Diagnostic, type PlatformRecord, type Rubric, type Severity } from "@zhunsheng/core";
import type { Io } from "../main.ts";

export type Flags = Map<string, string | true>;

const SEVERITY_ZH: Record<Severity, string> = { error: "错误", warning: "警告", info: "信息", hint: "提示" };

export function diagnosticLine(file: string, d: Diagnostic): string {
  return `${file}:${d.range.start.line}:${d.range.start.column} ${SEVERITY_ZH[d.severity]} ${d.code} ${d.message}`;
}

export function readText(path: string, io: Io, what = "文件"): string | undefined {
  try {
    return readFileSync(resolve(io.cwd, path), "utf8");
  } catch {
    io.stderr.write(`无法读取${what}：${path}\n`);
    return undefined;
  }
}

export function readBytes(path: string, io: Io): Uint8Array | undefined {
  try {
    return new Uint8Array(readFileSync(resolve(io.cwd, path)));
  } catch {
    io.stderr.write(`无法读取文件：${path}\n`);
    return undefined;
  }
}

/** A rubric without errors (failing cases aside), or undefined after printing why. */
export function loadRubric(path: string, io: Io): Rubric | undefined {
  const text = readText(path, io);
  if (text === undefined) return undefined;
  const a = analyze(text, path);
  const errors = a.diagnostics.filter((d) => d.severity === "error" && !d.code.startsWith("ZS4"));
  if (!a.rubric || errors.length > 0) {
    for (const d of errors) io.stderr.write(diagnosticLine(path, d) + "\n");
    io.stderr.write(`${path}：评价体系有${errors.length}个错误\n`);
    return undefined;
  }
  return a.rubric;
}

export function loadRecords(path: string, io: Io): PlatformRecord[] | undefined {
  const text = readText(path, io, "数据文件");
  if (text === undefined) return undefined;
  const data = parseDataFile(text, extname(path).toLowerCase() === ".json" ? "json" : "csv");
  for (const e of data.errors) io.stderr.write(`${path}:${e.line} 数据错误 ${e.message}\n`);
  if (data.errors.length > 0 && data.records.length === 0) return undefined;
  return data.records;
}

/** Writes text or bytes to --out, or text to stdout. */
export function emit(out: string | undefined, content: string | Uint8Array, io: Io): void {
  if (out) {
    writeFileSync(resolve(io.cwd, out), content);
    io.stderr.write(`已写入：${out}\n`);
  } else io.stdout.write(typeof content === "string" ? content : new TextDecoder().decode(content));
}

export function flag(flags: Flags, name: string): string | undefined {
  const v = flags.get(name);
  return typeof v === "string" ? v : undefined;
}
