/**
 * Hover: the exact meaning of what is under the cursor. A comparative or threshold shows its
 * operator and interval after the Civil Code rule; a rule shows its formula and the score at
 * its key points; a name shows its declaration; a keyword its entry in the keyword table.
 */
import { intervalNotation, occurrenceAt, partMeaning, KEYWORDS, COMPARATIVES, type Comparison, type ConditionAst, type Predicate, type Range, type Rubric, type Rule, type RuleGroup, type Scorer } from "@zhunsheng/core";
import { contains, tokenAt, tokenRangeOf, type LanguageDocument } from "./document.ts";
import { curve } from "./curve.ts";
import { CIVIL_CODE_1259, inequality, intervalOfComparisons, operatorMeaning } from "./meaning.ts";

export interface Hover {
  range: Range;
  /** Markdown (plain Chinese sentences; names are escaped). */
  contents: string;
}

const TYPE_LABEL: Record<string, string> = { number: "数值", count: "计数", percent: "百分比", money: "金额", yesno: "是否", score: "评分", text: "文本", enum: "取值", list: "清单" };
const PANEL_TEXT: Record<string, string> = { mean: "多位专家评分取平均", trimmedMean: "多位专家评分，去掉一个最高分和一个最低分后取平均", median: "多位专家评分取中位数" };

/** The comparisons a condition as written contains (and/or, quantified, overrides included). */
function predicateConditions(p: Predicate): ConditionAst[] {
  switch (p.kind) {
    case "compare":
      return [p.condition, ...p.overrides.map((o) => o.condition)];
    case "total":
    case "quantified":
      return [p.condition];
    case "flags":
    case "is":
      return [];
    case "and":
    case "or":
      return p.operands.flatMap(predicateConditions);
  }
}

