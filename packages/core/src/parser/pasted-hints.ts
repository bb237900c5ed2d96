/**
 * Messages for syntax errors that pasted text causes, in place of the parser's: a number or a name
 * split by a space (「1 500」「服务企业 家次」, often a no-break or ideographic space from a web page or
 * WPS) and a number written with thousands separators (「1,500」). Each says what was written and how to
 * write it; none changes what a text means (the text stays an error).
 */
import { BLANKS, isBlankCode, scanDeclaredNames, type IToken } from "@zhunsheng/grammar";
import type { Range } from "../ast.ts";
import type { Fix } from "../diagnostics.ts";
import { tokenRange } from "./from-cst.ts";

export interface SyntaxHint {
  /** What the message says (after 「语法错误：」). */
  text: string;
  range: Range;
  /** A name written with blanks in it, as it reads without them: the binder's complaints about it follow from the blanks. */
  joinedName?: string;
  fix?: Fix;
  otherFixes?: Fix[];
}

/** The index of `at` in `tokens` (source order), or -1. */
function indexOf(tokens: readonly IToken[], at: IToken): number {
  let lo = 0;
  let hi = tokens.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid]!.startOffset < at.startOffset) lo = mid + 1;
    else hi = mid;
  }
  return tokens[lo] === at ? lo : -1;
}

/**
 * 「1,450」 as spreadsheets print numbers: the parser stops at 「450」 (the comma separates clauses);
 * the message then says what the number is, not 「「450」不是名称的写法」.
 */
function groupedNumber(text: string, tokens: readonly IToken[], i: number): SyntaxHint | undefined {
  const at = tokens[i]!;
  if (at.tokenType.name !== "NumberLiteral" || !/^[0-9]{3}(?:\.[0-9]+)?$/.test(at.image)) return undefined;
  const comma = tokens[i - 1];
  let first = tokens[i - 2];
  // 「1，500」: the full-width comma too (Word's Chinese punctuation), said as a question below
  const sep = comma?.image;
  if (!comma || (sep !== "," && sep !== "，") || first?.tokenType.name !== "NumberLiteral" || comma.startOffset !== at.startOffset - 1 || first.endOffset !== comma.startOffset - 1) return undefined;
  // 12,345,678: back over the earlier groups
  for (let k = i - 2; k >= 2; k -= 2) {
    const c = tokens[k - 1]!;
    const n = tokens[k - 2]!;
    if (c.image !== sep || c.endOffset !== tokens[k]!.startOffset - 1 || n.tokenType.name !== "NumberLiteral" || n.endOffset !== c.startOffset - 1) break;
    first = n;
  }
  // and on over the later ones (the parser stops at the first)
  let last = at;
  for (let k = i; ; k += 2) {
    const c = tokens[k + 1];
    const n = tokens[k + 2];
    if (c?.image !== sep || c.startOffset !== last.startOffset + last.image.length || n?.tokenType.name !== "NumberLiteral" || !/^[0-9]{3}(?:\.[0-9]+)?$/.test(n.image) || n.startOffset !== c.startOffset + 1) break;
    last = n;
  }
  const written = text.slice(first.startOffset, last.startOffset + last.image.length);
  const joined = written.replaceAll(sep, "");
  const said = sep === "," ? `「${written}」中有千分位分隔符：数字请连写，如「${joined}」` : `「${written}」中的「，」如果是千分位分隔符，数字请连写，如「${joined}」；如果是分开的两项，请在「，」后写出名称`;
  return { text: said, range: { start: tokenRange(first).start, end: tokenRange(last).end } };
}

/** What the blanks between two tokens are called: 「空格」, or with the code point when it is not the plain space. */
const BLANK_NAMES: Readonly<Record<number, string>> = {
  0x09: "制表符",
  0xa0: "不换行空格",
  0x3000: "全角空格",
  0x2002: "En 空格",
  0x2003: "Em 空格",
  0x2009: "窄空格",
  0x200a: "细空格",
  0x202f: "窄不换行空格",
};

function blanksCalled(blanks: string): string {
  const odd = [...new Set(blanks)].filter((c) => c !== " ");
  if (odd.length === 0) return "空格";
  return `空格（${odd.map((c) => `U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")} ${BLANK_NAMES[c.charCodeAt(0)] ?? "空格"}`).join("、")}）`;
}

