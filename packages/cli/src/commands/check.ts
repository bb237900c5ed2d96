/** `zhunsheng check [paths…] [--json] [--publish]`: diagnostics of every rubric, or the pre-publication checks. */
import { analyze, type Diagnostic, type Severity } from "@zhunsheng/core";
import { flagOption, type ParsedArgs } from "../args.ts";
import { collectRubricFiles } from "../files.ts";
import { readFileSync } from "node:fs";
import { CliError, decodeRubricText, EXIT, ioMessage, readText, type Io } from "../io.ts";
import { diagnosticJson } from "../results.ts";
import { diagnosticLine } from "../render.ts";

/** The rubric texts a checking command reads: files under the paths, `-` for stdin. */
export async function readRubrics(paths: readonly string[], io: Io): Promise<{ sources: { file: string; text: string }[]; problems: string[] }> {
  const given = paths.length > 0 ? paths : ["."];
  const { files, problems } = collectRubricFiles(given.filter((p) => p !== "-"), io.cwd);
  const sources: { file: string; text: string }[] = [];
  if (given.includes("-")) sources.push({ file: "-", text: await readText("-", io) });
  for (const f of files) {
    try {
      sources.push({ file: f.name, text: decodeRubricText(readFileSync(f.path), f.name) });
    } catch (e) {
      if (e instanceof CliError) problems.push(e.message);
      else problems.push(ioMessage(e, f.name));
    }
  }
  if (sources.length === 0 && problems.length === 0) problems.push(`没有找到评价体系文件（.zs）：${given.join("、")}`);
  return { sources, problems };
}

/** 2 when something could not be read; else 1 on findings; else 0. */
export function exitCode(ioProblems: number, findings: boolean): number {
  return ioProblems > 0 ? EXIT.usage : findings ? EXIT.findings : EXIT.ok;
}

export async function run(args: ParsedArgs, io: Io): Promise<number> {
  if (flagOption(args, "publish")) return (await import("./publish-check.ts")).publishCheck(args, io);
  const { sources, problems } = await readRubrics(args.positionals, io);
  // an empty folder is a finding, not a pass; an unreadable path is an I/O problem
  const empty = sources.length === 0 && problems.length === 1 && problems[0]!.startsWith("没有找到");
  for (const p of problems) io.stderr.write(p + "\n");
  const all: { file: string; d: Diagnostic }[] = [];
  for (const { file, text } of sources) for (const d of analyze(text, file === "-" ? "标准输入" : file).diagnostics) all.push({ file: file === "-" ? "标准输入" : file, d });
  const count = (s: Severity) => all.filter((x) => x.d.severity === s).length;
  if (flagOption(args, "json")) io.stdout.write(JSON.stringify(all.map(({ file, d }) => diagnosticJson(d, file)), null, 2) + "\n");
  else {
    for (const { file, d } of all) io.stdout.write(diagnosticLine(file, d) + "\n");
    io.stdout.write(`检查了${sources.length}个文件：${count("error")}个错误，${count("warning")}个警告，${count("info")}条信息，${count("hint")}条提示${problems.length && !empty ? `；${problems.length}个路径无法读取` : ""}\n`);
  }
  return empty ? EXIT.findings : exitCode(problems.length, count("error") > 0);
}
