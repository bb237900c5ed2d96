/**
 * Semantic diff of two bound rubrics (year against year, draft against the built-in one):
 * what an officer would list in a change note, one Chinese line per change.
 * Indicators are matched by path, then by name, then by concept with position and rule similarity.
 */
import type { GradeBand, Indicator, Part, Range, Rubric, Rule } from "@zhunsheng/core";
import { sameDecimal as same } from "@zhunsheng/core";
import { bandText, conditionText, partText, ruleText } from "./rule-text.ts";
import { changedSpan } from "./text.ts";
import { categoryTitle } from "./table.ts";

export type ChangeKind =
  | "header"
  | "fullMarks"
  | "category-added"
  | "category-removed"
  | "category"
  | "indicator-added"
  | "indicator-removed"
  | "indicator-renamed"
  | "indicator-moved"
  | "points"
  | "weight"
  | "threshold"
  | "step"
  | "deduction"
  | "award"
  | "cap"
  | "band"
  | "reading"
  | "rule"
  | "veto"
  | "evidence"
  | "description"
  | "concept"
  | "grade"
  | "eligibility"
  | "input"
  | "note";

/** One change, said in one line. `subject` names the indicator, category or section it concerns. */
export interface Change {
  kind: ChangeKind;
  subject: string;
  before?: string;
  after?: string;
  /** The line as shown: 「服务企业数（家次）：达标线 1500家次 → 1200家次」. */
  text: string;
  oldRange?: Range;
  newRange?: Range;
}

export interface IndicatorMatch {
  old: Indicator | undefined;
  new: Indicator | undefined;
  /** How the pair was found. */
  by: "path" | "name" | "concept" | "unmatched";
}

export interface RubricDiff {
  old: Rubric;
  new: Rubric;
  changes: Change[];
  matches: IndicatorMatch[];
  /** Paths (old path → new path) of indicators whose scoring may differ. */
  scoringChanged: { old: string | undefined; new: string | undefined }[];
}

const arrow = (a: string, b: string) => `${a} → ${b}`;
const pts = (v: string | undefined) => (v === undefined ? "无" : `${v}分`);

function line(kind: ChangeKind, subject: string, label: string, before: string | undefined, after: string | undefined, ranges: { oldRange?: Range | undefined; newRange?: Range | undefined } = {}): Change {
  const text = before !== undefined && after !== undefined ? `${subject}：${label} ${arrow(before, after)}` : `${subject}：${label}`;
  const c: Change = { kind, subject, text };
  if (before !== undefined) c.before = before;
  if (after !== undefined) c.after = after;
  if (ranges.oldRange) c.oldRange = ranges.oldRange;
  if (ranges.newRange) c.newRange = ranges.newRange;
  return c;
}

// ---------- matching ----------

/** Similarity of two indicators in [0, 1]: same concept, position, points, rule kinds and subjects. */
function similarity(a: Indicator, b: Indicator, posA: number, posB: number): number {
  let s = 0;
  if (a.concept && a.concept === b.concept) s += 0.3;
  if (a.category === b.category) s += 0.1;
  if (posA === posB) s += 0.15;
  if (same(a.points, b.points) && same(a.weight, b.weight)) s += 0.1;
  const kinds = (i: Indicator) => i.rules.flatMap((r) => r.parts.map((p) => p.kind)).join(",");
  if (kinds(a) === kinds(b) && kinds(a) !== "") s += 0.2;
  const subj = (i: Indicator) => new Set(i.rules.flatMap((r) => r.subjects.map((x) => x.name)));
  const sa = subj(a);
  const sb = subj(b);
  const common = [...sa].filter((x) => sb.has(x)).length;
  if (sa.size + sb.size > 0) s += (0.15 * 2 * common) / (sa.size + sb.size);
  return s;
}

