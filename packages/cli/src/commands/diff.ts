/** `zhunsheng diff <old.zs> <new.zs> [--data samples.csv] [--format md|html|json] [--out file]` */
import { diffRubrics, measureImpact, reportHtml, reportJson, reportMarkdown } from "@zhunsheng/publish";
import { flagOption, stringOption, type ParsedArgs } from "../args.ts";
import { newProblems, readPlatforms } from "../data-input.ts";
import { EXIT, writeResult, type Io } from "../io.ts";
import { loadRubric } from "./common.ts";

export async function run(args: ParsedArgs, io: Io): Promise<number> {
  const [oldPath, newPath] = args.positionals as [string, string];
  const format = flagOption(args, "json") ? "json" : (stringOption(args, "format") ?? "md");
  const oldR = (await loadRubric(oldPath, io)).rubric;
  const newR = (await loadRubric(newPath, io)).rubric;
  const dataPath = stringOption(args, "data");
  let impact;
  const problems = newProblems();
  if (dataPath) {
    const records = [];
    const sheet = stringOption(args, "sheet");
    for await (const p of readPlatforms(dataPath, io, problems, { rubric: newR, ...(sheet !== undefined ? { sheet } : {}) })) {
      if (p.problems) {
        // a row that does not line up is left out of the impact and reported
        for (const m of p.problems) problems.lines.push(`${dataPath}:${p.row ?? ""} 错误 ${m}`);
        problems.errors++;
      } else records.push(p.record);
    }
    for (const line of problems.lines) io.stderr.write(line + "\n");
    impact = measureImpact(oldR, newR, records);
  }
  const report = { oldFile: oldPath, newFile: newPath, diff: diffRubrics(oldR, newR), impact };
  await writeResult(stringOption(args, "out"), format === "json" ? reportJson(report) : format === "html" ? reportHtml(report) : reportMarkdown(report), io);
  return problems.errors > 0 ? EXIT.findings : EXIT.ok;
}
