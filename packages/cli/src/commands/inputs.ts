/** `zhunsheng inputs <rubric> [--json] [--template csv|xlsx] [--out file]`: what data a rubric needs. */
import { basename, extname } from "node:path";
import { TYPE_LABEL } from "@zhunsheng/core";
import { templateColumnsOf, templateCsv, writeTemplateXlsx } from "@zhunsheng/data";
import { flagOption, stringOption, type ParsedArgs } from "../args.ts";
import { EXIT, writeResult, type Io } from "../io.ts";
import { table } from "../render.ts";
import { loadRubric } from "./common.ts";

export async function run(args: ParsedArgs, io: Io): Promise<number> {
  const path = args.positionals[0]!;
  const { rubric } = await loadRubric(path, io);
  let out = stringOption(args, "out");
  const template = stringOption(args, "template");
  if (template === "csv") {
    await writeResult(out, templateCsv(templateColumnsOf(rubric.inputs)), io);
    return EXIT.ok;
  }
  if (template === "xlsx") {
    // a workbook never goes to a terminal: default to <rubric>-数据表.xlsx in the working directory
    if (!out) out = `${path === "-" ? "评价体系" : basename(path, extname(path))}-数据表.xlsx`;
    await writeResult(out, await writeTemplateXlsx(templateColumnsOf(rubric.inputs), `${rubric.header.title} 数据表`), io);
    if (out !== "-") io.stderr.write(`已写入：${out}\n`);
    return EXIT.ok;
  }
  const list = rubric.inputs.map((i) => ({
    name: i.name,
    kind: i.kind,
    type: i.type,
    typeLabel: TYPE_LABEL[i.type],
    unit: i.unit ?? null,
    min: i.min ?? null,
    max: i.max ?? null,
    direction: i.direction ?? null,
    description: i.description ?? null,
  }));
  if (flagOption(args, "json")) {
    await writeResult(out, JSON.stringify(list, null, 2) + "\n", io);
    return EXIT.ok;
  }
  const kindLabel = { input: "输入", derived: "派生", evidence: "材料" } as const;
  await writeResult(
    out,
    table(
      ["名称", "类别", "类型", "单位", "范围", "说明"],
      list.map((i) => [i.name, kindLabel[i.kind], i.typeLabel, i.unit ?? "", i.min !== null || i.max !== null ? `${i.min ?? ""}～${i.max ?? ""}` : "", i.description ?? ""]),
    ),
    io,
  );
  return EXIT.ok;
}
