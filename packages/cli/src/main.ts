/**
 * `zhunsheng` — the command line front end. A thin layer over @zhunsheng/core: it reads files,
 * calls the same functions as the workbench, and prints.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { extname, join, relative, resolve } from "node:path";
import {
  analyze,
  compile,
  dataDigits,
  format,
  parseDataFile,
  templateColumns,
  toCsv,
  TYPE_LABEL,
  type Diagnostic,
  namesItself,
  type Explanation,
  type Rubric,
  type Severity,
} from "@zhunsheng/core";

export interface Io {
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown };
  cwd: string;
}

const SEVERITY_ZH: Record<Severity, string> = { error: "错误", warning: "警告", info: "信息", hint: "提示" };

const USAGE = `用法：zhunsheng <命令> [参数]

命令：
  check <文件或目录…> [--json]            检查评价体系文件，有错误时退出码为1
  test <文件或目录…>                       运行文件中的用例
  inputs <体系文件> [--json] [--template csv]  列出输入；--template csv 输出空白数据表
  score <体系文件> --data <数据.csv|.json> [--json]  为各平台评分
  explain <体系文件> --data <数据> --platform <名称>  某个平台的得分说明
  fmt <文件…> [--check]                    统一排版（保留注释）；--check 只检查
  check --publish <文件或目录…> [--json]  发布前检查，逐项列出通过与否
  diff <原版本.zs> <新版本.zs> [--data 数据.csv] [--format md|html|json] [--out 文件]  规则变化及其对数据的影响
  export <体系文件> --format docx|xlsx|html|md [--out 文件]  导出公布用的指标体系表
  import <指标体系表.txt|.csv|.xlsx> [--table 表名片段] [--out 草稿.zs]  由指标体系表生成草稿
`;

interface Args {
  positional: string[];
  flags: Map<string, string | true>;
}

function parseArgs(argv: string[]): Args {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a.startsWith("--")) {
      const [k, v] = a.slice(2).split("=", 2);
      const next = argv[i + 1];
      if (v !== undefined) flags.set(k!, v);
      else if (["data", "platform", "template", "out", "format", "table"].includes(k!) && next !== undefined) {
        flags.set(k!, next);
        i++;
      } else flags.set(k!, true);
    } else positional.push(a);
  }
  return { positional, flags };
}

/** All .zs files under the given paths, sorted. */
export function collectRubricFiles(paths: string[], cwd: string): string[] {
  const out: string[] = [];
  const walk = (p: string) => {
    const st = statSync(p);
    if (st.isDirectory()) {
      for (const e of readdirSync(p).sort()) {
        if (e === "node_modules" || e.startsWith(".")) continue;
        walk(join(p, e));
      }
    } else if (extname(p) === ".zs") out.push(p);
  };
  for (const p of paths) walk(resolve(cwd, p));
  return out;
}

/** Display width: CJK characters take two columns. */
function width(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}
const pad = (s: string, w: number, right = false) => (right ? " ".repeat(Math.max(0, w - width(s))) + s : s + " ".repeat(Math.max(0, w - width(s))));

export function table(header: string[], rows: string[][], rightAlign: (col: number) => boolean = () => false): string {
  const widths = header.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] ?? ""))));
  const line = (r: string[]) => r.map((c, i) => pad(c, widths[i]!, rightAlign(i))).join("  ").replace(/\s+$/, "");
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n") + "\n";
}

function formatDiagnostic(file: string, d: Diagnostic): string {
  return `${file}:${d.range.start.line}:${d.range.start.column} ${SEVERITY_ZH[d.severity]} ${d.code} ${d.message}`;
}

function loadRubric(path: string, io: Io): { rubric: Rubric; diagnostics: Diagnostic[] } | undefined {
  let text: string;
  try {
    text = readFileSync(resolve(io.cwd, path), "utf8");
  } catch {
    io.stderr.write(`无法读取文件：${path}\n`);
    return undefined;
  }
  const a = analyze(text, path);
  const errors = a.diagnostics.filter((d) => d.severity === "error" && !d.code.startsWith("ZS4"));
  if (!a.rubric || errors.length > 0) {
    for (const d of errors) io.stderr.write(formatDiagnostic(path, d) + "\n");
    io.stderr.write(`评价体系有${errors.length}个错误，无法评分\n`);
    return undefined;
  }
  return { rubric: a.rubric, diagnostics: a.diagnostics };
}

function loadData(path: string, io: Io) {
  let text: string;
  try {
    text = readFileSync(resolve(io.cwd, path), "utf8");
  } catch {
    io.stderr.write(`无法读取数据文件：${path}\n`);
    return undefined;
  }
  const kind = extname(path).toLowerCase() === ".json" ? "json" : "csv";
  const data = parseDataFile(text, kind);
  for (const e of data.errors) io.stderr.write(`${path}:${e.line} 数据错误 ${e.message}\n`);
  if (data.errors.length > 0 && data.records.length === 0) return undefined;
  return data;
}

