/** `zhunsheng check --publish <paths…> [--json]`: the pre-publication checks, each pass or fail with its places. */
import { publishChecks } from "@zhunsheng/publish";
import { flagOption, type ParsedArgs } from "../args.ts";
import { EXIT, type Io } from "../io.ts";
import { diagnosticLine } from "../render.ts";
import { exitCode, readRubrics } from "./check.ts";

export async function publishCheck(args: ParsedArgs, io: Io): Promise<number> {
  const { sources, problems } = await readRubrics(args.positionals, io);
  const empty = sources.length === 0 && problems.length === 1 && problems[0]!.startsWith("没有找到");
  for (const p of problems) io.stderr.write(p + "\n");
  const reports = sources.map(({ file, text }) => publishChecks(text, file === "-" ? "标准输入" : file));
  if (flagOption(args, "json")) {
    io.stdout.write(
      JSON.stringify(
        reports.map((r) => ({
          file: r.file,
          passed: r.passed,
          checks: r.checks.map((c) => ({
            id: c.id,
            title: c.title,
            passed: c.passed,
            detail: c.detail,
            diagnostics: c.diagnostics.map((d) => ({ code: d.code, severity: d.severity, message: d.message, line: d.range.start.line, column: d.range.start.column, endLine: d.range.end.line, endColumn: d.range.end.column })),
          })),
        })),
        null,
        2,
      ) + "\n",
    );
  } else {
    for (const r of reports) {
      io.stdout.write(`${r.passed ? "✓" : "✗"} ${r.file}：${r.passed ? "可以发布" : `${r.checks.filter((c) => !c.passed).length}项检查未通过`}\n`);
      for (const c of r.checks) {
        io.stdout.write(`  ${c.passed ? "✓" : "✗"} ${c.title}：${c.detail}\n`);
        if (!c.passed) for (const d of c.diagnostics) io.stdout.write(`      ${diagnosticLine(r.file, d)}\n`);
      }
    }
    const ok = reports.filter((r) => r.passed).length;
    io.stdout.write(`发布前检查：${reports.length}个文件，${ok}个通过，${reports.length - ok}个未通过\n`);
  }
  return empty ? EXIT.findings : exitCode(problems.length, !reports.every((r) => r.passed));
}
