/** `zhunsheng fmt <paths…> [--check] [--json]`: one layout for every rubric, comments kept; `-` filters stdin to stdout. */
import { readFileSync, writeFileSync } from "node:fs";
import { format } from "@zhunsheng/core";
import { flagOption, type ParsedArgs } from "../args.ts";
import { collectRubricFiles } from "../files.ts";
import { CliError, decodeRubricText, EXIT, ioMessage, readText, type Io } from "../io.ts";
import { diagnosticLine } from "../render.ts";
import { diagnosticJson, type DiagnosticJson } from "../results.ts";
import { exitCode } from "./check.ts";

interface FmtResult {
  file: string;
  /** Whether the layout differs from the formatted one (and, without --check, was rewritten). */
  changed: boolean;
  diagnostics: DiagnosticJson[];
}

export async function run(args: ParsedArgs, io: Io): Promise<number> {
  const checkOnly = flagOption(args, "check");
  const json = flagOption(args, "json");
  if (args.positionals.includes("-")) {
    if (args.positionals.length > 1) throw new CliError("fmt - 只从标准输入读取一个体系，不能再给其他文件", EXIT.usage);
    const r = format(await readText("-", io));
    if (r.diagnostics.length > 0) {
      for (const d of r.diagnostics) io.stderr.write(diagnosticLine("标准输入", d) + "\n");
      return EXIT.findings;
    }
    if (checkOnly) return r.changed ? EXIT.findings : EXIT.ok;
    io.stdout.write(r.text);
    return EXIT.ok;
  }
  const { files, problems } = collectRubricFiles(args.positionals, io.cwd);
  if (files.length === 0 && problems.length === 0) problems.push(`没有找到评价体系文件（.zs）：${args.positionals.join("、")}`);
  const results: FmtResult[] = [];
  for (const { path: f, name: rel } of files) {
    let text: string;
    try {
      text = decodeRubricText(readFileSync(f), rel);
    } catch (e) {
      problems.push(e instanceof CliError ? e.message : ioMessage(e, rel));
      continue;
    }
    const r = format(text);
    results.push({ file: rel, changed: r.diagnostics.length === 0 && r.changed, diagnostics: r.diagnostics.map((d) => diagnosticJson(d)) });
    if (r.diagnostics.length > 0) {
      for (const d of r.diagnostics) io.stderr.write(diagnosticLine(rel, d) + "\n");
      continue;
    }
    if (!r.changed) continue;
    if (checkOnly) json || io.stdout.write(`需要格式化：${rel}\n`);
    else {
      try {
        writeFileSync(f, r.text);
      } catch (e) {
        problems.push(ioMessage(e, rel, true));
        continue;
      }
      json || io.stdout.write(`已格式化：${rel}\n`);
    }
  }
  for (const p of problems) io.stderr.write(p + "\n");
  const failed = results.filter((r) => r.diagnostics.length > 0).length;
  const needs = results.filter((r) => r.changed).length;
  if (json) io.stdout.write(JSON.stringify(results, null, 2) + "\n");
  else if (checkOnly && needs === 0 && failed === 0 && results.length > 0) io.stdout.write(`${results.length}个文件排版均已规范\n`);
  const empty = results.length === 0 && problems.length === 1 && problems[0]!.startsWith("没有找到");
  return empty ? EXIT.findings : exitCode(problems.length, failed > 0 || (checkOnly && needs > 0));
}
