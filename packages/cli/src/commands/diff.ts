/** `zhunsheng diff <old.zs> <new.zs> [--data samples.csv] [--format md|html|json] [--out file]` */
import { basename } from "node:path";
import { diffRubrics, measureImpact, memoDocx, memoMarkdown, reportHtml, reportJson, reportMarkdown, revisionMemo } from "@zhunsheng/publish";
import { flagOption, stringOption, type ParsedArgs } from "../args.ts";
import { newProblems, readPlatforms } from "../data-input.ts";
import { CliError, EXIT, readText, writeResult, type Io } from "../io.ts";
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
    const rows: (number | undefined)[] = [];
    const sheet = stringOption(args, "sheet");
    for await (const p of readPlatforms(dataPath, io, problems, { rubric: newR, ...(sheet !== undefined ? { sheet } : {}) })) {
      if (p.problems) {
        // a row that does not line up is left out of the impact and reported
        for (const e of p.problems) problems.lines.push(`${dataPath}:${p.row ?? ""} 错误 ${e.message}`);
        problems.errors++;
      } else {
        records.push(p.record);
        rows.push(p.row);
      }
    }
    impact = measureImpact(oldR, newR, records);
    // a platform whose values cannot be read (「1，500」, a unit that is not the rubric's) is not compared: said like a row that does not line up
    impact.platforms.forEach((p, i) => {
      const errors = p.errorsAfter.length > 0 ? p.errorsAfter : p.errorsBefore;
      if (errors.length === 0) return;
      problems.lines.push(`${dataPath}:${rows[i] ?? ""} 错误 ${p.platform}：${errors.join("；")}`);
      problems.errors++;
    });
    for (const line of problems.lines) io.stderr.write(line + "\n");
  }
  if (flagOption(args, "memo")) {
    if (format !== "md" && format !== "docx") throw new CliError(`修订说明的格式只能是 md 或 docx，不是「${format}」`);
    const reasonsPath = stringOption(args, "reasons");
    const reasons: Record<number, string> = {};
    if (reasonsPath)
      for (const line of (await readText(reasonsPath, io)).split("\n")) {
        const m = /^\s*(\d+)\s*[.、．:：]\s*(.+)$/.exec(line);
        if (m) reasons[Number(m[1])] = m[2]!.trim();
      }
    const memo = revisionMemo(oldR, newR, { oldFile: basename(oldPath), newFile: basename(newPath), ...(impact ? { impact, dataset: basename(dataPath!) } : {}), reasons });
    const out = stringOption(args, "out") ?? (format === "docx" ? "修订说明.docx" : undefined);
    await writeResult(out, format === "docx" ? await memoDocx(memo) : memoMarkdown(memo), io);
    const blank = memo.changes.filter((c) => c.reason === undefined).length;
    if (blank > 0) io.stderr.write(`修订说明：${memo.changes.length}处修订，${blank}处的修订理由待填写\n`);
    return problems.errors > 0 ? EXIT.findings : EXIT.ok;
  }
  if (format === "docx") throw new CliError("变更报告的格式可用 md、html、json；docx 只用于修订说明（--memo）");
  const report = { oldFile: oldPath, newFile: newPath, diff: diffRubrics(oldR, newR), impact };
  await writeResult(stringOption(args, "out"), format === "json" ? reportJson(report) : format === "html" ? reportHtml(report) : reportMarkdown(report), io);
  return problems.errors > 0 ? EXIT.findings : EXIT.ok;
}
