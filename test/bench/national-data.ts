/**
 * A large platform data file for the national norm, written row by row (deterministic): the
 * input of the end-to-end `zhunsheng score` benchmark and of the service's batch benchmark.
 */
import { closeSync, openSync, readFileSync, writeSync } from "node:fs";
import { join } from "node:path";
import { analyze, type Rubric } from "../../packages/core/src/index.ts";

export const NATIONAL = join(new URL("../../rules/", import.meta.url).pathname, "national/2024/中小企业公共服务规范评价指标.zs");

export function nationalRubric(): Rubric {
  const { rubric } = analyze(readFileSync(NATIONAL, "utf8"));
  if (!rubric) throw new Error("the national rubric does not bind");
  return rubric;
}

/** Inputs that veto the platform: rare in the generated data, as in life. */
const VETOES = new Set(["造成重大损失", "违法违规效应"]);

/** Generates platform records with valid values inside each input's declared range. */
export function recordGenerator(rubric: Rubric, seed = 42): () => Record<string, string> {
  let s = seed;
  const rand = (n: number) => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s % n;
  };
  let k = 0;
  const inputs = rubric.inputs.filter((i) => i.kind !== "derived" && i.type !== "text");
  return () => {
    const rec: Record<string, string> = { 名称: `平台${String(++k).padStart(7, "0")}` };
    for (const i of inputs) {
      if (i.type === "yesno") rec[i.name] = VETOES.has(i.name) ? (rand(50) === 0 ? "是" : "否") : rand(3) > 0 ? "是" : "否";
      else if (i.type === "score") rec[i.name] = String(rand(Number(i.max ?? 100) + 1));
      else if (i.type === "percent") rec[i.name] = String(rand(1001) / 10);
      else if (i.type === "count") rec[i.name] = String(rand(i.unit === "家" ? 1200 : 12));
      else rec[i.name] = String(rand(50) / 10);
    }
    return rec;
  };
}

/** Writes `rows` generated platforms as a CSV (UTF-8, LF) and returns the column names. */
export function writeNationalCsv(path: string, rows: number, seed = 42): string[] {
  const rubric = nationalRubric();
  const next = recordGenerator(rubric, seed);
  const first = next();
  const columns = Object.keys(first);
  const fd = openSync(path, "w");
  let buffer = columns.join(",") + "\n" + columns.map((c) => first[c]).join(",") + "\n";
  for (let r = 1; r < rows; r++) {
    const rec = next();
    buffer += columns.map((c) => rec[c]).join(",") + "\n";
    if (buffer.length > 1 << 20) {
      writeSync(fd, buffer);
      buffer = "";
    }
  }
  writeSync(fd, buffer);
  closeSync(fd);
  return columns;
}
