/**
 * `zhunsheng import <表格.docx|.xlsx|.csv|.txt|.md|.html> [--table 名称片段] [--sheet 工作表] [--out 草稿.zs] [--report 报告.md] [--json]`:
 * an indicator table as an officer has it → a draft rubric, with a recognition report. Exit 1 when
 * the draft has errors (the officer must finish it before it can be used).
 */
import { existsSync, readFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { draftFromTable, importReportMarkdown, parseVocabulary, pickTable, readIndicatorTables, type Vocabulary } from "@zhunsheng/publish";
import { flagOption, stringOption, type ParsedArgs } from "../args.ts";
import { CliError, displayName, EXIT, readBytes, writeResult, type Io } from "../io.ts";
import { diagnosticLine } from "../render.ts";

/** rules/concepts/概念.json above the table's folder or the working directory, when there is one. */
function findVocabulary(start: string): Vocabulary | undefined {
  for (let dir = start; ; dir = dirname(dir)) {
    const file = join(dir, "rules", "concepts", "概念.json");
    if (existsSync(file)) return parseVocabulary(readFileSync(file, "utf8")).vocabulary;
    if (dirname(dir) === dir) return undefined;
  }
}

export async function run(args: ParsedArgs, io: Io): Promise<number> {
  const path = args.positionals[0]!;
  const name = displayName(path);
  const sheet = stringOption(args, "sheet");
  const read = await readIndicatorTables(path === "-" ? "标准输入.txt" : basename(path), await readBytes(path, io), sheet ? { sheet } : {});
  if ("error" in read) throw new CliError(read.error, EXIT.findings);
  const tables = read.tables;
  const wanted = stringOption(args, "table");
  const table = pickTable(tables, wanted);
  if (!table) throw new CliError(`${name}：没有标题含「${wanted}」的表；文件中的表：${tables.map((t) => `「${t.title}」`).join("")}`, EXIT.findings);
  if (tables.length > 1 && !wanted) io.stderr.write(`文件中有${tables.length}张表，导入了第一张「${table.title}」；用 --table 选择：${tables.map((t) => `「${t.title}」`).join("")}\n`);
  const vocabulary = findVocabulary(path === "-" ? io.cwd : dirname(resolve(io.cwd, path))) ?? findVocabulary(io.cwd);
  const draft = draftFromTable(table, { source: `${basename(path)}「${table.title}」`, ...(vocabulary ? { vocabulary } : {}) });
  const out = stringOption(args, "out");
  const where = out ?? "草稿";
  const errors = draft.diagnostics.filter((d) => d.severity === "error");
  if (flagOption(args, "json")) {
    io.stdout.write(
      JSON.stringify(
        {
          title: table.title,
          indicators: table.rows.length,
          sentences: draft.sentences,
          recognised: draft.recognised,
          marks: draft.marks,
          diagnostics: draft.diagnostics.map((d) => ({ code: d.code, severity: d.severity, message: d.message, line: d.range.start.line, column: d.range.start.column })),
          text: draft.text,
        },
        null,
        2,
      ) + "\n",
    );
    if (out) await writeResult(out, draft.text, io);
  } else await writeResult(out, draft.text, io);
  const report = stringOption(args, "report");
  if (report) await writeResult(report, importReportMarkdown(table, draft, where), io);
  const { scoring, recognised } = draft.sentences;
  io.stderr.write(`导入「${table.title}」：${table.rows.length}个指标；计分句${scoring}句，完整识别${recognised}句（${scoring > 0 ? Math.floor((recognised / scoring) * 1000) / 10 : 100}%），${draft.marks.length}处待补\n`);
  for (const m of draft.marks) io.stderr.write(`  ${where}:${m.line} 待补 指标「${m.indicator}」：${m.text}\n`);
  for (const d of draft.diagnostics.filter((x) => x.severity === "error" || x.severity === "warning")) io.stderr.write(`  ${diagnosticLine(where, d)}\n`);
  if (errors.length > 0) io.stderr.write(`草稿有${errors.length}个错误：改正后才能评分\n`);
  return errors.length > 0 ? EXIT.findings : EXIT.ok;
}