/** Pairs the indicators of two rubrics. */
export function matchIndicators(oldR: Rubric, newR: Rubric): IndicatorMatch[] {
  const matches: IndicatorMatch[] = [];
  const leftOld = new Set(oldR.indicators);
  const leftNew = new Set(newR.indicators);
  const take = (o: Indicator, n: Indicator, by: IndicatorMatch["by"]) => {
    matches.push({ old: o, new: n, by });
    leftOld.delete(o);
    leftNew.delete(n);
  };
  for (const o of oldR.indicators) {
    const n = newR.indicators.find((x) => leftNew.has(x) && x.path === o.path);
    if (n) take(o, n, "path");
  }
  for (const o of [...leftOld]) {
    const candidates = [...leftNew].filter((x) => x.name === o.name);
    if (candidates.length === 1) take(o, candidates[0]!, "name");
  }
  // renamed: same concept (or, without concepts, very similar rules) — best pairs first
  const pos = (r: Rubric, i: Indicator) => r.indicators.filter((x) => x.category === i.category).indexOf(i);
  const pairs: { o: Indicator; n: Indicator; s: number }[] = [];
  for (const o of leftOld) {
    for (const n of leftNew) {
      const s = similarity(o, n, pos(oldR, o), pos(newR, n));
      const conceptOk = o.concept !== undefined && o.concept === n.concept;
      if ((conceptOk && s >= 0.55) || (!o.concept && !n.concept && s >= 0.6)) pairs.push({ o, n, s });
    }
  }
  pairs.sort((a, b) => b.s - a.s);
  for (const p of pairs) if (leftOld.has(p.o) && leftNew.has(p.n)) take(p.o, p.n, "concept");
  for (const o of leftOld) matches.push({ old: o, new: undefined, by: "unmatched" });
  for (const n of leftNew) matches.push({ old: undefined, new: n, by: "unmatched" });
  // in the new rubric's order, removed ones where they stood in the old
  const order = (m: IndicatorMatch) => (m.new ? newR.indicators.indexOf(m.new) : oldR.indicators.indexOf(m.old!) - 0.5);
  return matches.sort((a, b) => order(a) - order(b));
}

// ---------- parts and rules ----------

function unitOf(p: Part): string {
  return "unit" in p ? (p.unit ?? "") : "";
}

function diffPart(subject: string, a: Part, b: Part, ranges: { oldRange: Range; newRange: Range }): Change[] {
  const out: Change[] = [];
  const add = (kind: ChangeKind, label: string, x: string, y: string) => out.push(line(kind, subject, label, x, y, ranges));
  if (a.kind !== b.kind) return [line("rule", subject, "计分方式", `「${partText(a)}」`, `「${partText(b)}」`, ranges)];
  switch (a.kind) {
    case "stepDeduction": {
      const q = b as typeof a;
      if (!same(a.threshold.value, q.threshold.value) || a.threshold.closed !== q.threshold.closed) {
        add("threshold", "达标线", a.threshold.closed === q.threshold.closed ? `${a.threshold.value}${unitOf(a)}` : a.thresholdText, a.threshold.closed === q.threshold.closed ? `${q.threshold.value}${unitOf(q)}` : q.thresholdText);
      }
      if (!same(a.full, q.full)) add("award", "达标得分", pts(a.full), pts(q.full));
      if (!same(a.step, q.step) || unitOf(a) !== unitOf(q)) add("step", "每档", `${a.step}${unitOf(a)}`, `${q.step}${unitOf(q)}`);
      if (!same(a.per, q.per)) add("deduction", "每档扣分", pts(a.per), pts(q.per));
      if (a.reading !== q.reading) add("reading", "不满一档的读法", READING[a.reading], READING[q.reading]);
      break;
    }
    case "tiers": {
      const q = b as typeof a;
      const n = Math.max(a.tiers.length, q.tiers.length);
      for (let i = 0; i < n; i++) {
        const x = a.tiers[i];
        const y = q.tiers[i];
        if (x && y) {
          if (x.interval.text !== y.interval.text || !same(x.points, y.points)) add("band", `第${i + 1}档`, `${x.interval.text}得${x.points}分`, `${y.interval.text}得${y.points}分`);
        } else if (x) out.push(line("band", subject, `删除第${i + 1}档「${x.interval.text}得${x.points}分」`, undefined, undefined, ranges));
        else if (y) out.push(line("band", subject, `新增第${i + 1}档「${y.interval.text}得${y.points}分」`, undefined, undefined, ranges));
      }
      break;
    }
    case "add": {
      const q = b as typeof a;
      if (a.interval.text !== q.interval.text) add("threshold", "加分条件", a.interval.text, q.interval.text);
      if (!same(a.points, q.points)) add("award", `「${q.interval.text}」加分`, pts(a.points), pts(q.points));
      break;
    }
    case "flag": {
      const q = b as typeof a;
      if (!same(a.points, q.points)) add("award", "得分", pts(a.points), pts(q.points));
      break;
    }
    case "increments": {
      const q = b as typeof a;
      if (a.fromText !== q.fromText) add("threshold", "起加线", a.fromText, q.fromText);
      if (!same(a.step, q.step)) add("step", "每档", `${a.step}${unitOf(a)}`, `${q.step}${unitOf(q)}`);
      if (!same(a.points, q.points)) add("award", "每档加分", pts(a.points), pts(q.points));
      if (a.reading !== q.reading) add("reading", "不满一档的读法", READING[a.reading], READING[q.reading]);
      break;
    }
    case "perItem": {
      const q = b as typeof a;
      if (!same(a.per, q.per) || unitOf(a) !== unitOf(q)) add("step", "计数单位", `每${a.per}${unitOf(a)}`, `每${q.per}${unitOf(q)}`);
      if (!same(a.points, q.points)) add("award", `每${unitOf(q) || "项"}加分`, pts(a.points), pts(q.points));
      break;
    }
    case "countDeduction": {
      const q = b as typeof a;
      if (!same(a.per, q.per) || unitOf(a) !== unitOf(q)) add("step", "计数单位", `每${a.per}${unitOf(a)}`, `每${q.per}${unitOf(q)}`);
      if (!same(a.points, q.points)) add("deduction", `每${unitOf(q) || "次"}扣分`, pts(a.points), pts(q.points));
      break;
    }
    case "baseline": {
      const q = b as typeof a;
      if (!same(a.base, q.base)) add("threshold", "基准值", `${a.base}${unitOf(a)}`, `${q.base}${unitOf(q)}`);
      if (!same(a.full, q.full)) add("threshold", "满分值", `${a.full}${unitOf(a)}`, `${q.full}${unitOf(q)}`);
      if (a.between !== q.between) add("rule", "基准与满分之间", a.between === "linear" ? "按线性计" : `得${a.between}分`, q.between === "linear" ? "按线性计" : `得${q.between}分`);
      break;
    }
    case "expert":
    case "discretionary":
      break;
  }
  return out;
}

