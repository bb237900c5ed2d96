/**
 * Runs a rubric's 用例 through the oracle (§12): the hand-checked expectations written in rules/ are the
 * oracle's own test — if it disagrees with a hand computation, the oracle is wrong, not the case.
 */
import type { CaseAst } from "@zhunsheng/core";
import { cmp, dec, show } from "./fraction.ts";
import type { Oracle, OracleVerdict } from "./oracle.ts";

/** §12: 未写出的输入按 0／否 计 (alternatives of a 选其一 stay empty unless written). */
export function caseRecord(oracle: Oracle, c: CaseAst): Record<string, string> {
  const alternatives = new Set(oracle.chooseOneGroups.flat());
  const record: Record<string, string> = {};
  for (const i of oracle.entered) {
    // §12: 取值型按最低的取值，清单型按「无」
    record[i.name.text] =
      alternatives.has(i.name.text) || i.type === "text"
        ? ""
        : i.kind === "evidence" || i.type === "yesno"
          ? "否"
          : i.type === "enum"
            ? i.values[i.values.length - 1]!.text
            : i.type === "list"
              ? "无"
              : i.type === "score"
                ? (i.low?.value ?? "0")
                : "0";
  }
  // §6.12 选项: the case fills in the option whose inputs it names (the first when it names none); the others stay empty
  const named = new Set(c.inputs.map((v) => v.name.text));
  for (const g of oracle.optionGroups) {
    const pick = g.options.find((o) => o.own.some((n) => named.has(n))) ?? g.options[0]!;
    for (const o of g.options) if (o !== pick) for (const n of o.own) record[n] = "";
  }
  for (const v of c.inputs) {
    const value = v.value;
    record[v.name.text] = typeof value === "boolean" ? (value ? "是" : "否") : "value" in value ? value.value : value.text;
  }
  return record;
}

/** The expectations of one case the oracle's verdict does not meet, as readable lines (empty: the case passes). */
export function caseFailures(oracle: Oracle, c: CaseAst): string[] {
  const v = oracle.evaluate(caseRecord(oracle, c));
  if (v.errors.length > 0) return [`数据有误：${v.errors.map((e) => e.message).join("；")}`];
  const out: string[] = [];
  for (const e of c.expectations) {
    switch (e.kind) {
      case "total":
        if (!v.total || cmp(v.total, dec(e.value.value)) !== 0) out.push(`总分期望${e.value.value}，oracle ${v.total ? show(v.total) : "无"}`);
        break;
      case "grade": {
        const want = e.label.text === "无" ? undefined : e.label.text;
        if (v.grade !== want) out.push(`等级期望${e.label.text}，oracle ${v.grade ?? "无"}`);
        break;
      }
      case "eligible":
        if (v.eligible !== e.value) out.push(`认定期望${e.value ? "是" : "否"}，oracle ${v.eligible}`);
        break;
      case "item": {
        const got = itemScore(v, e.target.text);
        if (!got || cmp(got, dec(e.value.value)) !== 0) out.push(`「${e.target.text}」期望${e.value.value}，oracle ${got ? show(got) : "无"}`);
        break;
      }
    }
  }
  return out;
}

function itemScore(v: OracleVerdict, name: string) {
  const ind = v.indicators.find((i) => i.name === name);
  if (ind) return ind.score;
  return v.categories.find((c) => c.name === name)?.score;
}
