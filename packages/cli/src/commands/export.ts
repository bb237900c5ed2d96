/** `zhunsheng export <rubric.zs> --format docx|xlsx|html|md [--out file]`: the official indicator table. */
import { basename, extname } from "node:path";
import { officialTable, tableDocx, tableHtml, tableMarkdown, tableXlsx } from "@zhunsheng/publish";
import { stringOption, type ParsedArgs } from "../args.ts";
import { EXIT, writeResult, type Io } from "../io.ts";
import { loadRubric } from "./common.ts";

export async function run(args: ParsedArgs, io: Io): Promise<number> {
  const path = args.positionals[0]!;
  const format = stringOption(args, "format") ?? "md";
  const { rubric } = await loadRubric(path, io);
  const table = officialTable(rubric);
  let out = stringOption(args, "out");
  // binary formats never go to a terminal: default to <rubric name>.<format> in the working directory
  if (!out && (format === "docx" || format === "xlsx")) out = `${path === "-" ? "指标体系" : basename(path, extname(path))}.${format}`;
  const content = format === "docx" ? await tableDocx(table) : format === "xlsx" ? await tableXlsx(table) : format === "html" ? tableHtml(table) : tableMarkdown(table);
  await writeResult(out, content, io);
  return EXIT.ok;
}
