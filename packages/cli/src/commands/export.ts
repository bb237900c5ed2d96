/**
 * `zhunsheng export <rubric.zs> --format docx|xlsx|html|md [--out file] [--draft] [--regenerate]`:
 * the official indicator table — written only when the rubric passes `check --publish` and every
 * description says what its rules say; `--draft` writes a 征求意见稿, `--regenerate` writes the
 * rules' numbers into disagreeing descriptions instead of refusing.
 */
import { basename, extname } from "node:path";
import { preparePublication, tableDocx, tableHtml, tableMarkdown, tableXlsx } from "@zhunsheng/publish";
import { flagOption, stringOption, type ParsedArgs } from "../args.ts";
import { displayName, EXIT, readText, writeResult, type Io } from "../io.ts";

export async function run(args: ParsedArgs, io: Io): Promise<number> {
  const path = args.positionals[0]!;
  const format = stringOption(args, "format") ?? "md";
  const draft = flagOption(args, "draft");
  const name = displayName(path);
  const publication = preparePublication(await readText(path, io), name, { draft, regenerate: flagOption(args, "regenerate") });
  for (const r of publication.rewritten) io.stderr.write(`${name}:${r.line} 按计分句改写指标「${r.indicator}」的描述（只改导出的文本，文件未改）\n`);
  if (!publication.ok) {
    // the reason first, then each place on its own line
    io.stderr.write(`${name}：不能导出。${publication.reason}\n`);
    for (const p of publication.problems) io.stderr.write(`  ${name}:${p.line}:${p.column} ${p.code ? `${p.code} ` : ""}${p.message}\n`);
    return EXIT.findings;
  }
  const table = publication.table;
  let out = stringOption(args, "out");
  // binary formats never go to a terminal: default to <rubric name>[-征求意见稿].<format> in the working directory
  if (!out && (format === "docx" || format === "xlsx")) out = `${path === "-" ? "指标体系" : basename(path, extname(path))}${draft ? "-征求意见稿" : ""}.${format}`;
  const content = format === "docx" ? await tableDocx(table) : format === "xlsx" ? await tableXlsx(table) : format === "html" ? tableHtml(table) : tableMarkdown(table);
  await writeResult(out, content, io);
  if (draft) io.stderr.write(`征求意见稿：每页标有「征求意见稿」，附${publication.openProblems.length}个待解决的问题\n`);
  return EXIT.ok;
}
