/**
 * `zhunsheng score <rubric> --data <file> [--json | --jsonl] [--out file]`: every platform of a
 * data file scored by the compiled scorer. Platforms are read and written one at a time: --json
 * prints one array written incrementally, --jsonl one object per line; memory stays flat.
 */
import type { Rubric } from "@zhunsheng/core";
import { flagOption, stringOption, type ParsedArgs } from "../args.ts";
import { newProblems, readPlatforms } from "../data-input.ts";
import { CliError, displayName, EXIT, openSink, type Io } from "../io.ts";
import { table } from "../render.ts";
import { unnamedPlatform, unreadableRowJson, verdictJson, type VerdictJson } from "../results.ts";
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

  const problems = newProblems();
  const sink = openSink(stringOption(args, "out"), io);
  const scorer = scorerOf(loaded);
  let count = 0;
  let bad = 0;
  const badLines: string[] = [];
  const tableRows: string[][] = [];
  if (json) await sink.write("[");
  const sheet = stringOption(args, "sheet");
  for await (const p of readPlatforms(dataPath, io, problems, { rubric, ...(sheet !== undefined ? { sheet } : {}) })) {
    const name = p.platform ?? unnamedPlatform(p.index);
    // a row that does not line up with the header is never scored: its values would be the wrong ones
    const v = p.problems ? unreadableRowJson(name, p.row, p.problems) : verdictJson(scorer.score(p.record), name, p.row);
    count++;
    if (v.errors.length > 0) {
      bad++;
      if (!json && !jsonl) for (const e of v.errors) badLines.push(`  ${v.platform}：${e.message}`);
    }
    if (json) await sink.write((count === 1 ? "\n" : ",\n") + JSON.stringify(v));
    else if (jsonl) await sink.write(JSON.stringify(v) + "\n");
    else tableRows.push(tableRow(rubric, v));
  }
  if (json) await sink.write(count === 0 ? "]\n" : "\n]\n");
  else if (!jsonl && (count > 0 || problems.errors === 0)) {
    await sink.write(table(tableHeader(rubric), tableRows, (c) => c === 1 || c >= 2 + (rubric.eligibility ? 2 : 1)));
    if (bad > 0) await sink.write(`\n${bad}个平台的数据有误：\n${badLines.join("\n")}\n`);
  }
  await sink.close();

  for (const line of problems.lines) io.stderr.write(line + "\n");
  if (count === 0 && problems.errors === 0) io.stderr.write(`${displayName(dataPath)}：数据文件中没有平台\n`);
  if (bad > 0 && (json || jsonl)) io.stderr.write(`${bad}个平台的数据有误，总分为 null（原因见各平台的 errors）\n`);
  return count === 0 || bad > 0 || problems.errors > 0 ? EXIT.findings : EXIT.ok;
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

