/**
 * Whether an indicator's published prose (描述) says what its rules say, phrase by phrase:
 * each scoring phrase of the prose is lined up with the rule part it states and their numbers
 * compared in order. A disagreement can be mended by writing the rule's numbers into the prose
 * (「重新生成描述中的数字」); what cannot be lined up is left for the officer, never guessed.
 */
import { canonicalDecimal, type Diagnostic, type Indicator, type Part, type Pos, type Range, type Rubric } from "@zhunsheng/core";
import { findPhrases, splitSentences, type Phrase, type PhraseKind } from "./phrases.ts";
import { conditionText, eitherBands, groupText, partText } from "./rule-text.ts";
import { assertNever } from "./never.ts";

/** A statement of the rule: one part, a sentence's cap, the indicator's cap or a veto. */
export interface RuleStatement {
  kind: PhraseKind;
  numbers: string[];
  /** The points it can award (each band's, for 得 bands). */
  points: string[];
  /** The rule in the officer's words (「达1200家次得15分，每少100家次减1分」). */
  text: string;
}

export interface ProseDisagreement {
  indicator: string;
  /** The words of the prose that disagree (a phrase, or a number outside any phrase). */
  said: string;
  /** What the rule says instead, when one rule statement answers it. */
  rule: string | undefined;
  /** Offsets in the description. */
  start: number;
  end: number;
  /** The words that would replace `said`, when the rule's numbers can be written in. */
  replacement: string | undefined;
  /** Chinese, for the officer: what disagrees and what to do. */
  message: string;
}

export interface ProseAgreement {
  disagreements: ProseDisagreement[];
  /** The description with every mendable disagreement mended (undefined when there is nothing to mend). */
  regenerated: string | undefined;
}

const digitsOf = (text: string) => [...text.matchAll(/\d+(?:\.\d+)?/g)].map((m) => m[0]);

/** The numbers of a part in the order prose states them (the same order `findPhrases` gives). */
export function partSlots(p: Part): string[] {
  switch (p.kind) {
    case "tiers":
      return p.tiers.flatMap((t) => [...digitsOf(t.interval.text), t.points]);
    case "add":
      return [...digitsOf(p.interval.text), p.points];
    case "flag":
      return [p.points];
    case "stepDeduction":
      return [p.threshold.value, p.full, p.step, p.per];
    case "increments":
      return [p.from.value, p.step, p.points];
    case "perItem":
    case "countDeduction":
      return [p.per, p.points];
    case "baseline":
      return p.between === "linear" ? [p.base, p.full] : [p.base, p.full, p.between];
    case "levels":
      return [...p.bands.map((b) => b.points), ...(p.otherwise !== undefined ? [p.otherwise] : [])];
    case "expert":
    case "discretionary":
      return [];
    default:
      return assertNever(p);
  }
}

/** The statements of one rule: each part, then its own cap. */
function ruleStatementsOf(r: Indicator["rules"][number]): RuleStatement[] {
  const out: RuleStatement[] = [];
  for (const p of r.parts) {
    const numbers = partSlots(p);
    // bands by 取值 are stated in prose as bands of points (「国家级（10分）、省级（6分）」)
    const kind = p.kind === "levels" ? "tiers" : p.kind;
    const points = p.kind === "tiers" ? p.tiers.map((t) => t.points) : p.kind === "levels" ? numbers : numbers.slice(-1);
    out.push({ kind, numbers, points, text: partText(p) });
  }
  if (r.atMost !== undefined) out.push({ kind: "atMost", numbers: [r.atMost], points: [], text: `最多${r.atMost}分` });
  return out;
}

/**
 * Every statement of an indicator's rules, in the order the rules are written. A group scored by its
 * highest (or lowest) sentence is also one statement of all its bands, as prose lists them
 * (「A.Ⅰ类高价值知识产权1项以上（20分）；B.…（15分）」, 「A.300万元以上或15%以上（10分）；B.…」); its
 * sentences stay statements of their own for prose that states each measure apart.
 */