const READING: Record<"floor" | "ceil" | "proRata", string> = { floor: "不足一档不计", ceil: "不足一档按一档计", proRata: "按比例计" };

function diffRule(subject: string, a: Rule, b: Rule): Change[] {
  const ranges = { oldRange: a.range, newRange: b.range };
  const out: Change[] = [];
  const sa = a.subjects.map((s) => s.name).join("、");
  const sb = b.subjects.map((s) => s.name).join("、");
  if (sa !== sb) out.push(line("rule", subject, "计分输入", sa, sb, ranges));
  if (a.parts.length !== b.parts.length) {
    const ta = a.parts.map(partText).join("；");
    const tb = b.parts.map(partText).join("；");
    if (ta !== tb) out.push(line("rule", subject, "计分句", `「${ta}」`, `「${tb}」`, ranges));
  } else a.parts.forEach((p, i) => out.push(...diffPart(subject, p, b.parts[i]!, ranges)));
  if (!same(a.atMost, b.atMost)) out.push(line("cap", subject, "本句上限", pts(a.atMost), pts(b.atMost), ranges));
  return out;
}

/** Pairs the rules of two indicators: by subject first, then in order. */
function pairRules(a: Rule[], b: Rule[]): [Rule | undefined, Rule | undefined][] {
  const left = new Set(b);
  const pairs: [Rule | undefined, Rule | undefined][] = [];
  const unpaired: Rule[] = [];
  for (const r of a) {
    const key = r.subjects.map((s) => s.name).join("、");
    const m = [...left].find((x) => x.subjects.map((s) => s.name).join("、") === key);
    if (m) {
      pairs.push([r, m]);
      left.delete(m);
    } else unpaired.push(r);
  }
  const rest = [...left];
  unpaired.forEach((r, i) => pairs.push([r, rest[i]]));
  for (const r of rest.slice(unpaired.length)) pairs.push([undefined, r]);
  return pairs;
}

