/**
 * The fuzz campaign's inputs: each one is a pure function of (seed, index), so a child process
 * can make it, and the parent can make the same text again to keep it as a fixture when the
 * child hangs or dies on it. Five families: random strings, token mutations and line mutations
 * of the rubrics in rules/, truncations, and "breaking" mutations that must be reported.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { COMPARATIVES, KEYWORDS, UNITS, tokenize, type IToken } from "../../packages/core/src/index.ts";

/** What a breaking mutation did, and so what the analysis must report. */
export type Expectation =
  | { kind: "error"; reason: string } // an error diagnostic
  | { kind: "problem"; reason: string } // an error or a warning
  | { kind: "same-as"; reason: string; text: string }; // the same diagnostic codes as this text

export interface FuzzInput {
  /** The family and the mutation, e.g. "token/replace-number". */
  family: string;
  text: string;
  expect?: Expectation;
}

// ---- a small seeded generator ------------------------------------------------------------------

export type Random = () => number;

/** mulberry32: fast, good enough for mutation choices, and seeded per input. */
export function random(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function mix(seed: number, index: number): number {
  let h = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ index;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

const int = (r: Random, n: number) => Math.floor(r() * n);
const pick = <T>(r: Random, xs: readonly T[]): T => xs[int(r, xs.length)]!;

// ---- the material ------------------------------------------------------------------------------

const ROOT = new URL("../../", import.meta.url).pathname;

function zsFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...zsFiles(p));
    else if (e.name.endsWith(".zs")) out.push(p);
  }
  return out.sort();
}

interface Base {
  text: string;
  tokens: readonly IToken[];
  lines: string[];
}

let bases: Base[] | undefined;

/** The rubrics of rules/ and the good cases of test/cases, tokenised once per process. */
export function corpus(): Base[] {
  if (bases) return bases;
  const files = [...zsFiles(join(ROOT, "rules")), ...zsFiles(join(ROOT, "test/cases/good"))];
  bases = files.map((f) => {
    const text = readFileSync(f, "utf8");
    return { text, tokens: tokenize(text).tokens, lines: text.split("\n") };
  });
  return bases;
}

const KEYWORD_FORMS = KEYWORDS.flatMap((k) => k.forms);
const WORDS = [...KEYWORD_FORMS, ...COMPARATIVES.map((c) => c.form), ...UNITS];
const PUNCTUATION = [..."：:，,、；;。（）()～~+-×÷/=＋－＝「」「」#\n\n\n\t\u3000 "];
const HAN = [..."服务企业平台活动满意度人数收入增长率专业人员比例数据中小"];
const STRANGE = ["\r", "\r\n", "\u0000", "\uFEFF", "\u200b", "😀", "\ud800", "０", "．", "—", "·", "“", "”", "\\", "$", "@", "{", "}", "[", "]"];

/** Numbers an adversary writes: many digits, many decimals, zero, full-width, leading zeros. */
function wildNumber(r: Random): string {
  switch (int(r, 12)) {
    case 0:
      return "0";
    case 1:
      return "0." + "0".repeat(int(r, 12)) + "1";
    case 2:
      return "9".repeat(1 + int(r, 40));
    case 3:
      return String(1 + int(r, 2000)) + "." + "0".repeat(int(r, 10)) + "1";
    case 4:
      return "1" + "0".repeat(15 + int(r, 10));
    case 5:
      return "１５００";
    case 6:
      return "00" + String(int(r, 100));
    case 7:
      return String(int(r, 10)) + "." + String(int(r, 10 ** 7));
    case 8:
      return "1".repeat(200 + int(r, 400)) + "." + "5".repeat(int(r, 300));
    case 9:
      return "-" + String(int(r, 100));
    default:
      return String(int(r, 3000));
  }
}

function randomPiece(r: Random): string {
  switch (int(r, 6)) {
    case 0:
    case 1:
      return pick(r, WORDS);
    case 2:
      return pick(r, PUNCTUATION);
    case 3:
      return pick(r, HAN) + (r() < 0.5 ? pick(r, HAN) : "");
    case 4:
      return wildNumber(r);
    default:
      return r() < 0.2 ? pick(r, STRANGE) : String.fromCharCode(32 + int(r, 0x9fff - 32));
  }
}

// ---- the families ------------------------------------------------------------------------------

function randomString(r: Random): FuzzInput {
  const n = int(r, r() < 0.97 ? 120 : 1200);
  let s = r() < 0.3 ? "评价体系 测试\n" : "";
  for (let i = 0; i < n; i++) s += randomPiece(r);
  return { family: "random", text: s };
}

/** A window of a base rubric: its header and inputs plus a run of its categories, so that most inputs stay small. */
function window(r: Random, base: Base): Base {
  if (r() < 0.04) return base;
  const starts = base.lines.flatMap((l, i) => (/^(类别|加分项|大类|等级|星级|否决|认定条件|用例)/.test(l) ? [i] : []));
  if (starts.length < 2) return base;
  const first = starts[0]!;
  const from = int(r, starts.length);
  const to = Math.min(starts.length, from + 1 + (r() < 0.2 ? int(r, 3) : 0));
  const lines = [...base.lines.slice(0, first), ...base.lines.slice(starts[from]!, to < starts.length ? starts[to]! : undefined)];
  const text = lines.join("\n");
  return { text, tokens: tokenize(text).tokens, lines };
}

