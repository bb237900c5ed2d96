/** `zhunsheng import <table.txt|.csv|.xlsx> [--table 名称片段] [--out draft.zs]`: an indicator table → a draft rubric. */
import { basename, extname } from "node:path";
import { draftFromTable, parseTables, pickTable, readXlsxRows, tableFromRows, type ImportedTable } from "@zhunsheng/publish";
import { stringOption, type ParsedArgs } from "../args.ts";
import { CliError, displayName, EXIT, readBytes, readText, writeResult, type Io } from "../io.ts";
import { diagnosticLine } from "../render.ts";

export async function run(args: ParsedArgs, io: Io): Promise<number> {
  const path = args.positionals[0]!;
  let tables: ImportedTable[];
  if (extname(path).toLowerCase() === ".xlsx") {
    const t = tableFromRows(await readXlsxRows(await readBytes(path, io)), basename(path, ".xlsx"));
    tables = t ? [t] : [];
  } else tables = parseTables(await readText(path, io));
  if (tables.length === 0) throw new CliError(`${displayName(path)}：没有找到指标体系表（需要「类别」「指标」「分值」「指标描述」列）`, EXIT.findings);
  const wanted = stringOption(args, "table");
  const table = pickTable(tables, wanted);
  if (!table) throw new CliError(`没有标题含「${wanted}」的表；文件中的表：${tables.map((t) => `「${t.title}」`).join("")}`, EXIT.findings);
  if (tables.length > 1 && !wanted) io.stderr.write(`文件中有${tables.length}张表，导入了第一张「${table.title}」；用 --table 选择：${tables.map((t) => `「${t.title}」`).join("")}\n`);
  const draft = draftFromTable(table, { source: `${basename(path)}「${table.title}」` });
  const out = stringOption(args, "out");
  await writeResult(out, draft.text, io);
  io.stderr.write(`导入「${table.title}」：${table.rows.length}个指标，识别出${draft.recognised.length}处计分句，${draft.marks.length}处待补\n`);
  for (const m of draft.marks) io.stderr.write(`  ${out ?? "草稿"}:${m.line} 待补 指标「${m.indicator}」：${m.text}\n`);
  for (const d of draft.diagnostics.filter((x) => x.severity !== "info")) io.stderr.write(`  ${diagnosticLine(out ?? "草稿", d)}\n`);
  return EXIT.ok;
}