export function ruleStatements(ind: Indicator): RuleStatement[] {
  const out: RuleStatement[] = [];
  for (const g of ind.groups) {
    const either = eitherBands(g);
    if (either) {
      const numbers = either.bands.flatMap((b) => [...b.intervals.flatMap((iv) => digitsOf(iv.text)), b.points]);
      out.push({ kind: "tiers", numbers, points: either.bands.map((b) => b.points), text: groupText({ ...g, option: undefined }) });
    } else if (g.combine === "sum" && g.rules.length > 1 && g.rules.every((r) => r.parts.length === 1 && r.parts[0]!.kind === "perItem" && r.subjects[0]?.item !== undefined)) {
      // 「国家级每项加5分，省级每项加3分」: one statement of every level's points
      out.push({ kind: "perItem", numbers: g.rules.flatMap((r) => partSlots(r.parts[0]!)), points: g.rules.map((r) => partSlots(r.parts[0]!).at(-1)!), text: groupText({ ...g, option: undefined, atMost: undefined }) });
    } else if (g.combine !== "sum" && g.rules.length > 1 && g.rules.every((r) => r.parts.length === 1 && (r.parts[0]!.kind === "tiers" || r.parts[0]!.kind === "levels"))) {
      const parts = g.rules.map((r) => r.parts[0]!);
      const numbers = parts.flatMap(partSlots);
      out.push({ kind: "tiers", numbers, points: parts.flatMap((p) => (p.kind === "tiers" ? p.tiers.map((t) => t.points) : partSlots(p))), text: groupText({ ...g, option: undefined }) });
    }
    for (const r of g.rules) out.push(...ruleStatementsOf(r));
    if (g.atMost !== undefined) out.push({ kind: "atMost", numbers: [g.atMost], points: [], text: `最多${g.atMost}分` });
  }
  if (ind.cap !== undefined) out.push({ kind: "cap", numbers: [ind.cap], points: [], text: `直到满分${ind.cap}为止` });
  for (const v of ind.vetoes) out.push({ kind: "veto", numbers: v.condition.kind === "compare" ? digitsOf(v.condition.interval.text) : [], points: [], text: `${conditionText(v.condition)}的，本指标为0分` });
  return out;
}

/** Kinds that state the same sort of thing and may stand for each other in prose. */
function family(k: PhraseKind): string {
  switch (k) {
    case "add":
    case "tiers":
    case "levels":
    case "flag":
      return "points";
    case "cap":
    case "atMost":
      return "cap";
    case "stepDeduction":
    case "increments":
    case "countDeduction":
    case "perItem":
    case "baseline":
    case "expert":
    case "discretionary":
    case "veto":
    case "floor":
      return k;
    default:
      return assertNever(k);
  }
}

const same = (a: string, b: string) => canonicalDecimal(a) === canonicalDecimal(b);

/** Numbers of prose that carry a scoring unit (the checker's ZS3010 reads the same ones). */
const PROSE_NUMBER = /(\d+(?:\.\d+)?)\s*(家次|个百分点|万元|家|条|次|份|项|分|%|％|人|种)/g;

/** The numbers of `st` that a phrase states: all of them, or only the points when one side is a bare 「加N分」. */
function pairsOf(p: Phrase, st: RuleStatement): { pairs: [number, string][]; onlyPoints: boolean } {
  const onlyPoints = p.kind !== st.kind && (p.kind === "flag" || st.kind === "flag");
  if (!onlyPoints) return { pairs: st.numbers.map((v, i) => [i, v]), onlyPoints };
  // the bare phrase's points against the statement's points (a band's own points, for 得 bands)
  const mine = p.numbers[p.numbers.length - 1]?.value ?? "";
  const match = p.kind === "flag" ? st.points.find((v) => same(v, mine)) : undefined;
  return { pairs: [[p.numbers.length - 1, match ?? st.numbers[st.numbers.length - 1] ?? ""]], onlyPoints };
}

