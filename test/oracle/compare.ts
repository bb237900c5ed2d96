/**
 * One platform, three ways: the oracle, the engine's generated verdict function (`score`, what every batch
 * path uses) and its explaining closures (`referenceScore` and `explain`, what the officer reads).
 * Returns the disagreements as readable lines; empty means all agree.
 */
import type { Explanation, Scorer, Verdict } from "@zhunsheng/core";
import { cmp, parseDecimal, show, type Fraction } from "./fraction.ts";
import type { OracleVerdict } from "./oracle.ts";

function same(engine: string | null | undefined, oracle: Fraction | undefined): boolean {
  if (engine === null || engine === undefined) return oracle === undefined;
  const e = parseDecimal(engine);
  return e !== undefined && oracle !== undefined && cmp(e, oracle) === 0;
}

const txt = (v: Fraction | undefined) => (v === undefined ? "无" : show(v));

export function compareVerdict(where: string, o: OracleVerdict, e: Verdict): string[] {
  const out: string[] = [];
  const oBad = o.errors.length > 0;
  const eBad = e.errors.length > 0;
  if (oBad !== eBad) {
    return [`${where}：数据${oBad ? "oracle 认为有误（" + o.errors.map((x) => x.message).join("；") + "）" : "oracle 认为无误"}，引擎${eBad ? "报错（" + e.errors.map((x) => x.message).join("；") + "）" : "未报错"}`];
  }
  if (oBad) return out;
  if (!same(e.total, o.total)) out.push(`${where}：总分 oracle ${txt(o.total)}，引擎 ${e.total}`);
  for (const oi of o.indicators) {
    const ei = e.indicators.find((i) => i.path === oi.path);
    if (!ei) out.push(`${where}：引擎没有指标「${oi.path}」`);
    else if (!same(ei.score, oi.score)) out.push(`${where}：指标「${oi.path}」oracle ${txt(oi.score)}，引擎 ${ei.score}`);
  }
  for (const oc of o.categories) {
    const ec = e.categories.find((c) => c.name === oc.name);
    if (!ec) out.push(`${where}：引擎没有类别「${oc.name}」`);
    else if (!same(ec.score, oc.score)) out.push(`${where}：类别「${oc.name}」oracle ${txt(oc.score)}，引擎 ${ec.score}`);
  }
  if ((o.grade ?? null) !== e.grade) out.push(`${where}：等级 oracle ${o.grade ?? "无"}，引擎 ${e.grade ?? "无"}`);
  if ((o.vetoed ?? undefined) !== (e.vetoed ?? undefined)) out.push(`${where}：否决 oracle ${o.vetoed ?? "无"}，引擎 ${e.vetoed ?? "无"}`);
  if ((o.eligible ?? null) !== e.eligible) out.push(`${where}：认定 oracle ${o.eligible ?? "无"}，引擎 ${e.eligible ?? "无"}`);
  if (o.eligible === true) {
    const a = [...o.relaxed].sort().join("、");
    const b = [...new Set(e.relaxed ?? [])].sort().join("、");
    if (a !== b) out.push(`${where}：放宽 oracle「${a}」，引擎「${b}」`);
  }
  return out;
}

/** The explanation tree's scores (total; categories; their indicators) against the oracle. */
export function compareExplanation(where: string, o: OracleVerdict, x: Explanation): string[] {
  if (o.errors.length > 0) return [];
  const out: string[] = [];
  if (!same(x.score, o.total)) out.push(`${where}：说明中的总分 oracle ${txt(o.total)}，说明 ${x.score ?? "无"}`);
  for (const oc of o.categories) {
    const node = x.children.find((c) => c.label === oc.name);
    if (!node) {
      out.push(`${where}：说明中没有类别「${oc.name}」`);
      continue;
    }
    if (!same(node.score, oc.score)) out.push(`${where}：说明中类别「${oc.name}」oracle ${txt(oc.score)}，说明 ${node.score}`);
    for (const oi of o.indicators.filter((i) => i.category === oc.name && i.score !== undefined)) {
      const leaf = node.children.find((c) => c.label === oi.name);
      if (!leaf) out.push(`${where}：说明中没有指标「${oi.path}」`);
      else if (!same(leaf.score, oi.score)) out.push(`${where}：说明中指标「${oi.path}」oracle ${txt(oi.score)}，说明 ${leaf.score}`);
    }
  }
  return out;
}

export function compareAll(where: string, o: OracleVerdict, scorer: Scorer, record: Record<string, string>): string[] {
  const generated = scorer.score(record);
  const reference = scorer.referenceScore(record);
  const out = [...compareVerdict(`${where} [score]`, o, generated), ...compareVerdict(`${where} [referenceScore]`, o, reference)];
  if (o.errors.length === 0 && generated.errors.length === 0) out.push(...compareExplanation(`${where} [explain]`, o, scorer.explain(record)));
  return out;
}