function check(args: Args, io: Io): number {
  const files = collectRubricFiles(args.positional.length ? args.positional : ["."], io.cwd);
  const all: { file: string; d: Diagnostic }[] = [];
  for (const f of files) {
    const a = analyze(readFileSync(f, "utf8"), f);
    for (const d of a.diagnostics) all.push({ file: relative(io.cwd, f), d });
  }
  const count = (s: Severity) => all.filter((x) => x.d.severity === s).length;
  if (args.flags.has("json")) {
    io.stdout.write(
      JSON.stringify(
        all.map(({ file, d }) => ({ file, line: d.range.start.line, column: d.range.start.column, endLine: d.range.end.line, endColumn: d.range.end.column, severity: d.severity, code: d.code, message: d.message })),
        null,
        2,
      ) + "\n",
    );
  } else {
    for (const { file, d } of all) io.stdout.write(formatDiagnostic(file, d) + "\n");
    io.stdout.write(`检查了${files.length}个文件：${count("error")}个错误，${count("warning")}个警告，${count("info")}条信息，${count("hint")}条提示\n`);
  }
  return count("error") > 0 ? 1 : 0;
}

function runTests(args: Args, io: Io): number {
  const files = collectRubricFiles(args.positional.length ? args.positional : ["."], io.cwd);
  let passed = 0;
  let failed = 0;
  for (const f of files) {
    const rel = relative(io.cwd, f);
    const a = analyze(readFileSync(f, "utf8"), f);
    const blocking = a.diagnostics.filter((d) => d.severity === "error" && !d.code.startsWith("ZS4"));
    const cases = a.ast.cases;
    if (cases.length === 0) continue;
    if (blocking.length > 0) {
      failed += cases.length;
      io.stdout.write(`✗ ${rel}：评价体系有${blocking.length}个错误，${cases.length}个用例未能运行\n`);
      for (const d of blocking) io.stdout.write(`    ${formatDiagnostic(rel, d)}\n`);
      continue;
    }
    for (const c of cases) {
      const problems = a.diagnostics.filter((d) => d.code.startsWith("ZS4") && d.range.start.offset >= c.range.start.offset && d.range.end.offset <= c.range.end.offset);
      if (problems.length === 0) {
        passed++;
        io.stdout.write(`✓ ${rel} 用例「${c.name.text}」\n`);
      } else {
        failed++;
        io.stdout.write(`✗ ${rel} 用例「${c.name.text}」\n`);
        for (const d of problems) io.stdout.write(`    ${formatDiagnostic(rel, d)}\n`);
      }
    }
  }
  io.stdout.write(`${passed} passed, ${failed} failed\n`);
  return failed > 0 ? 1 : 0;
}

function inputs(args: Args, io: Io): number {
  const path = args.positional[0];
  if (!path) return usage(io);
  const loaded = loadRubric(path, io);
  if (!loaded) return 1;
  const { rubric } = loaded;
  if (args.flags.get("template") === "csv") {
    io.stdout.write("\uFEFF" + toCsv([templateColumns(rubric)]));
    return 0;
  }
  const list = rubric.inputs.map((i) => ({
    name: i.name,
    kind: i.kind,
    type: i.type,
    typeLabel: TYPE_LABEL[i.type],
    unit: i.unit ?? null,
    min: i.min ?? null,
    max: i.max ?? null,
    direction: i.direction ?? null,
    description: i.description ?? null,
  }));
  if (args.flags.has("json")) {
    io.stdout.write(JSON.stringify(list, null, 2) + "\n");
    return 0;
  }
  const kindLabel = { input: "输入", derived: "派生", evidence: "材料" } as const;
  io.stdout.write(
    table(
      ["名称", "类别", "类型", "单位", "范围", "说明"],
      list.map((i) => [i.name, kindLabel[i.kind], i.typeLabel, i.unit ?? "", i.min !== null || i.max !== null ? `${i.min ?? ""}～${i.max ?? ""}` : "", i.description ?? ""]),
    ),
  );
  return 0;
}

function score(args: Args, io: Io): number {
  const path = args.positional[0];
  const dataPath = args.flags.get("data");
  if (!path || typeof dataPath !== "string") return usage(io);
  const loaded = loadRubric(path, io);
  const data = loadData(dataPath, io);
  if (!loaded || !data) return 1;
  const scorer = compile(loaded.rubric, { dataDigits: dataDigits(loaded.rubric, data.records) });
  const verdicts = data.records.map((r) => scorer.score(r));
  if (args.flags.has("json")) {
    io.stdout.write(
      JSON.stringify(
        verdicts.map((v, i) => ({
          platform: v.platform ?? `第${i + 1}个平台`,
          total: v.total,
          grade: v.grade,
          eligible: v.eligible,
          ...(v.vetoed ? { vetoed: v.vetoed } : {}),
          ...(v.relaxed ? { relaxed: v.relaxed } : {}),
          indicators: v.indicators.map((x) => ({ path: x.path, score: x.score, max: x.max })),
          errors: v.errors,
        })),
        null,
        2,
      ) + "\n",
    );
    return 0;
  }
  const cats = loaded.rubric.categories;
  const header = ["平台", "总分", loaded.rubric.gradeKind, ...(loaded.rubric.eligibility ? ["认定"] : []), ...cats.map((c) => c.name)];
  const rows = verdicts.map((v, i) => [
    v.platform ?? `第${i + 1}个平台`,
    v.total ?? "数据有误",
    v.grade ?? "",
    ...(loaded.rubric.eligibility ? [v.eligible === null ? "" : v.eligible ? (v.relaxed ? "是（放宽）" : "是") : "否"] : []),
    ...cats.map((c) => v.categories.find((x) => x.name === c.name)?.score ?? ""),
  ]);
  io.stdout.write(table(header, rows, (c) => c === 1 || c >= header.length - cats.length));
  const bad = verdicts.filter((v) => v.errors.length > 0);
  if (bad.length > 0) {
    io.stdout.write(`\n${bad.length}个平台的数据有误：\n`);
    verdicts.forEach((v, i) => v.errors.forEach((e) => io.stdout.write(`  ${v.platform ?? `第${i + 1}个平台`}：${e.message}\n`)));
  }
  return 0;
}