function diffIndicator(a: Indicator, b: Indicator): Change[] {
  const ranges = { oldRange: a.range, newRange: b.range };
  const subject = b.name;
  const out: Change[] = [];
  if (a.name !== b.name) out.push(line("indicator-renamed", a.name, "更名为", undefined, undefined, ranges));
  if (out[0]) {
    out[0].text = `${a.name}：更名为「${b.name}」`;
    out[0].before = a.name;
    out[0].after = b.name;
  }
  if (a.category !== b.category) out.push(line("indicator-moved", subject, "所属类别", a.category, b.category, ranges));
  if (!same(a.points, b.points)) out.push(line("points", subject, "分值", pts(a.points), pts(b.points), ranges));
  if (a.pending !== b.pending) out.push(line("points", subject, a.pending ? "分值已确定" : "改为分值待定", undefined, undefined, ranges));
  if (!same(a.weight, b.weight)) out.push(line("weight", subject, "权重", a.weight ?? "无", b.weight ?? "无", ranges));
  if (a.weight !== undefined && b.weight !== undefined && !same(a.max, b.max)) out.push(line("points", subject, "满分", pts(a.max), pts(b.max), ranges));
  if (!same(a.cap, b.cap)) out.push(line("cap", subject, "封顶", pts(a.cap), pts(b.cap), ranges));
  for (const [x, y] of pairRules(a.rules, b.rules)) {
    if (x && y) out.push(...diffRule(subject, x, y));
    else if (x) out.push(line("rule", subject, `删除计分句「${ruleText(x)}」`, undefined, undefined, { oldRange: x.range }));
    else if (y) out.push(line("rule", subject, `新增计分句「${ruleText(y)}」`, undefined, undefined, { newRange: y.range }));
  }
  const va = a.vetoes.map((v) => conditionText(v.condition));
  const vb = b.vetoes.map((v) => conditionText(v.condition));
  for (const v of va) if (!vb.includes(v)) out.push(line("veto", subject, `删除指标否决「若 ${v} 则本指标为0分」`, undefined, undefined, ranges));
  for (const v of vb) if (!va.includes(v)) out.push(line("veto", subject, `新增指标否决「若 ${v} 则本指标为0分」`, undefined, undefined, ranges));
  const ra = a.requires.map((r) => r.name).join("、");
  const rb = b.requires.map((r) => r.name).join("、");
  if (ra !== rb) out.push(line("evidence", subject, "需提供的材料", ra || "无", rb || "无", ranges));
  if ((a.concept ?? "") !== (b.concept ?? "")) out.push(line("concept", subject, "概念", a.concept ?? "无", b.concept ?? "无", ranges));
  if ((a.description ?? "") !== (b.description ?? "")) {
    const span = changedSpan(a.description ?? "", b.description ?? "");
    const c = line("description", subject, "指标描述", `「${span.before}」`, `「${span.after}」`, { oldRange: a.descriptionRange ?? a.range, newRange: b.descriptionRange ?? b.range });
    out.push(c);
  }
  return out;
}

/** An indicator's points as its list line shows them: weight, points, 分值待定 in a draft. */
function indicatorPoints(i: Indicator): string {
  return i.weight !== undefined ? `权重${i.weight}` : i.points !== undefined ? `${i.points}分` : i.pending ? "分值待定" : "无分值";
}


