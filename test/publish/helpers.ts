/** Shared loading for the publish tests: library rubrics, frozen fixtures and sample data. */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { analyze, type PlatformRecord, type Rubric } from "../../packages/core/src/index.ts";
import { recordsOf } from "../data/records.ts";

export const ROOT = new URL("../../", import.meta.url).pathname;
export const FIXTURES = join(ROOT, "test/fixtures/publish");
/** 附件1 of the Hunan seed (the three indicator tables), kept in the repository: see test/fixtures/seeds/README.md. */
export const SEED = join(ROOT, "test/fixtures/seeds/hunan-window-platform-indicator-tables.附件1.txt");

export function zsFiles(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  return entries.sort().flatMap((e) => {
    const p = join(dir, e);
    return statSync(p).isDirectory() ? zsFiles(p) : e.endsWith(".zs") ? [p] : [];
  });
}

export function rubricOf(text: string, file = "test.zs"): Rubric {
  const a = analyze(text, file);
  const errors = a.diagnostics.filter((d) => d.severity === "error" && !d.code.startsWith("ZS4"));
  if (!a.rubric || errors.length > 0) throw new Error(`${file}: ${errors.map((d) => `${d.range.start.line} ${d.code} ${d.message}`).join("; ")}`);
  return a.rubric;
}

export function loadFile(path: string): { text: string; rubric: Rubric } {
  const text = readFileSync(path, "utf8");
  return { text, rubric: rubricOf(text, path) };
}

/** Every rubric of the library and the test cases that binds without errors (the corpus for properties). */
export function corpus(): { name: string; text: string; rubric: Rubric }[] {
  const files = [...zsFiles(join(ROOT, "rules")), ...zsFiles(join(ROOT, "test/cases/good")), ...zsFiles(FIXTURES), join(ROOT, "test/core/fixtures/hunan-shizhou.zs")];
  const out: { name: string; text: string; rubric: Rubric }[] = [];
  for (const f of files) {
    const text = readFileSync(f, "utf8");
    const a = analyze(text, f);
    if (a.rubric && !a.diagnostics.some((d) => d.severity === "error" && !d.code.startsWith("ZS4"))) out.push({ name: relative(ROOT, f), text, rubric: a.rubric });
  }
  return out;
}

export const HUNAN = join(FIXTURES, "市州综合窗口平台.zs");
export const HUNAN_1200 = join(FIXTURES, "市州综合窗口平台-1200家次草稿.zs");
export const HUNAN_DATA = join(FIXTURES, "湖南市州示例数据.csv");

export function records(path = HUNAN_DATA): PlatformRecord[] {
  return recordsOf(path);
}
