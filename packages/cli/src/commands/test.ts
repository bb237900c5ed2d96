/** `zhunsheng test [paths…] [--json]`: runs the cases (用例) written in the rubrics. */
import { analyze } from "@zhunsheng/core";
import { flagOption, type ParsedArgs } from "../args.ts";
import { EXIT, type Io } from "../io.ts";
import { diagnosticJson, type DiagnosticJson } from "../results.ts";
import { diagnosticLine } from "../render.ts";
import { exitCode, readRubrics } from "./check.ts";
import { blockingErrors } from "./common.ts";

interface CaseResult {
  name: string;
  line: number;
  passed: boolean;
  problems: DiagnosticJson[];
}

interface FileResult {
  file: string;
  /** The rubric's own errors, when they keep its cases from running. */
  errors: DiagnosticJson[];
  cases: CaseResult[];
}

export async function run(args: ParsedArgs, io: Io): Promise<number> {
  const json = flagOption(args, "json");
  const { sources, problems } = await readRubrics(args.positionals, io);
  for (const p of problems) io.stderr.write(p + "\n");
  const results: FileResult[] = [];
  let passed = 0;
  let failed = 0;
  const say = (s: string) => json || io.stdout.write(s + "\n");
  for (const { file: given, text } of sources) {
    const file = given === "-" ? "标准输入" : given;
    const a = analyze(text, file);
    const cases = a.ast.cases;
    if (cases.length === 0) continue;
    const blocking = blockingErrors(a);
    const result: FileResult = { file, errors: blocking.map((d) => diagnosticJson(d)), cases: [] };
    results.push(result);
    if (blocking.length > 0) {
      failed += cases.length;
      for (const c of cases) result.cases.push({ name: c.name.text, line: c.range.start.line, passed: false, problems: [] });
      say(`✗ ${file}：评价体系有${blocking.length}个错误，${cases.length}个用例未能运行`);
      for (const d of blocking) say(`    ${diagnosticLine(file, d)}`);
      continue;
    }
    for (const c of cases) {
      const found = a.diagnostics.filter((d) => d.code.startsWith("ZS4") && d.range.start.offset >= c.range.start.offset && d.range.end.offset <= c.range.end.offset);
      result.cases.push({ name: c.name.text, line: c.range.start.line, passed: found.length === 0, problems: found.map((d) => diagnosticJson(d)) });
      if (found.length === 0) {
        passed++;
        say(`✓ ${file} 用例「${c.name.text}」`);
      } else {
        failed++;
        say(`✗ ${file} 用例「${c.name.text}」`);
        for (const d of found) say(`    ${diagnosticLine(file, d)}`);
      }
    }
  }
  // files without a single case are a finding: "0 passed, 0 failed" must never read as success
  const none = passed + failed === 0;
  if (json) io.stdout.write(JSON.stringify({ passed, failed, files: results }, null, 2) + "\n");
  else {
    if (none && sources.length > 0) io.stdout.write(`${sources.length}个文件中没有用例\n`);
    io.stdout.write(`${passed} passed, ${failed} failed\n`);
  }
  if (none && problems.length === 0) return EXIT.findings;
  return exitCode(problems.length, failed > 0 || none);
}