function agrees(p: Phrase, st: RuleStatement): boolean {
  const { pairs, onlyPoints } = pairsOf(p, st);
  if (!onlyPoints && p.numbers.length !== st.numbers.length) return false;
  return pairs.every(([i, v]) => p.numbers[i] !== undefined && same(p.numbers[i]!.value, v));
}

/** Lines the prose's phrases up with the rule and lists where they disagree. */
export function proseAgreement(ind: Indicator, extraNumbers: readonly string[] = []): ProseAgreement {
  const description = ind.description;
  if (description === undefined || ind.rules.length === 0) return { disagreements: [], regenerated: undefined };
  const statements = ruleStatements(ind);
  const matchedTo = new Map<number, number>();
  const phrases: (Phrase & { offset: number })[] = [];
  for (const s of splitSentences(description)) for (const p of findPhrases(s.text)) if (p.kind !== "floor") phrases.push({ ...p, offset: s.start });
  const disagreements: ProseDisagreement[] = [];
  const covered: [number, number][] = [];
  const free = (i: number) => !matchedTo.has(i);
  let next = 0;
  phrases.forEach((p, pi) => {
    const start = p.offset + p.start;
    const end = p.offset + p.end;
    const said = description.slice(start, end);
    const order = [...statements.keys()].filter((i) => i >= next).concat([...statements.keys()].filter((i) => i < next)).filter(free);
    const kin = order.filter((i) => family(statements[i]!.kind) === family(p.kind));
    // the first statement of its kind that it agrees with, else the next of its kind; a bare 「加N分」 may state any part with those points
    let k = kin.find((i) => agrees(p, statements[i]!)) ?? kin.find((i) => statements[i]!.numbers.length === p.numbers.length) ?? kin[0];
    if (k === undefined && p.kind === "flag") k = order.find((i) => agrees(p, statements[i]!));
    if (k === undefined) return; // a phrase no rule states: its numbers are checked below, as the checker does
    matchedTo.set(k, pi);
    next = k + 1;
    covered.push([start, end]);
    const st = statements[k]!;
    if (agrees(p, st)) return;
    const { pairs, onlyPoints } = pairsOf(p, st);
    const mine = p.numbers;
    let replacement: string | undefined;
    if ((onlyPoints || mine.length === st.numbers.length) && pairs.every(([i]) => mine[i]!.start !== undefined)) {
      // the rule's numbers written into the officer's own words
      let text = said;
      let signs = true;
      for (const [i, v] of [...pairs].sort((a, b) => mine[b[0]]!.start! - mine[a[0]]!.start!)) {
        const n = mine[i]!;
        // 「扣6分」 states -6 with the digits 6: the rule's number is written without its sign, and a sign the words cannot take is left to the officer
        if (n.value.startsWith("-") !== v.startsWith("-") && !same(v, "0")) signs = false;
        if (!same(n.value, v)) text = text.slice(0, p.offset + n.start! - start) + v.replace(/^-/, "") + text.slice(p.offset + n.end! - start);
      }
      replacement = signs ? text : undefined;
    } else if (!onlyPoints) replacement = st.text;
    disagreements.push({ indicator: ind.name, said, rule: st.text, start, end, replacement, message: `指标「${ind.name}」的描述写「${said}」，计分句是「${st.text}」` });
  });
  // numbers with a scoring unit outside every lined-up phrase must still be numbers of the rule
  const ruleNumbers = new Set([...statements.flatMap((s) => s.numbers), ...extraNumbers, ind.points, ind.max, ind.weight, "0"].filter((v): v is string => v !== undefined).map((v) => canonicalDecimal(v.replace(/^-/, ""))));
  const reported = new Set<string>();
  for (const m of description.matchAll(PROSE_NUMBER)) {
    const at = m.index;
    if (covered.some(([s, e]) => at >= s && at < e) || ruleNumbers.has(canonicalDecimal(m[1]!)) || reported.has(m[0])) continue;
    reported.add(m[0]);
    disagreements.push({
      indicator: ind.name,
      said: m[0],
      rule: undefined,
      start: at,
      end: at + m[0].length,
      replacement: undefined,
      message: `指标「${ind.name}」的描述中「${m[0]}」在计分句中没有出现：请改写描述或计分句`,
    });
  }
  disagreements.sort((a, b) => a.start - b.start);
  const mendable = disagreements.filter((d) => d.replacement !== undefined);
  let regenerated: string | undefined;
  if (mendable.length > 0) {
    regenerated = description;
    for (const d of [...mendable].reverse()) regenerated = regenerated.slice(0, d.start) + d.replacement + regenerated.slice(d.end);
  }
  return { disagreements, regenerated };
}

