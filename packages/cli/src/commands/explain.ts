/** `zhunsheng explain <rubric> --data <file> --platform <name> [--json]`: why one platform scored what it did. */
import { stringOption, flagOption, type ParsedArgs } from "../args.ts";
import { newProblems, readPlatforms, type PlatformRow } from "../data-input.ts";
import { CliError, displayName, EXIT, writeResult, type Io } from "../io.ts";
import { renderExplanation } from "../render.ts";
import { explanationJson, unnamedPlatform, unreadableRowJson, verdictJson } from "../results.ts";
import { loadRubric, scorerOf } from "./common.ts";

export async function run(args: ParsedArgs, io: Io): Promise<number> {
  const dataPath = stringOption(args, "data");
  const name = stringOption(args, "platform");
  if (!dataPath || !name) throw new CliError(`缺少 ${dataPath ? "--platform <名称>" : "--data <数据文件>"}（zhunsheng explain --help 查看用法）`, EXIT.usage);
  const rubricPath = args.positionals[0]!;
  if (rubricPath === "-" && dataPath === "-") throw new CliError("体系和数据不能都从标准输入读取", EXIT.usage);
  const loaded = await loadRubric(rubricPath, io);
  const { rubric } = loaded;
  const problems = newProblems();
  const sheet = stringOption(args, "sheet");
  const scorer = scorerOf(loaded);
  /** The first platforms of that name (five at most, and how many there are): two of them and the explanation would be of whichever came first. */
  const named: PlatformRow[] = [];
  let sameName = 0;
  const near: string[] = [];
  for await (const p of readPlatforms(dataPath, io, problems, { rubric, quiet: ["ZS6019"], ...(sheet !== undefined ? { sheet } : {}) })) {
    // the platform's name as the data file gives it: one rule (@zhunsheng/data) for score and explain
    const platform = p.platform ?? unnamedPlatform(p.index);
    if (platform === name) {
      if (++sameName <= 5) named.push(p);
    } else if (near.length < 3 && (platform.includes(name) || name.includes(platform))) near.push(platform);
  }
  for (const line of problems.lines) io.stderr.write(line + "\n");
  const found = named[0];
  // a file that could not be read (several data sheets, no header…) has said why: 「没有名为…的平台」 would be a second, wrong reason
  if (!found && problems.errors > 0) return EXIT.findings;
  if (!found) throw new CliError(`${displayName(dataPath)} 中没有名为「${name}」的平台${near.length ? `，你是不是想找「${near.join("」「")}」？` : ""}`, EXIT.findings);
  if (sameName > 1) {
    const where = named.map((p) => (p.row !== undefined ? `第${p.row}行` : `第${p.index}个平台`));
    throw new CliError(`${displayName(dataPath)} 中有${sameName}个名为「${name}」的平台（${where.join("、")}${sameName > 5 ? "等" : ""}），无法确定说明哪一个：请在数据文件中改正重名的平台名称`, EXIT.findings);
  }
  if (found.problems) {
    const bad = unreadableRowJson(name, found.row, found.problems);
    if (flagOption(args, "json")) await writeResult(stringOption(args, "out"), JSON.stringify(bad, null, 2) + "\n", io);
    else io.stderr.write(`${displayName(dataPath)}:${found.row ?? ""} 平台「${name}」的数据无法评分：${found.problems.map((e) => e.message).join("；")}\n`);
    return EXIT.findings;
  }
  const verdict = verdictJson(scorer.score(found.record), name, found.row);
  const explanation = scorer.explain(found.record);
  const out = stringOption(args, "out");
  if (flagOption(args, "json")) await writeResult(out, JSON.stringify({ ...verdict, explanation: explanationJson(explanation) }, null, 2) + "\n", io);
  else await writeResult(out, renderExplanation(explanation) + "\n", io);
  return verdict.errors.length > 0 ? EXIT.findings : EXIT.ok;
}
