/** `zhunsheng export <rubric.zs> --format docx|xlsx|html|md [--out file]`: the official indicator table. */
import { basename, extname } from "node:path";
import { officialTable, tableDocx, tableHtml, tableMarkdown, tableXlsx } from "@zhunsheng/publish";
import type { Io } from "../main.ts";
import { emit, flag, loadRubric, type Flags } from "./common.ts";

export async function exportCommand(positional: string[], flags: Flags, io: Io): Promise<number> {
  const path = positional[0];
  const format = flag(flags, "format") ?? "md";
  if (!path || !["docx", "xlsx", "html", "md"].includes(format)) {
    io.stderr.write("用法：zhunsheng export <体系文件.zs> --format docx|xlsx|html|md [--out 文件]\n");
    return 2;
  }
  const rubric = loadRubric(path, io);
  if (!rubric) return 1;
  const table = officialTable(rubric);
  let out = flag(flags, "out");
  // binary formats never go to a terminal: default to <rubric name>.<format> in the working directory
  if (!out && (format === "docx" || format === "xlsx")) out = `${basename(path, extname(path))}.${format}`;
  const content = format === "docx" ? await tableDocx(table) : format === "xlsx" ? await tableXlsx(table) : format === "html" ? tableHtml(table) : tableMarkdown(table);
  emit(out, content, io);
  return 0;
}