/** Escapes Markdown so that names from the rubric show as text. */
export function escapeMarkdown(s: string): string {
  return s.replace(/[\\`*_[\]#|<>&~]/g, (c) => `\\${c}`);
}

interface FoundCondition {
  condition: ConditionAst;
  unit: string | undefined;
}

/** Every condition written in the file (rules, grades, vetoes, eligibility). */
function conditionsOf(doc: LanguageDocument): ConditionAst[] {
  const ast = doc.analysis.ast;
  const out: ConditionAst[] = [];
  for (const c of ast.categories)
    for (const ind of c.indicators) {
      for (const r of ind.rules)
        for (const cl of r.clauses) {
          if (cl.kind === "award" && cl.condition) out.push(cl.condition);
          if (cl.kind === "increments") out.push({ kind: "compare", comparisons: [cl.from], range: cl.from.range });
        }
      for (const v of ind.vetoes) out.push(...predicateConditions(v.predicate));
    }
  for (const g of ast.grades) out.push(g.condition, ...(g.also ? predicateConditions(g.also) : []));
  for (const v of ast.vetoes) out.push(...predicateConditions(v.predicate));
  for (const c of ast.eligibility?.conditions ?? []) out.push(...predicateConditions(c.predicate), ...c.alternatives.flatMap((a) => predicateConditions(a.predicate)));
  for (const r of ast.eligibility?.relaxations ?? []) out.push(...predicateConditions(r.predicate));
  return out;
}

function conditionAt(doc: LanguageDocument, offset: number): FoundCondition | undefined {
  for (const c of conditionsOf(doc)) {
    if (!contains(c.range, offset)) continue;
    const unit = c.kind === "between" ? c.low.unit ?? c.high.unit : c.comparisons.find((x) => x.value.unit)?.value.unit;
    return { condition: c, unit };
  }
  return undefined;
}

function ruleAt(rubric: Rubric | undefined, offset: number): { rule: Rule; path: string; name: string; max: string | undefined; group: RuleGroup | undefined } | undefined {
  for (const ind of rubric?.indicators ?? []) {
    for (const group of ind.groups) {
      for (const rule of group.rules) if (contains(rule.range, offset)) return { rule, path: ind.path, name: ind.name, max: ind.max, group: group.combine === "sum" && group.rules.length === 1 && !group.option && group.atMost === undefined ? undefined : group };
    }
  }
  return undefined;
}

/** How the sentences of a group combine, in words. */
function groupMeaning(g: RuleGroup): string {
  const who = g.rules.map((r) => `「${r.subjects[0]?.name ?? ""}」`).join("、");
  const how = g.combine === "max" ? `${who}各自计分，${g.text === "取最高一项" ? "取最高一项" : "取其高者"}` : g.combine === "min" ? `${who}各自计分，取其低者` : `${who}的得分相加`;
  const cap = g.atMost !== undefined ? `，合计最多${g.atMost}分` : "";
  const option = g.option ? `（选项（${g.option}）：平台选择此项时才计分）` : "";
  return `${how}${cap}${option}`;
}

/** The compiled rubric the checks ran on (the analysis compiles once; nothing is compiled per request). */
function scorerOf(doc: LanguageDocument): Scorer | undefined {
  return doc.analysis.scoring.scorable ? doc.analysis.scoring.scorer : undefined;
}

/**
 * Scores along the input of the rule under the cursor (the core's curve of its indicator on
 * that input): where they change, nearest the number under the cursor first, at most `limit`;
 * plus the scores just below and at that number, which is what a threshold's reading decides.
 */
export function keyPointScores(doc: LanguageDocument, offset: number, limit = 6): { near: { x: string; score: string }[]; changes: { x: string; score: string }[] } {
  const none = { near: [], changes: [] };
  const found = ruleAt(doc.analysis.rubric, offset);
  const input = found?.rule.subjects[0];
  const scorer = scorerOf(doc);
  if (!found || !input || found.rule.chooseOne || !scorer) return none;
  const c = curve(doc.analysis.rubric!, found.path, input.name, scorer);
  if (!c) return none;
  const pts = c.points;
  const changes = pts.filter((p, i) => i === 0 || pts[i - 1]!.y !== p.y).map((p) => ({ x: p.xText, score: p.yText }));
  const t = tokenAt(doc, offset);
  if (t?.tokenType.name !== "NumberLiteral") return { near: [], changes: changes.slice(0, limit) };
  const target = Number(t.image.replace(/[０-９．]/g, (d) => (d === "．" ? "." : String.fromCharCode(d.charCodeAt(0) - 0xfee0))));
  const at = pts.findIndex((p) => p.x === target);
  const near = at < 0 ? [] : [pts[at - 1], pts[at]].filter((p) => p !== undefined).map((p) => ({ x: p.xText, score: p.yText }));
  const nearest = [...changes].sort((a, b) => Math.abs(Number(a.x) - target) - Math.abs(Number(b.x) - target)).slice(0, limit).sort((a, b) => Number(a.x) - Number(b.x));
  return { near, changes: nearest };
}

function comparisonHover(c: Comparison, unit: string | undefined): string {
  const entry = COMPARATIVES.find((x) => x.form === c.word);
  const position = entry?.position === "postfix" ? "（后置：写在数字后面）" : "";
  return `**${escapeMarkdown(c.word)}** ${position}：${operatorMeaning(c.op, c.value.value, unit ?? c.value.unit ?? "")}`;
}

function conditionHover(found: FoundCondition, offset: number): string[] {
  const c = found.condition;
  const lines: string[] = [];
  if (c.kind === "between") {
    const i = { lo: { value: c.low.value, closed: c.lowClosed }, hi: { value: c.high.value, closed: c.highClosed }, text: "" };
    const ends = c.lowClosed && c.highClosed ? "两端都包含" : !c.lowClosed && !c.highClosed ? "两端都不包含" : c.lowClosed ? "包含下端、不含上端" : "不含下端、包含上端";
    lines.push(`**${escapeMarkdown(c.low.value)}～${escapeMarkdown(c.high.value)}**：${ends}，${inequality(i)}`);
    lines.push(`区间：${intervalNotation(i)}`);
    return lines;
  }
  const hit = c.comparisons.find((x) => contains(x.range, offset)) ?? c.comparisons[0];
  if (hit) lines.push(comparisonHover(hit, found.unit));
  const i = { ...intervalOfComparisons(c.comparisons), text: "" };
  lines.push(`区间：${intervalNotation(i)}，即 ${inequality(i)}${found.unit ? `（单位：${escapeMarkdown(found.unit)}）` : ""}`);
  return lines;
}

function ruleHover(doc: LanguageDocument, offset: number): string[] {
  const found = ruleAt(doc.analysis.rubric, offset);
  if (!found) return [];
  const input = found.rule.subjects[0];
  const lines = [`计分句（指标「${escapeMarkdown(found.name)}」，满分${found.max ?? "—"}分）：`];
  const group = found.group;
  const rules = group ? group.rules : [found.rule];
  for (const r of rules) {
    const subject = r.subjects[0];
    if (subject) for (const p of r.parts) lines.push(`- ${escapeMarkdown(partMeaning(p, subject, found.max))}`);
    if (r.atMost) lines.push(`- 本句合计最多${r.atMost}分`);
  }
  if (group) lines.push(`- ${escapeMarkdown(groupMeaning(group))}`);
  // the values of a 取值 input are listed above with their points
  if (input?.type === "enum" || group) return lines;
  const pts = keyPointScores(doc, offset);
  const u = input?.type === "yesno" ? "" : input?.unit ?? "";
  const show = (x: string) => (input?.type === "yesno" ? (x === "0" ? "否" : "是") : `${x}${u}`);
  if (pts.near.length > 0) lines.push(`此数上下：${pts.near.map((p) => `${escapeMarkdown(show(p.x))} → ${p.score}分`).join("；")}`);
  if (pts.changes.length > 0) lines.push(`得分变化点：${pts.changes.map((p) => `${escapeMarkdown(show(p.x))}${input?.type === "yesno" ? "" : "起"} → ${p.score}分`).join("；")}`);
  return lines;
}

function inputHover(doc: LanguageDocument, name: string): string[] {
  const input = doc.analysis.rubric?.inputByName.get(name);
  const decl = doc.analysis.ast.inputs.find((i) => i.name.text === name);
  if (!input && !decl) return [`**${escapeMarkdown(name)}**：未声明的输入`];
  const kind = (input?.kind ?? decl?.kind) === "evidence" ? "证明材料" : (input?.kind ?? decl?.kind) === "derived" ? "派生输入" : "输入";
  const type = input ? TYPE_LABEL[input.type] ?? input.type : decl?.type ? TYPE_LABEL[decl.type] : "";
  const parts = [`**${escapeMarkdown(name)}**（${kind}）：${type ?? ""}`];
  if (input?.unit) parts.push(`单位 ${escapeMarkdown(input.unit)}`);
  if (input && (input.type === "enum" || input.type === "list")) parts.push(`取值（由高到低）${input.values.map((v) => `「${escapeMarkdown(v)}」`).join("")}${input.type === "list" ? "，数据中逐项填写，如「" + escapeMarkdown(input.values.slice(0, 2).join("、")) + "」，没有填「无」" : ""}`);
  else if (input && input.type !== "yesno" && input.type !== "text") parts.push(`范围 ${input.min ?? "−∞"}～${input.max ?? "+∞"}`);
  if (input?.panel) parts.push(`${PANEL_TEXT[input.panel]}，数据中逐一填写各位专家的评分，如「15、16、18」`);
  if (input?.direction) parts.push(input.direction === "up" ? "越多越好" : "越少越好");
  const lines = [parts.join("，")];
  const description = input?.description ?? decl?.description?.text;
  if (description) lines.push(escapeMarkdown(description.replace(/^「|」$/g, "")));
  const used = (doc.analysis.rubric?.indicators ?? []).filter((ind) => ind.rules.some((r) => r.subjects.some((s) => s.name === name)) || ind.requires.some((s) => s.name === name));
  if (used.length > 0) lines.push(`用于指标：${used.map((u) => `「${escapeMarkdown(u.name)}」`).join("、")}`);
  return lines;
}

/** Hover at `offset`, or undefined when there is nothing to say. */
export function hover(doc: LanguageDocument, offset: number): Hover | undefined {
  const token = tokenAt(doc, offset);
  if (!token) return undefined;
  const range = tokenRangeOf(doc, token);
  const kind = token.tokenType.name;
  if (kind === "Comment" || kind === "LineText") return undefined;

  const occ = occurrenceAt(doc.analysis.names, offset);
  if (occ?.kind === "input") {
    const lines = inputHover(doc, occ.name);
    const rule = occ.declaration ? [] : ruleHover(doc, offset);
    return { range: occ.range, contents: [...lines, ...rule].join("\n\n") };
  }
  if (occ) {
    const ind = doc.analysis.rubric?.indicators.find((i) => i.name === occ.name);
    const cat = doc.analysis.rubric?.categories.find((c) => c.name === occ.name);
    const text = ind
      ? `**${escapeMarkdown(ind.name)}**（指标，属「${escapeMarkdown(ind.category)}」）：${ind.weight ? `权重${ind.weight}` : ind.max !== undefined ? `${ind.max}分` : "分值待定"}`
      : cat
        ? cat.kind === "deduction"
          ? `**${escapeMarkdown(cat.name)}**（扣分项）：从总分中扣减${cat.cap ? `，最多扣${cat.cap}分` : ""}，总分最低0分；含${cat.indicators.length}个扣分指标`
          : `**${escapeMarkdown(cat.name)}**（${cat.kind === "bonus" ? "加分项" : "类别"}）：${cat.weight ? `权重${cat.weight}` : (cat.points ?? cat.cap) !== undefined ? `${cat.points ?? cat.cap}分` : "分值待定"}，含${cat.indicators.length}个指标`
        : `**${escapeMarkdown(occ.name)}**`;
    return { range: occ.range, contents: text };
  }

  const cond = kind === "Comparative" || kind === "NumberLiteral" || kind === "Unit" || kind === "Tilde" || kind === "Inclusive" || kind === "And" ? conditionAt(doc, offset) : undefined;
  if (cond) {
    return { range, contents: [...conditionHover(cond, offset), CIVIL_CODE_1259, ...ruleHover(doc, offset)].join("\n\n") };
  }
  if (kind === "Comparative") {
    const c = COMPARATIVES.find((x) => x.form === token.image);
    if (c) return { range, contents: [`**${escapeMarkdown(c.form)}**：${operatorMeaning(c.op, "n")}`, CIVIL_CODE_1259].join("\n\n") };
  }
  const rule = ruleHover(doc, offset);
  const entry = KEYWORDS.find((k) => k.name === kind);
  const lines = entry ? [`**${escapeMarkdown(token.image)}**：${escapeMarkdown(entry.doc)}`] : [];
  if (rule.length > 0) lines.push(...rule);
  return lines.length > 0 ? { range, contents: lines.join("\n\n") } : undefined;
}
