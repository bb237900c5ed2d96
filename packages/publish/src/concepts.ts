/**
 * The shared concept vocabulary (rules/concepts/概念.json): concepts that indicators are tagged
 * with (`概念：…`), broader concepts for the side-by-side rows, and input mappings by concept
 * between rubrics, declared once, for scoring one dataset under two provinces' rubrics (cross-score.ts).
 */
import type { Rubric } from "@zhunsheng/core";

export interface Concept {
  name: string;
  /** The broader concept whose row this one is shown in. */
  parent: string | undefined;
  description: string;
}

export interface InputMapping {
  concept: string;
  note: string;
  /** Rubric id (path under rules/) → input name. */
  inputs: Record<string, string>;
}

export interface Vocabulary {
  concepts: Concept[];
  mappings: InputMapping[];
}

export interface VocabularyProblem {
  message: string;
}

interface RawVocabulary {
  概念?: { 名称?: unknown; 上位?: unknown; 说明?: unknown }[];
  输入对应?: { 概念?: unknown; 说明?: unknown; 输入?: Record<string, unknown> }[];
}

/** Reads 概念.json; problems (bad shape, unknown parents, duplicates) are returned, never thrown. */
export function parseVocabulary(json: string): { vocabulary: Vocabulary; problems: VocabularyProblem[] } {
  const problems: VocabularyProblem[] = [];
  let raw: RawVocabulary;
  try {
    raw = JSON.parse(json) as RawVocabulary;
  } catch (e) {
    return { vocabulary: { concepts: [], mappings: [] }, problems: [{ message: `概念表不是有效的 JSON：${(e as Error).message}` }] };
  }
  const concepts: Concept[] = [];
  for (const c of raw.概念 ?? []) {
    if (typeof c.名称 !== "string" || c.名称 === "") {
      problems.push({ message: "概念表中有一项缺少「名称」" });
      continue;
    }
    if (concepts.some((x) => x.name === c.名称)) problems.push({ message: `概念「${c.名称}」重复` });
    concepts.push({ name: c.名称, parent: typeof c.上位 === "string" ? c.上位 : undefined, description: typeof c.说明 === "string" ? c.说明 : "" });
  }
  for (const c of concepts) if (c.parent !== undefined && !concepts.some((x) => x.name === c.parent)) problems.push({ message: `概念「${c.name}」的上位「${c.parent}」不在概念表中` });
  const mappings: InputMapping[] = [];
  for (const m of raw.输入对应 ?? []) {
    if (typeof m.概念 !== "string" || !concepts.some((c) => c.name === m.概念)) {
      problems.push({ message: `输入对应的概念「${String(m.概念)}」不在概念表中` });
      continue;
    }
    const inputs: Record<string, string> = {};
    for (const [k, v] of Object.entries(m.输入 ?? {})) if (typeof v === "string") inputs[k] = v;
    mappings.push({ concept: m.概念, note: typeof m.说明 === "string" ? m.说明 : "", inputs });
  }
  return { vocabulary: { concepts, mappings }, problems };
}

/** The row a concept is shown in: its broadest ancestor. */
export function rootConcept(v: Vocabulary, name: string): string {
  let cur = name;
  for (let i = 0; i < 10; i++) {
    const c = v.concepts.find((x) => x.name === cur);
    if (!c?.parent) return cur;
    cur = c.parent;
  }
  return cur;
}

/** Indicators whose 概念 tag is not in the vocabulary (and, separately, untagged ones). */
export function checkConceptTags(v: Vocabulary, rubric: Rubric): { unknown: { indicator: string; concept: string; line: number }[]; untagged: string[] } {
  const known = new Set(v.concepts.map((c) => c.name));
  const unknown = rubric.indicators.filter((i) => i.concept !== undefined && !known.has(i.concept)).map((i) => ({ indicator: i.name, concept: i.concept!, line: i.range.start.line }));
  return { unknown, untagged: rubric.indicators.filter((i) => i.concept === undefined).map((i) => i.name) };
}

/** Mapped inputs that the named rubric does not declare. */
export function checkMappings(v: Vocabulary, rubricId: string, rubric: Rubric): string[] {
  const out: string[] = [];
  for (const m of v.mappings) {
    const name = m.inputs[rubricId];
    if (name !== undefined && !rubric.inputByName.has(name)) out.push(`「${m.concept}」对应的输入「${name}」在 ${rubricId} 中没有声明`);
  }
  return out;
}

/** Character pairs of the Han text (the unit of similarity for Chinese names). */
function bigrams(s: string): Set<string> {
  const han = s.replace(/[^\p{Script=Han}]/gu, "");
  const out = new Set<string>();
  for (let i = 0; i + 1 < han.length; i++) out.add(han.slice(i, i + 2));
  return out;
}

/**
 * The concept an imported indicator most likely belongs to, by the character pairs its name (and the
 * first sentence of its description) shares with each concept's name and note; undefined when none is close.
 */
export function suggestConcept(v: Vocabulary, indicator: string, description = ""): string | undefined {
  const name = bigrams(indicator);
  const text = bigrams(`${indicator}${description.split(/[。；;]/)[0] ?? ""}`);
  let best: { concept: string; score: number } | undefined;
  for (const c of v.concepts) {
    const own = bigrams(c.name);
    const about = bigrams(`${c.name}${c.description}`);
    let shared = 0;
    for (const b of own) if (name.has(b)) shared += 2;
    for (const b of about) if (text.has(b)) shared += 1;
    const score = shared / (own.size * 2 + about.size);
    if (indicator.includes(c.name)) best = !best || best.score < score + 1 ? { concept: c.name, score: score + 1 } : best;
    else if (!best || score > best.score) best = { concept: c.name, score };
  }
  return best && best.score >= 0.3 ? best.concept : undefined;
}