/** A sentence of prose rewritten from the rule. */
export interface RewrittenProse {
  indicator: string;
  line: number;
  before: string;
  after: string;
}

/** Position of an offset in a text (1-based line and column). */
export function posAt(text: string, offset: number): Pos {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { offset, line, column: offset - lineStart + 1 };
}

/** Where an indicator's description text starts in the source (its range also covers 「描述：」 spacing). */
function descriptionOffset(text: string, ind: Indicator): number | undefined {
  if (ind.description === undefined || !ind.descriptionRange) return undefined;
  const { start, end } = ind.descriptionRange;
  const i = text.slice(start.offset, end.offset).indexOf(ind.description);
  return i < 0 ? undefined : start.offset + i;
}

/** Numbers of the grade bands, which an indicator's prose may quote (江苏: 75~84分为三星). */
export function gradeNumbers(r: Rubric): string[] {
  return r.grades.flatMap((g) => [g.interval.lo?.value, g.interval.hi?.value]).filter((v): v is string => v !== undefined);
}

/** Every prose disagreement of a rubric as a located diagnostic (ZS5003), with the rewrite as its quick fix. */
/** Numbers an indicator's prose may quote besides its own: grade bands and its category's points or cap (「最高不超过5分」 of a bonus group). */
export function quotableNumbers(r: Rubric, ind: Indicator): string[] {
  const c = r.categories.find((x) => x.name === ind.category);
  return [...gradeNumbers(r), ...[c?.points, c?.cap].filter((v): v is string => v !== undefined)];
}

export function proseDiagnostics(text: string, r: Rubric): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const ind of r.indicators) {
    const base = descriptionOffset(text, ind);
    if (base === undefined) continue;
    for (const d of proseAgreement(ind, quotableNumbers(r, ind)).disagreements) {
      const range: Range = { start: posAt(text, base + d.start), end: posAt(text, base + d.end) };
      const diag: Diagnostic = { code: "ZS5003", severity: "warning", message: `${d.message}${d.replacement !== undefined ? "：导出时可按规则改写" : ""}`, range };
      if (d.replacement !== undefined) diag.fix = { title: `按计分句改写为「${d.replacement.replace(/^，/, "")}」`, edits: [{ range, newText: d.replacement }] };
      out.push(diag);
    }
  }
  return out;
}

/** The rubric text with the rules' numbers written into every disagreeing description, and what could not be mended. */
export function regenerateProse(text: string, r: Rubric): { text: string; rewritten: RewrittenProse[]; unmended: ProseDisagreement[] } {
  const edits: { start: number; end: number; after: string; indicator: string; before: string }[] = [];
  const unmended: ProseDisagreement[] = [];
  for (const ind of r.indicators) {
    const base = descriptionOffset(text, ind);
    const agreement = proseAgreement(ind, quotableNumbers(r, ind));
    unmended.push(...agreement.disagreements.filter((d) => d.replacement === undefined));
    if (agreement.regenerated === undefined || base === undefined) continue;
    edits.push({ start: base, end: base + ind.description!.length, after: agreement.regenerated, indicator: ind.name, before: ind.description! });
  }
  let out = text;
  const rewritten: RewrittenProse[] = [];
  for (const e of [...edits].sort((a, b) => b.start - a.start)) {
    out = out.slice(0, e.start) + e.after + out.slice(e.end);
    rewritten.unshift({ indicator: e.indicator, line: posAt(text, e.start).line, before: e.before, after: e.after });
  }
  return { text: out, rewritten, unmended };
}

