/** `zhunsheng diff <old.zs> <new.zs> [--data samples.csv] [--format md|html|json] [--out file]` */
import { diffRubrics, measureImpact, reportHtml, reportJson, reportMarkdown } from "@zhunsheng/publish";
import type { Io } from "../main.ts";
import { emit, flag, loadRecords, loadRubric, type Flags } from "./common.ts";

export function diffCommand(positional: string[], flags: Flags, io: Io): number {
  const [oldPath, newPath] = positional;
  if (!oldPath || !newPath) {
    io.stderr.write("用法：zhunsheng diff <原版本.zs> <新版本.zs> [--data 数据.csv] [--format md|html|json] [--out 文件]\n");
    return 2;
  }
  const format = flag(flags, "format") ?? "md";
  if (!["md", "html", "json"].includes(format)) {
    io.stderr.write(`不支持的格式「${format}」：可用 md、html、json\n`);
    return 2;
  }
  const oldR = loadRubric(oldPath, io);
  const newR = loadRubric(newPath, io);
  if (!oldR || !newR) return 1;
  const dataPath = flag(flags, "data");
  let impact;
  if (dataPath) {
    const records = loadRecords(dataPath, io);
    if (!records) return 1;
    impact = measureImpact(oldR, newR, records);
  }
  const report = { oldFile: oldPath, newFile: newPath, diff: diffRubrics(oldR, newR), impact };
  emit(flag(flags, "out"), format === "json" ? reportJson(report) : format === "html" ? reportHtml(report) : reportMarkdown(report), io);
  return 0;
}