/** The blanks between two tokens of one line, or undefined when anything else lies between them. */
function blanksBetween(text: string, a: IToken, b: IToken): string | undefined {
  const from = a.startOffset + a.image.length;
  for (let k = from; k < b.startOffset; k++) if (!isBlankCode(text.charCodeAt(k))) return undefined;
  return text.slice(from, b.startOffset);
}

/** Tokens `first..last` written with blanks between some of them, and the same without the blanks. */
interface Split {
  first: number;
  last: number;
  written: string;
  joined: string;
  blanks: string;
}

const NAME_LIKE = /^[\p{Script=Han}A-Za-z0-9_Ａ-Ｚａ-ｚ０-９“”"‘’·]+$/u;

function split(text: string, tokens: readonly IToken[], first: number, last: number, nameLike: boolean): Split | undefined {
  let blanks = "";
  let joined = tokens[first]!.image;
  for (let k = first + 1; k <= last; k++) {
    const gap = blanksBetween(text, tokens[k - 1]!, tokens[k]!);
    if (gap === undefined || (nameLike && !NAME_LIKE.test(tokens[k]!.image))) return undefined;
    blanks += gap;
    joined += tokens[k]!.image;
  }
  if (blanks === "" || (nameLike && !NAME_LIKE.test(tokens[first]!.image))) return undefined;
  return { first, last, written: text.slice(tokens[first]!.startOffset, tokens[last]!.startOffset + tokens[last]!.image.length), joined, blanks };
}

/** Fix: the blanks of `s` deleted. */
function joinFix(text: string, tokens: readonly IToken[], s: Split, title: string): Fix {
  const edits = [];
  for (let k = s.first + 1; k <= s.last; k++) {
    const a = tokens[k - 1]!;
    const b = tokens[k]!;
    if (a.startOffset + a.image.length < b.startOffset) edits.push({ range: { start: tokenRange(a).end, end: tokenRange(b).start }, newText: "" });
  }
  return { title, edits };
}

function spanRange(tokens: readonly IToken[], s: Split): Range {
  return { start: tokenRange(tokens[s.first]!).start, end: tokenRange(tokens[s.last]!).end };
}

/** 「1 500」: numbers on one line with only blanks between them, the last at the error. */
function spacedNumber(text: string, tokens: readonly IToken[], i: number): SyntaxHint | undefined {
  const isNumber = (k: number) => tokens[k]?.tokenType.name === "NumberLiteral";
  if (!isNumber(i) || !isNumber(i - 1) || blanksBetween(text, tokens[i - 1]!, tokens[i]!) === undefined) return undefined;
  let first = i - 1;
  while (isNumber(first - 1) && blanksBetween(text, tokens[first - 1]!, tokens[first]!) !== undefined) first--;
  const s = split(text, tokens, first, i, false)!;
  const fix = joinFix(text, tokens, s, `删除空格，连写为「${s.joined}」`);
  // 「1 500」 with groups of three digits is a thousands separator; 「15 00」 may be something else
  const groups = tokens.slice(first + 1, i + 1).every((t) => /^[0-9０-９]{3}(?:[.．][0-9０-９]+)?$/.test(t.image));
  const hint: SyntaxHint = { text: `「${s.written}」中间有${blanksCalled(s.blanks)}：数字请连写，如「${s.joined}」`, range: spanRange(tokens, s) };
  if (groups) hint.fix = fix;
  else hint.otherFixes = [fix];
  return hint;
}

const isLineBreak = (c: number) => c === 0x0a || c === 0x0d;

/**
 * A position at `offset` on token `t`'s line, its column counted from the token's own (the scan back to
 * the line's start stops after MAX_LINE_LOOK characters, so it cannot give columns on a long line).
 */
function onLineOf(t: IToken): (offset: number) => { offset: number; line: number; column: number } {
  const line = t.startLine ?? 1;
  const column = t.startColumn ?? 1;
  return (offset) => ({ offset, line, column: column + (offset - t.startOffset) });
}
/** How far back on its line the text before an error is read. */
const MAX_LINE_LOOK = 200;

/** How far back from an error a split name is looked for, in tokens. */
const LOOK_BACK = 12;
const MAX_PARTS = 6;

/**
 * 「服务企业 家次」: name-like tokens on the error's line, up to the error, with blanks between them and
 * together a name the file declares — the officer's name with a space pasted into it.
 */
function spacedDeclaredName(text: string, tokens: readonly IToken[], i: number, declared: () => ReadonlySet<string>): SyntaxHint | undefined {
  const line = tokens[i]!.startLine;
  for (let last = i; last > i - LOOK_BACK && last > 0 && tokens[last]!.startLine === line; last--) {
    for (let first = last - 1; first >= Math.max(0, last - MAX_PARTS) && tokens[first]!.startLine === line; first--) {
      if (blanksBetween(text, tokens[first]!, tokens[first + 1]!) === undefined || !NAME_LIKE.test(tokens[first]!.image)) break;
      const s = split(text, tokens, first, last, true);
      if (s && declared().has(s.joined)) return joinedName(text, tokens, s);
    }
  }
  return undefined;
}

/** The message and fix for a split name that the file writes elsewhere without the blanks. */
function joinedName(text: string, tokens: readonly IToken[], s: Split): SyntaxHint {
  return {
    text: `「${s.written}」中间有${blanksCalled(s.blanks)}：名称中不能有空格，请连写为「${s.joined}」`,
    range: spanRange(tokens, s),
    joinedName: s.joined,
    fix: joinFix(text, tokens, s, `删除空格，连写为「${s.joined}」`),
  };
}

/**
 * 「服务企业 家次：计数 家次」: an error at a name right after another name with only blanks between them.
 * When the file writes the two together elsewhere (its sentences say 服务企业家次) it is that name;
 * otherwise, when the blank is one pasted text brings (not the space or U+3000 an officer types
 * between words), it may be one name: said as a question, with both ways to write it.
 */
function spacedName(text: string, tokens: readonly IToken[], i: number, parserMessage: string): SyntaxHint | undefined {
  if (i === 0 || tokens[i]!.tokenType.name !== "Identifier" || tokens[i - 1]!.tokenType.name !== "Identifier") return undefined;
  const s = split(text, tokens, i - 1, i, true);
  if (!s) return undefined;
  if (text.includes(s.joined)) return joinedName(text, tokens, s);
  if ([...s.blanks].every((c) => c === " " || c === "\u3000" || c === "\t")) return undefined;
  const quoted = `「${s.written}」`;
  return {
    text: `${parserMessage}（「${s.written}」中间有${blanksCalled(s.blanks)}：如果是一个名称，请连写为「${s.joined}」；名称本身含空格时用「」括起）`,
    range: tokenRange(tokens[i]!),
    otherFixes: [
      joinFix(text, tokens, s, `删除空格，连写为「${s.joined}」`),
      { title: `用「」括起：${quoted}`, edits: [{ range: spanRange(tokens, s), newText: quoted }] },
    ],
  };
}

/** 「60分（含）以上」 just before a range dash: the lower bound, its unit and whether it is included. */
const LOWER_BEFORE_DASH = new RegExp(`([0-9０-９]+(?:[.．][0-9０-９]+)?)([%％]|[^\\s0-9０-９（()）以及超]{0,3}?)(?:[（(](不?含)[）)])?及?以上(?:[（(](不?含)[）)])?[${BLANKS}]*$`, "u");
const NUMBER_AFTER_DASH = new RegExp(`^[${BLANKS}]*([0-9０-９]+(?:[.．][0-9０-９]+)?)`, "u");
const RANGE_DASHES = new Set(["-", "－", "—", "——", "–", "―", "～", "~", "〜", "至"]);

/**
 * 「60分（含）以上-80分评为合格」 (the national norm's grades): a comparative word and a range dash
 * together leave the upper end open — 60 is said to be in, 80 is not said either way (and the next
 * band is 「80分（含）以上」). Refused, naming both ways to write it.
 */
function comparativeThenDash(text: string, tokens: readonly IToken[], i: number): SyntaxHint | undefined {
  const t = tokens[i]!;
  if (!RANGE_DASHES.has(t.image)) return undefined;
  let lineStart = t.startOffset;
  while (lineStart > 0 && !isLineBreak(text.charCodeAt(lineStart - 1)) && t.startOffset - lineStart < MAX_LINE_LOOK) lineStart--;
  const lower = LOWER_BEFORE_DASH.exec(text.slice(lineStart, t.startOffset));
  const after = t.startOffset + t.image.length;
  const upper = NUMBER_AFTER_DASH.exec(text.slice(after, after + 40));
  if (!lower || !upper) return undefined;
  const [, lo, unit = ""] = lower;
  const excluded = (lower[3] ?? lower[4]) === "不含";
  const upUnit = text.startsWith(unit, after + upper[0].length) ? unit : "";
  const start = lineStart + lower.index;
  const end = after + upper[0].length + upUnit.length;
  const up = `${upper[1]}${upUnit}`;
  const written = text.slice(start, end);
  const below = excluded ? `超过${lo}${unit}不足${up}` : `${lo}${unit}（含）以上不足${up}`;
  const through = excluded ? `超过${lo}${unit}不超过${up}` : `${lo}${upUnit === unit ? "" : unit}～${up}`;
  const at = onLineOf(t);
  const range = { start: at(start), end: at(end) };
  return {
    text: `「${written}」中「以上」与「${t.image}」连用，没有写明${up}本身是否含在内：不含${up}请写「${below}」，含${up}请写「${through}」`,
    range,
    otherFixes: [
      { title: `改为「${below}」（不含${up}）`, edits: [{ range, newText: below }] },
      { title: `改为「${through}」（含${up}）`, edits: [{ range, newText: through }] },
    ],
  };
}

/** A list number at the start of a line as Word numbers paragraphs: 1. 1、 1） （1） (1) */
const LIST_NUMBER = /^(?:[（(][0-9０-９]{1,3}[）)]|[0-9０-９]{1,3}(?:[.．、)）](?![0-9０-９])))/u;

