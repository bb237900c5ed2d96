/** `zhunsheng check --publish <files…> [--json]`: the pre-publication checks, each pass or fail with its places. */
import { readFileSync } from "node:fs";
import { relative } from "node:path";
import { publishChecks } from "@zhunsheng/publish";
import { collectRubricFiles, type Io } from "../main.ts";
import { diagnosticLine, type Flags } from "./common.ts";

export function publishCheckCommand(positional: string[], flags: Flags, io: Io): number {
  const files = collectRubricFiles(positional.length ? positional : ["."], io.cwd);
  const reports = files.map((f) => publishChecks(readFileSync(f, "utf8"), relative(io.cwd, f)));
  if (flags.has("json")) {
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
  return reports.every((r) => r.passed) ? 0 : 1;
}