function splice(text: string, start: number, end: number, insert: string): string {
  return text.slice(0, start) + insert + text.slice(end);
}
const endOf = (t: IToken) => (t.endOffset ?? t.startOffset) + 1;

function tokenMutation(r: Random, base: Base): FuzzInput {
  const { text, tokens } = base;
  if (tokens.length === 0) return { family: "token/empty", text };
  let out = text;
  let family = "token";
  const rounds = 1 + (r() < 0.3 ? int(r, 5) : 0);
  for (let k = 0; k < rounds; k++) {
    const toks = k === 0 ? tokens : tokenize(out).tokens;
    if (toks.length === 0) break;
    const t = pick(r, toks);
    const s = t.startOffset;
    const e = endOf(t);
    const numbers = toks.filter((x) => x.tokenType.name === "NumberLiteral");
    switch (int(r, 7)) {
      case 0:
        family = "token/delete";
        out = splice(out, s, e, "");
        break;
      case 1:
        family = "token/duplicate";
        out = splice(out, e, e, out.slice(s, e));
        break;
      case 2: {
        family = "token/swap";
        const u = toks[toks.indexOf(t) + 1];
        if (u) out = out.slice(0, s) + out.slice(u.startOffset, endOf(u)) + out.slice(e, u.startOffset) + out.slice(s, e) + out.slice(endOf(u));
        break;
      }
      case 3:
        family = "token/replace";
        out = splice(out, s, e, randomPiece(r));
        break;
      case 4: {
        family = "token/wild-number";
        const n = numbers.length ? pick(r, numbers) : t;
        out = splice(out, n.startOffset, endOf(n), wildNumber(r));
        break;
      }
      case 5:
        family = "token/insert";
        out = splice(out, s, s, randomPiece(r));
        break;
      default: {
        family = "token/replace-keyword";
        out = splice(out, s, e, pick(r, WORDS));
      }
    }
  }
  return { family, text: out };
}

function lineMutation(r: Random, base: Base): FuzzInput {
  const lines = [...base.lines];
  const i = int(r, lines.length);
  const j = int(r, lines.length);
  const line = lines[i]!;
  switch (int(r, 9)) {
    case 0:
      lines.splice(i, 1);
      return { family: "line/delete", text: lines.join("\n") };
    case 1:
      lines.splice(i, 0, line);
      return { family: "line/duplicate", text: lines.join("\n") };
    case 2:
      [lines[i], lines[j]] = [lines[j]!, line];
      return { family: "line/swap", text: lines.join("\n") };
    case 3:
      lines[i] = r() < 0.5 ? "  " + line : line.replace(/^[ \t\u3000]{1,2}/, "");
      return { family: "line/indent", text: lines.join("\n") };
    case 4:
      lines.splice(i, 2, line + (lines[i + 1] ?? ""));
      return { family: "line/join", text: lines.join("\n") };
    case 5: {
      const at = int(r, line.length + 1);
      lines.splice(i, 1, line.slice(0, at), line.slice(at));
      return { family: "line/split", text: lines.join("\n") };
    }
    case 6:
      lines.splice(i, 0, ...Array.from({ length: 2 + int(r, r() < 0.02 ? 300 : 8) }, () => line));
      return { family: "line/repeat", text: lines.join("\n") };
    case 7:
      lines.splice(j, 0, lines.splice(i, 1)[0]!);
      return { family: "line/move", text: lines.join("\n") };
    default:
      return { family: "line/endings", text: lines.join(r() < 0.5 ? "\r\n" : "\r") };
  }
}

function truncation(r: Random, base: Base): FuzzInput {
  const { text } = base;
  const at = int(r, text.length + 1);
  switch (int(r, 3)) {
    case 0:
      return { family: "truncate/end", text: text.slice(0, at) };
    case 1:
      return { family: "truncate/span", text: splice(text, at, at + int(r, 400), "") };
    default: {
      let tail = "";
      for (let i = int(r, 10); i > 0; i--) tail += randomPiece(r);
      return { family: "truncate/tail", text: text.slice(0, at) + tail };
    }
  }
}