export function renderExplanation(e: Explanation, depth = 0): string {
  // a sentence that already names its subject is not prefixed with the label again
  const line = namesItself(e) ? e.text : `${e.label}：${e.text}`;
  const head = depth === 0 ? line : `${"  ".repeat(depth - 1)}${depth === 1 ? "■" : "·"} ${line}`;
  // leaf sentences repeat their parent's summary when an indicator has a single rule: print them once
  const kids = e.children.length === 1 && depth >= 1 && e.children[0]!.children.length === 0 && e.text.includes(e.children[0]!.text.split("；")[0]!) ? [] : e.children;
  return [head, ...kids.map((c) => renderExplanation(c, depth + 1))].join("\n");
}

function explain(args: Args, io: Io): number {
  const path = args.positional[0];
  const dataPath = args.flags.get("data");
  const name = args.flags.get("platform");
  if (!path || typeof dataPath !== "string" || typeof name !== "string") return usage(io);
  const loaded = loadRubric(path, io);
  const data = loadData(dataPath, io);
  if (!loaded || !data) return 1;
  const record = data.records.find((r) => String(r["名称"] ?? "") === name);
  if (!record) {
    const names = data.records.map((r) => String(r["名称"] ?? "")).filter((n) => n.includes(name) || name.includes(n));
    io.stderr.write(`数据中没有名为「${name}」的平台${names.length ? `，你是不是想找「${names.slice(0, 3).join("」「")}」？` : ""}\n`);
    return 1;
  }
  const scorer = compile(loaded.rubric, { dataDigits: dataDigits(loaded.rubric, data.records) });
  io.stdout.write(renderExplanation(scorer.explain(record)) + "\n");
  return 0;
}

function fmt(args: Args, io: Io): number {
  const files = collectRubricFiles(args.positional, io.cwd);
  const checkOnly = args.flags.has("check");
  let needs = 0;
  let failed = 0;
  for (const f of files) {
    const rel = relative(io.cwd, f);
    const text = readFileSync(f, "utf8");
    const r = format(text);
    if (r.diagnostics.length > 0) {
      failed++;
      for (const d of r.diagnostics) io.stderr.write(formatDiagnostic(rel, d) + "\n");
      continue;
    }
    if (!r.changed) continue;
    needs++;
    if (checkOnly) io.stdout.write(`需要格式化：${rel}\n`);
    else {
      writeFileSync(f, r.text);
      io.stdout.write(`已格式化：${rel}\n`);
    }
  }
  if (checkOnly && needs === 0 && failed === 0) io.stdout.write(`${files.length}个文件排版均已规范\n`);
  return failed > 0 || (checkOnly && needs > 0) ? 1 : 0;
}

function usage(io: Io): number {
  io.stderr.write(USAGE);
  return 2;
}

/** Entry point; returns the exit code. */
export async function main(argv: string[], io: Io): Promise<number> {
  const [command, ...rest] = argv;
  const args = parseArgs(rest);
  try {
    switch (command) {
      case "check":
        // the publishing commands load @zhunsheng/publish (docx, exceljs) only when used
        return args.flags.has("publish") ? (await import("./commands/publish-check.ts")).publishCheckCommand(args.positional, args.flags, io) : check(args, io);
      case "diff":
        return (await import("./commands/diff.ts")).diffCommand(args.positional, args.flags, io);
      case "export":
        return await (await import("./commands/export.ts")).exportCommand(args.positional, args.flags, io);
      case "import":
        return await (await import("./commands/import.ts")).importCommand(args.positional, args.flags, io);
      case "test":
        return runTests(args, io);
      case "inputs":
        return inputs(args, io);
      case "score":
        return score(args, io);
      case "explain":
        return explain(args, io);
      case "fmt":
        return fmt(args, io);
      case "help":
      case "--help":
      case "-h":
        io.stdout.write(USAGE);
        return 0;
      default:
        return usage(io);
    }
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === "ENOENT") {
      io.stderr.write(`找不到文件或目录：${err.path ?? ""}\n`);
      return 1;
    }
    throw e;
  }
}
