/** `zhunsheng inputs <rubric> [--json] [--template csv] [--out file]`: what data a rubric needs. */
import { templateColumns, toCsv, TYPE_LABEL } from "@zhunsheng/core";
import { flagOption, stringOption, type ParsedArgs } from "../args.ts";
import { EXIT, writeResult, type Io } from "../io.ts";
import { table } from "../render.ts";
import { loadRubric } from "./common.ts";

export async function run(args: ParsedArgs, io: Io): Promise<number> {
  const { rubric } = await loadRubric(args.positionals[0]!, io);
  const out = stringOption(args, "out");
  if (stringOption(args, "template") === "csv") {
    await writeResult(out, "\uFEFF" + toCsv([templateColumns(rubric)]), io);
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
