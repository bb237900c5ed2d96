/** `zhunsheng import <table.txt|.csv|.xlsx> [--table 名称片段] [--out draft.zs]`: an indicator table → a draft rubric. */
import { basename, extname } from "node:path";
import { draftFromTable, parseTables, pickTable, readXlsxRows, tableFromRows, type ImportedTable } from "@zhunsheng/publish";
import type { Io } from "../main.ts";
import { diagnosticLine, emit, flag, readBytes, readText, type Flags } from "./common.ts";

export async function importCommand(positional: string[], flags: Flags, io: Io): Promise<number> {
  const path = positional[0];
  if (!path) {
    io.stderr.write("用法：zhunsheng import <指标体系表.txt|.csv|.xlsx> [--table 表名片段] [--out 草稿.zs]\n");
    return 2;
  }
  let tables: ImportedTable[];
  if (extname(path).toLowerCase() === ".xlsx") {
    const bytes = readBytes(path, io);
    if (!bytes) return 1;
    const t = tableFromRows(await readXlsxRows(bytes), basename(path, ".xlsx"));
    tables = t ? [t] : [];
  } else {
    const text = readText(path, io);
    if (text === undefined) return 1;
    tables = parseTables(text);
  }
  if (tables.length === 0) {
    io.stderr.write(`${path}：没有找到指标体系表（需要「类别」「指标」「分值」「指标描述」列）\n`);
    return 1;
  }
  const wanted = flag(flags, "table");
  const table = pickTable(tables, wanted);
  if (!table) {
    io.stderr.write(`没有标题含「${wanted}」的表；文件中的表：${tables.map((t) => `「${t.title}」`).join("")}\n`);
    return 1;
  }
  if (tables.length > 1 && !wanted) io.stderr.write(`文件中有${tables.length}张表，导入了第一张「${table.title}」；用 --table 选择：${tables.map((t) => `「${t.title}」`).join("")}\n`);
  const draft = draftFromTable(table, { source: `${basename(path)}「${table.title}」` });
  const out = flag(flags, "out");
  emit(out, draft.text, io);
  io.stderr.write(`导入「${table.title}」：${table.rows.length}个指标，识别出${draft.recognised.length}处计分句，${draft.marks.length}处待补\n`);
  for (const m of draft.marks) io.stderr.write(`  ${out ?? "草稿"}:${m.line} 待补 指标「${m.indicator}」：${m.text}\n`);
  for (const d of draft.diagnostics.filter((x) => x.severity !== "info")) io.stderr.write(`  ${diagnosticLine(out ?? "草稿", d)}\n`);
  return 0;
}
