/** A data file's platforms as records, read by @zhunsheng/data exactly as the CLI and the workbench read it (tests' shorthand). */
import { readFileSync } from "node:fs";
import { readDataSync, recordOf } from "../../packages/data/src/index.ts";

export function recordsOf(path: string): Record<string, string>[] {
  const t = readDataSync(new Uint8Array(readFileSync(path)), path.toLowerCase().endsWith(".json") ? "json" : "csv");
  const errors = t.errors.filter((e) => e.severity === "error");
  if (errors.length > 0) throw new Error(`${path}: ${errors.map((e) => e.message).join("; ")}`);
  return t.rows.map(recordOf);
}
