/**
 * `zhunsheng score <rubric> --data <file> [--json | --jsonl] [--out file]`: every platform of a
 * data file scored by the compiled scorer. Rows are read in batches and written as they are
 * scored (--json: one array written incrementally; --jsonl: one object per line), so memory
 * stays flat whatever the number of rows; the header is bound to the rubric's inputs once.
 */
import type { RowScorer, Rubric } from "@zhunsheng/core";
import { flagOption, stringOption, type ParsedArgs } from "../args.ts";
import { newProblems, readPlatformBatches } from "../data-input.ts";
import { CliError, displayName, EXIT, openSink, type Io } from "../io.ts";
import { table } from "../render.ts";
import { createVerdictText, unnamedPlatform, unreadableRowJson, verdictJson, type VerdictJson } from "../results.ts";
import { loadRubric, scorerOf } from "./common.ts";

export async function run(args: ParsedArgs, io: Io): Promise<number> {
  const dataPath = stringOption(args, "data");
  if (!dataPath) throw new CliError("缺少 --data <数据文件>（zhunsheng score --help 查看用法）", EXIT.usage);
  const rubricPath = args.positionals[0]!;
  if (rubricPath === "-" && dataPath === "-") throw new CliError("体系和数据不能都从标准输入读取", EXIT.usage);
  const json = flagOption(args, "json");
  const jsonl = flagOption(args, "jsonl");
  if (json && jsonl) throw new CliError("--json 与 --jsonl 只能选一个", EXIT.usage);
  const loaded = await loadRubric(rubricPath, io);
  const { rubric } = loaded;
  const scorer = scorerOf(loaded);
  const dataName = displayName(dataPath);

  const problems = newProblems();
  const sink = openSink(stringOption(args, "out"), io);
  let bound: { columns: readonly string[]; scorer: RowScorer } | undefined;
  let missingAt: number | undefined; // where the file's lines stood when the header was first bound
  const verdictText = createVerdictText();
  let count = 0;
  let bad = 0;
  const badLines: string[] = [];
  const tableRows: string[][] = [];
  if (json) await sink.write("[");
  // one row's text at a time into the sink, which writes 64 KB chunks (and only then may have to wait)
  const line = (text: string) => (json ? (count === 1 ? "\n" : ",\n") + text : text + "\n");
  for await (const rows of readPlatformBatches(dataPath, io, problems, { rubric, ...sheetOption(args) })) {
    for (const row of rows) {
      count++;
      // (a JSON element refused before any platform brought a field has no columns: nothing to bind)
      if (row.columns !== bound?.columns && (row.columns.length > 0 || !row.errors)) {
        bound = { columns: row.columns, scorer: scorer.bindColumns(row.columns) };
        missingAt ??= problems.lines.length;
      }
      const verdict = row.errors ? undefined : bound!.scorer.score(row.values);
      const name = row.platform ?? unnamedPlatform(count);
      if (!verdict || verdict.errors.length > 0) bad++;
      if (json || jsonl) {
        const pending = sink.write(line(verdict ? verdictText(verdict, name, row.row) : JSON.stringify(unreadableRowJson(name, row.row, row.errors!))));
        if (pending) await pending;
      } else {
        const v = verdict ? verdictJson(verdict, name, row.row) : unreadableRowJson(name, row.row, row.errors!);
        tableRows.push(tableRow(rubric, v));
        for (const e of v.errors) badLines.push(`  ${v.platform}：${e.message}`);
      }
    }
  }
  if (json) await sink.write(count === 0 ? "]\n" : "\n]\n");
  else if (!jsonl && (count > 0 || problems.errors === 0)) {
    await sink.write(table(tableHeader(rubric), tableRows, (c) => c === 1 || c >= 3 + (rubric.eligibility ? 1 : 0)));
    if (bad > 0) await sink.write(`\n${bad}个平台的数据有误：\n${badLines.join("\n")}\n`);
  }
  await sink.close();

  // JSON columns grow as platforms bring new fields: only a column no platform gave is missing for every platform
  const missing = bound?.scorer.missingColumns ?? [];
  if (missing.length > 0) problems.lines.splice(missingAt!, 0, `${dataName}：表头中没有「${missing.join("」「")}」列，每个平台都缺少这些数据`);

  for (const line of problems.lines) io.stderr.write(line + "\n");
  if (count === 0 && problems.errors === 0) io.stderr.write(`${dataName}：数据文件中没有平台\n`);
  if (bad > 0 && (json || jsonl)) io.stderr.write(`${bad}个平台的数据有误，总分为 null（原因见各平台的 errors）\n`);
  return count === 0 || bad > 0 || problems.errors > 0 ? EXIT.findings : EXIT.ok;
}

function sheetOption(args: ParsedArgs): { sheet?: string } {
  const sheet = stringOption(args, "sheet");
  return sheet ? { sheet } : {};
}

function tableHeader(rubric: Rubric): string[] {
  return ["平台", "总分", rubric.gradeKind, ...(rubric.eligibility ? ["认定"] : []), ...rubric.categories.map((c) => c.name)];
}

function tableRow(rubric: Rubric, v: VerdictJson): string[] {
  return [
    v.platform,
    v.total ?? "数据有误",
    v.grade ?? "",
    ...(rubric.eligibility ? [v.eligible === null ? "" : v.eligible ? (v.relaxed ? "是（放宽）" : "是") : "否"] : []),
    ...rubric.categories.map((c) => v.categories.find((x) => x.name === c.name)?.score ?? ""),
  ];
}