function diffCategories(a: Rubric, b: Rubric): Change[] {
  const out: Change[] = [];
  for (const c of a.categories) {
    const m = b.categories.find((x) => x.name === c.name);
    if (!m) {
      out.push({ kind: "category-removed", subject: c.name, text: `删除类别「${categoryTitle(c, false)}」`, before: categoryTitle(c, false), oldRange: c.range });
      continue;
    }
    const r = { oldRange: c.range, newRange: m.range };
    if ((c.group ?? "") !== (m.group ?? "")) out.push(line("category", c.name, "所属大类", c.group ?? "无", m.group ?? "无", r));
    if (c.kind !== m.kind) out.push(line("category", c.name, c.kind === "bonus" ? "由加分项改为类别" : "由类别改为加分项", undefined, undefined, r));
    if (!same(c.points, m.points)) out.push(line("points", c.name, "类别分值", pts(c.points), pts(m.points), r));
    if (!same(c.weight, m.weight)) out.push(line("weight", c.name, "类别权重", c.weight ?? "无", m.weight ?? "无", r));
    if (!same(c.cap, m.cap)) out.push(line("cap", c.name, c.kind === "bonus" ? "加分上限" : "上限", pts(c.cap), pts(m.cap), r));
  }
  for (const g of a.groups) {
    const m = b.groups.find((x) => x.name === g.name);
    if (!m) out.push({ kind: "category-removed", subject: g.name, text: `删除大类「${g.name}」`, before: g.name, oldRange: g.range });
    else {
      const r = { oldRange: g.range, newRange: m.range };
      if (!same(g.points, m.points)) out.push(line("points", g.name, "大类分值", pts(g.points), pts(m.points), r));
      if (!same(g.weight, m.weight)) out.push(line("weight", g.name, "大类权重", g.weight ?? "无", m.weight ?? "无", r));
    }
  }
  for (const g of b.groups) if (!a.groups.some((x) => x.name === g.name)) out.push({ kind: "category-added", subject: g.name, text: `新增大类「${g.name}」`, after: g.name, newRange: g.range });
  for (const c of b.categories) {
    if (!a.categories.some((x) => x.name === c.name)) out.push({ kind: "category-added", subject: c.name, text: `新增类别「${categoryTitle(c, false)}」`, after: categoryTitle(c, false), newRange: c.range });
  }
  return out;
}

function diffGrades(a: Rubric, b: Rubric): Change[] {
  const out: Change[] = [];
  const kind = b.gradeKind;
  if (a.gradeKind !== b.gradeKind && a.grades.length > 0 && b.grades.length > 0) out.push(line("grade", "等级", "划分方式", a.gradeKind, b.gradeKind));
  const key = (g: GradeBand) => g.label;
  for (const g of a.grades) {
    const m = b.grades.find((x) => key(x) === key(g));
    if (!m) out.push({ kind: "grade", subject: kind, text: `${kind}：删除「${bandText(g)}」`, before: bandText(g), oldRange: g.range });
    else if (g.interval.text !== m.interval.text || !same(g.interval.lo?.value, m.interval.lo?.value) || !same(g.interval.hi?.value, m.interval.hi?.value) || g.interval.lo?.closed !== m.interval.lo?.closed || g.interval.hi?.closed !== m.interval.hi?.closed) {
      out.push(line("grade", kind, `「${g.label}」`, g.interval.text, m.interval.text, { oldRange: g.range, newRange: m.range }));
    }
  }
  for (const g of b.grades) if (!a.grades.some((x) => key(x) === key(g))) out.push({ kind: "grade", subject: kind, text: `${kind}：新增「${bandText(g)}」`, after: bandText(g), newRange: g.range });
  const va = a.vetoes.map((v) => `若 ${conditionText(v.condition)} 则直接视为${v.label}`);
  const vb = b.vetoes.map((v) => `若 ${conditionText(v.condition)} 则直接视为${v.label}`);
  for (const v of va) if (!vb.includes(v)) out.push({ kind: "veto", subject: "否决", text: `否决：删除「${v}」`, before: v });
  for (const v of vb) if (!va.includes(v)) out.push({ kind: "veto", subject: "否决", text: `否决：新增「${v}」`, after: v });
  const ea = (a.eligibility?.rules ?? []).map((r) => `${r.label ? `（${r.label}）` : ""}${conditionText(r.condition)}`);
  const eb = (b.eligibility?.rules ?? []).map((r) => `${r.label ? `（${r.label}）` : ""}${conditionText(r.condition)}`);
  for (const v of ea) if (!eb.includes(v)) out.push({ kind: "eligibility", subject: "认定条件", text: `认定条件：删除「${v}」`, before: v });
  for (const v of eb) if (!ea.includes(v)) out.push({ kind: "eligibility", subject: "认定条件", text: `认定条件：新增「${v}」`, after: v });
  return out;
}

const HEADER_LABEL: Record<string, string> = { title: "名称", region: "地区", year: "年度", platformType: "平台类型", period: "考评期", source: "来源", status: "状态" };

/** A total of a draft counts only the indicators whose points are set: it says how many are still pending. */
function totalPoints(r: Rubric, total: string | undefined): string {
  const pending = r.indicators.filter((i) => i.pending).length;
  return pending > 0 ? `${pts(total)}（另有${pending}个指标分值待定）` : pts(total);
}