/**
 * 「1.服务企业家次 达1500家次得15分」: a paragraph's list number pasted with its sentence. The error is
 * at the number (or its 「.」): say that it is a list number and offer to delete it.
 */
function listNumber(text: string, tokens: readonly IToken[], i: number): SyntaxHint | undefined {
  const t = tokens[i]!;
  let lineStart = t.startOffset;
  while (lineStart > 0 && !isLineBreak(text.charCodeAt(lineStart - 1)) && t.startOffset - lineStart < MAX_LINE_LOOK) lineStart--;
  let start = lineStart;
  while (isBlankCode(text.charCodeAt(start))) start++;
  const label = LIST_NUMBER.exec(text.slice(start, start + 8))?.[0];
  if (!label || t.startOffset >= start + label.length) return undefined;
  let end = start + label.length;
  while (isBlankCode(text.charCodeAt(end))) end++;
  const at = onLineOf(t);
  const range = { start: at(start), end: at(start + label.length) };
  return {
    text: `行首的「${label}」是条目编号，不是计分句的一部分：请删除（名称中的条目编号可写作「①服务收入」）`,
    range,
    fix: { title: `删除条目编号「${label}」`, edits: [{ range: { start: at(start), end: at(end) }, newText: "" }] },
  };
}

/** Hints for the syntax errors of one text; `declared` names are scanned only when a split name is looked for. */
export class SyntaxHints {
  private declaredNames: ReadonlySet<string> | undefined;
  constructor(
    private readonly text: string,
    private readonly tokens: readonly IToken[],
  ) {}

  /** A better message for the error at `at` than the parser's `parserMessage`, if there is one. */
  at(at: IToken, parserMessage: string): SyntaxHint | undefined {
    const i = indexOf(this.tokens, at);
    if (i < 0) return undefined;
    const declared = () => (this.declaredNames ??= new Set(scanDeclaredNames(this.text)));
    return (
      groupedNumber(this.text, this.tokens, i) ??
      comparativeThenDash(this.text, this.tokens, i) ??
      listNumber(this.text, this.tokens, i) ??
      spacedNumber(this.text, this.tokens, i) ??
      spacedDeclaredName(this.text, this.tokens, i, declared) ??
      spacedName(this.text, this.tokens, i, parserMessage)
    );
  }
}
