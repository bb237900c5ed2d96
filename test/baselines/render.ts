/** Renders a whole input as a readable baseline: diagnostics with squiggles under the source, then the cases' results. */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { readDataBytes } from "@zhunsheng/data";
import { analyze, caseRecord, compile, namesItself, type Diagnostic, type Verdict } from "../../packages/core/src/index.ts";

const SEVERITY = { error: "错误", warning: "警告", info: "信息", hint: "提示" } as const;

function squiggle(text: string, d: Diagnostic): string {
  const lines = text.split("\n");
  const line = lines[d.range.start.line - 1] ?? "";
  const width = (s: string) => [...s].reduce((w, ch) => w + (/[\u2e80-\uffef]/.test(ch) ? 2 : 1), 0);
  const startCol = d.range.start.column - 1;
  const endCol = d.range.end.line === d.range.start.line ? Math.max(d.range.end.column - 1, startCol + 1) : [...line].length;
  const chars = [...line];
  const pad = width(chars.slice(0, startCol).join(""));
  const len = Math.max(1, width(chars.slice(startCol, endCol).join("")));
  const no = String(d.range.start.line).padStart(4);
  return `${no} | ${line}\n${" ".repeat(4)} | ${" ".repeat(pad)}${"~".repeat(len)}`;
}

function renderDiagnostics(name: string, text: string, diagnostics: readonly Diagnostic[], out: string[]): void {
  out.push("== 诊断 ==");
  if (diagnostics.length === 0) out.push("（无）");
  for (const d of diagnostics) {
    out.push(`${name}:${d.range.start.line}:${d.range.start.column} ${SEVERITY[d.severity]} ${d.code} ${d.message}`);
    out.push(squiggle(text, d));
    if (d.fix) out.push(`     快速修复：${d.fix.title} → ${d.fix.edits.map((e) => `「${e.newText}」`).join("")}`);
  }
}

export function renderBaseline(name: string, text: string): string {
  const a = analyze(text, name);
  const out: string[] = [`# ${name}`, ""];
  renderDiagnostics(name, text, a.diagnostics, out);
  if (a.rubric && !a.diagnostics.some((d) => d.severity === "error" && !d.code.startsWith("ZS4"))) {
    out.push("", "== 用例的计算结果 ==");
    const scorer = compile(a.rubric, { dataDigits: 4 });
    for (const c of a.ast.cases) {
      // the record the checker runs the case on (defaults for 取值/清单, the chosen 选项, 选其一)
      const { record } = caseRecord(a.rubric, c);
      const v = scorer.score({ 名称: c.name.text, ...record });
      out.push(`用例「${c.name.text}」：总分 ${v.total ?? "—"}${v.grade ? `，${a.rubric.gradeKind} ${v.grade}` : ""}${v.eligible !== null ? `，认定 ${v.eligible ? "是" : "否"}` : ""}`);
      const e = scorer.explain({ 名称: c.name.text, ...record });
      const walk = (x: typeof e, depth: number): void => {
        out.push(`${"  ".repeat(depth + 1)}${namesItself(x) ? x.text : `${x.label}：${x.text}`}`);
        if (depth < 1) x.children.forEach((k) => walk(k, depth + 1));
      };
      e.children.forEach((k) => walk(k, 0));
    }
  }
  return out.join("\n") + "\n";
}

/** One platform's result on one line: total, grade, eligibility, category subtotals, or its data errors. */
function verdictLine(v: Verdict, gradeKind: string): string {
  if (v.total === null) return `数据有误：${v.errors.map((e) => e.message).join("；")}`;
  const grade = v.grade ? `，${gradeKind} ${v.grade}${v.vetoed ? "（否决）" : ""}` : "";
  const eligible = v.eligible !== null ? `，认定 ${v.eligible ? "是" : "否"}${v.relaxed ? `（放宽${v.relaxed.map((l) => `（${l}）`).join("")}）` : ""}` : "";
  const cats = v.categories.length > 0 ? `；${v.categories.map((c) => `${c.name} ${c.score}`).join("、")}` : "";
  return `总分 ${v.total}${grade}${eligible}${cats}`;
}

/**
 * The baseline of a rubric of rules/: its diagnostics, then every sample platform of
 * rules/samples/ scored the way the CLI reads the file (the data package, columns bound once).
 */
export async function renderRubricBaseline(name: string, text: string, samplesPath: string | undefined): Promise<string> {
  const a = analyze(text, name);
  const out: string[] = [`# ${name}`, ""];
  renderDiagnostics(name, text, a.diagnostics, out);
  if (!a.scoring.scorable) {
    out.push("", `== 不能评分 ==`, a.scoring.reason);
    return out.join("\n") + "\n";
  }
  const rubric = a.rubric!;
  const scorer = a.scoring.scorer;
  if (a.ast.cases.length > 0) {
    out.push("", "== 用例 ==");
    for (const c of a.ast.cases) {
      // the record the checker runs the case on (defaults for 取值/清单, the chosen 选项, 选其一)
      const { record } = caseRecord(rubric, c);
      out.push(`用例「${c.name.text}」：${verdictLine(scorer.score(record), rubric.gradeKind)}`);
    }
  }
  if (samplesPath) {
    const table = await readDataBytes(new Uint8Array(readFileSync(samplesPath)), { file: relative(root, samplesPath) });
    out.push("", `== 示例平台（${relative(root, samplesPath)}）==`);
    for (const e of table.errors) out.push(`文件：${e.message}`);
    const bound = new Map<readonly string[], ReturnType<typeof scorer.bindColumns>>();
    for (const row of table.rows) {
      if (row.errors) {
        out.push(`第${row.row}行 ${row.platform ?? ""}：数据有误：${row.errors.map((e) => e.message).join("；")}`);
        continue;
      }
      let b = bound.get(row.columns);
      if (!b) bound.set(row.columns, (b = scorer.bindColumns(row.columns)));
      const v = b.score(row.values);
      out.push(`第${row.row}行 ${v.platform ?? row.platform ?? ""}：${verdictLine(v, rubric.gradeKind)}`);
    }
  }
  return out.join("\n") + "\n";
}

const root = new URL("../../", import.meta.url).pathname;

/** Every rubric of rules/ with its sample data file, if any. */
export function rubricFiles(): { name: string; path: string; samples: string | undefined; baseline: string }[] {
  const rules = join(root, "rules");
  const walk = (dir: string): string[] =>
    readdirSync(dir)
      .sort()
      .flatMap((e) => {
        const p = join(dir, e);
        return statSync(p).isDirectory() ? (e === "samples" ? [] : walk(p)) : e.endsWith(".zs") ? [p] : [];
      });
  return walk(rules).map((path) => {
    const rel = relative(rules, path);
    const csv = join(rules, "samples", rel.replace(/\.zs$/, ".csv"));
    return { name: `rules/${rel}`, path, samples: existsSync(csv) ? csv : undefined, baseline: join(fileURLToPath(new URL(".", import.meta.url)), "rules", rel.replace(/\.zs$/, ".txt")) };
  });
}

export function caseFiles(): { name: string; path: string }[] {
  const root = new URL("../cases/", import.meta.url).pathname;
  return ["good", "bad"].flatMap((kind) =>
    readdirSync(join(root, kind))
      .filter((f) => f.endsWith(".zs"))
      .sort()
      .map((f) => ({ name: `${kind}/${f}`, path: join(root, kind, f) })),
  );
}

export function baselinePath(name: string): string {
  return new URL(`./${name.replace(/\//g, "__").replace(/\.zs$/, ".txt")}`, import.meta.url).pathname;
}

export const readText = (p: string) => readFileSync(p, "utf8");