/** Inputs built to stress time and stack: deep nesting, long chains, runs of one character. */
function bomb(r: Random): FuzzInput {
  const n = 200 + int(r, 20_000);
  const head = "评价体系 测试\n输入\n  甲：计数 次\n派生\n  乙：数值 = ";
  switch (int(r, 8)) {
    case 0:
      return { family: "bomb/parens", text: head + "（".repeat(n) + "甲" + "）".repeat(n) + "\n" };
    case 1:
      return { family: "bomb/unclosed-parens", text: head + "（".repeat(n) + "甲\n" };
    case 2:
      return { family: "bomb/unary", text: head + "-".repeat(n) + "甲\n" };
    case 3:
      return { family: "bomb/terms", text: head + Array.from({ length: n }, () => "甲").join("+") + "\n" };
    case 4:
      return { family: "bomb/quotes", text: "评价体系 测试\n" + "「".repeat(n * 5) };
    case 5:
      return { family: "bomb/digits", text: "评价体系 测试\n类别 甲（10分）\n  指标 乙 10分\n    描述：" + "1".repeat(n * 5) + "\n" };
    case 6:
      return { family: "bomb/spaces", text: "评价体系" + " ".repeat(n * 5) + "测试\n" };
    default:
      return { family: "bomb/lines", text: "评价体系 测试\n" + "\n".repeat(n * 5) };
  }
}

/** Mutations that break the rubric in a way the analysis must report. */
function breaking(r: Random, base: Base): FuzzInput | undefined {
  const { text, tokens } = base;
  switch (int(r, 7)) {
    case 0: {
      // a character no token takes, just before a number or keyword (never inside a comment or text line)
      const candidates = tokens.filter((t) => t.tokenType.name === "NumberLiteral" || t.tokenType.name === "Get" || t.tokenType.name === "Comparative");
      if (!candidates.length) return undefined;
      const t = pick(r, candidates);
      return { family: "break/stray-char", text: splice(text, t.startOffset, t.startOffset, pick(r, ["@", "$", "^", "`", "{", "[", "<", "€", "😀"])), expect: { kind: "error", reason: "插入了无法识别的字符" } };
    }
    case 1: {
      const quoted = tokens.filter((t) => t.tokenType.name === "QuotedName");
      if (!quoted.length) return undefined;
      const t = pick(r, quoted);
      return { family: "break/unclosed-quote", text: splice(text, endOf(t) - 1, endOf(t), ""), expect: { kind: "error", reason: "删去了「」的右引号" } };
    }
    case 2: {
      const decl = [...text.matchAll(/^  ([^\s#：:「」]+)[：:][ \t]*(计数|数值|百分比|金额|是否|评分|文本)/gmu)];
      if (!decl.length) return undefined;
      const m = pick(r, decl);
      const lineEnd = text.indexOf("\n", m.index!);
      const line = text.slice(m.index!, lineEnd < 0 ? text.length : lineEnd);
      return { family: "break/duplicate-input", text: splice(text, m.index!, m.index!, line + "\n"), expect: { kind: "error", reason: `输入「${m[1]}」声明了两次` } };
    }
    case 3: {
      const gets = tokens.filter((t) => t.tokenType.name === "Get");
      if (!gets.length) return undefined;
      const t = pick(r, gets);
      const lineEnd = text.indexOf("\n", endOf(t));
      return { family: "break/cut-after-get", text: splice(text, endOf(t), lineEnd < 0 ? text.length : lineEnd, ""), expect: { kind: "error", reason: "「得」后面的分数被删去" } };
    }
    case 4: {
      // a category's points changed while its indicators stay: the sum no longer adds up
      // (a draft with 分值待定 cannot be summed: left out)
      const cats = [...text.matchAll(/^类别 [^\n（(]+[（(]([0-9]+)分[）)]/gmu)];
      if (!cats.length || text.includes("分值待定")) return undefined;
      const m = pick(r, cats);
      const at = m.index! + m[0].lastIndexOf(m[1]!);
      return { family: "break/category-sum", text: splice(text, at, at + m[1]!.length, String(Number(m[1]) + 1 + int(r, 9))), expect: { kind: "problem", reason: "类别分值改了，所含指标没改" } };
    }
    case 5: {
      // a step of zero: 每少0家次
      const steps = tokens.filter((t) => t.tokenType.name === "EachLess" || t.tokenType.name === "EachMore");
      const next = steps.map((t) => tokens[tokens.indexOf(t) + 1]).filter((t): t is IToken => t?.tokenType.name === "NumberLiteral");
      if (!next.length) return undefined;
      const n = pick(r, next);
      return { family: "break/zero-step", text: splice(text, n.startOffset, endOf(n), "0"), expect: { kind: "error", reason: "档距为0" } };
    }
    default: {
      // the same file with other line endings must read the same
      const eol = r() < 0.5 ? "\r\n" : "\r";
      return { family: `break/line-endings-${eol === "\r" ? "cr" : "crlf"}`, text: text.replace(/\r?\n/g, eol), expect: { kind: "same-as", reason: "只换了换行符", text: text.replace(/\r\n?/g, "\n") } };
    }
  }
}

/** The input number `index` of the campaign seeded with `seed`. */
export function inputAt(seed: number, index: number): FuzzInput {
  const r = random(mix(seed, index));
  const roll = r();
  const all = corpus();
  if (roll < 0.25) return randomString(r);
  if (roll < 0.2502) return bomb(r);
  const base = window(r, pick(r, all));
  if (roll < 0.5) return tokenMutation(r, base);
  if (roll < 0.7) return lineMutation(r, base);
  if (roll < 0.85) return truncation(r, base);
  return breaking(r, base) ?? tokenMutation(r, base);
}