function diffHeader(a: Rubric, b: Rubric): Change[] {
  const out: Change[] = [];
  for (const k of Object.keys(HEADER_LABEL) as (keyof Rubric["header"])[]) {
    const x = a.header[k] ?? "";
    const y = b.header[k] ?? "";
    if (x !== y) out.push(line("header", "文件头", HEADER_LABEL[k]!, x || "无", y || "无"));
  }
  if (!same(a.fullMarks, b.fullMarks)) out.push(line("fullMarks", "总分", "满分", totalPoints(a, a.fullMarks), totalPoints(b, b.fullMarks)));
  if (!same(a.maxTotal, b.maxTotal)) out.push(line("fullMarks", "总分", "最高可得", totalPoints(a, a.maxTotal), totalPoints(b, b.maxTotal)));
  if (a.precision !== b.precision) out.push(line("header", "文件头", "精度", `保留${a.precision}位小数`, `保留${b.precision}位小数`));
  return out;
}

function diffInputs(a: Rubric, b: Rubric): Change[] {
  const out: Change[] = [];
  for (const i of a.inputs) {
    const m = b.inputByName.get(i.name);
    if (!m) out.push({ kind: "input", subject: "输入", text: `输入：删除「${i.name}」`, before: i.name, oldRange: i.range });
    else if (i.type !== m.type || (i.unit ?? "") !== (m.unit ?? "") || !same(i.min, m.min) || !same(i.max, m.max)) {
      const d = (x: typeof i) => `${x.type}${x.unit ? ` ${x.unit}` : ""}${x.min !== undefined || x.max !== undefined ? ` ${x.min ?? ""}～${x.max ?? ""}` : ""}`;
      out.push(line("input", `输入「${i.name}」`, "类型或范围", d(i), d(m), { oldRange: i.range, newRange: m.range }));
    }
  }
  for (const i of b.inputs) if (!a.inputByName.has(i.name)) out.push({ kind: "input", subject: "输入", text: `输入：新增「${i.name}」`, after: i.name, newRange: i.range });
  return out;
}

function diffNotes(a: Rubric, b: Rubric): Change[] {
  const out: Change[] = [];
  for (const n of a.notes) if (!b.notes.includes(n)) out.push({ kind: "note", subject: "注", text: `注：删除「${n}」`, before: n });
  for (const n of b.notes) if (!a.notes.includes(n)) out.push({ kind: "note", subject: "注", text: `注：新增「${n}」`, after: n });
  return out;
}

/** Kinds that cannot move a score (wording, tags, provenance). */
const NON_SCORING = new Set<ChangeKind>(["header", "description", "concept", "note", "indicator-renamed"]);

/** The semantic diff of two rubrics. */
export function diffRubrics(oldR: Rubric, newR: Rubric): RubricDiff {
  const matches = matchIndicators(oldR, newR);
  const changes: Change[] = [...diffHeader(oldR, newR), ...diffCategories(oldR, newR)];
  const scoringChanged: RubricDiff["scoringChanged"] = [];
  for (const m of matches) {
    if (m.old && m.new) {
      const cs = diffIndicator(m.old, m.new);
      changes.push(...cs);
      if (cs.some((c) => !NON_SCORING.has(c.kind))) scoringChanged.push({ old: m.old.path, new: m.new.path });
    } else if (m.old) {
      changes.push({ kind: "indicator-removed", subject: m.old.name, text: `删除指标「${m.old.name}」（${m.old.category}，${indicatorPoints(m.old)}）`, before: m.old.name, oldRange: m.old.range });
      scoringChanged.push({ old: m.old.path, new: undefined });
    } else if (m.new) {
      changes.push({ kind: "indicator-added", subject: m.new.name, text: `新增指标「${m.new.name}」（${m.new.category}，${indicatorPoints(m.new)}）`, after: m.new.name, newRange: m.new.range });
      scoringChanged.push({ old: undefined, new: m.new.path });
    }
  }
  changes.push(...diffGrades(oldR, newR), ...diffInputs(oldR, newR), ...diffNotes(oldR, newR));
  return { old: oldR, new: newR, changes, matches, scoringChanged };
}

/** The diff as plain text, one change per line. */
export function diffText(d: RubricDiff): string {
  if (d.changes.length === 0) return "两个版本在计分上没有差别，文字也相同。\n";
  return d.changes.map((c) => `- ${c.text}`).join("\n") + "\n";
}
