/**
 * Tokens of the 准绳 language.
 *
 * How Chinese words are split (there are no spaces to help):
 *  1. A name declared in the file (an input, indicator, category, a value of a 取值 input… —
 *     found by a cheap line scan of declaration sites, `scanDeclarations`) is matched
 *     longest-first, provided it ends where a name may end (before punctuation, a number,
 *     a keyword or a unit). Declared names live in a trie: matching costs the name's length,
 *     never the number of names.
 *  2. Otherwise, where a keyword begins, the keyword wins (longest form first).
 *  3. Otherwise a name is the maximal run of name characters; it ends before a number that
 *     is followed by a unit or a keyword (服务收入300万元以上 → 服务收入 · 300 · 万元 · 以上).
 *  4. A unit (家次, 分, %, 万元 …) is recognised only right after a number or after 每; a short
 *     run of characters there that is no known unit is an unknown unit (reported as such), and
 *     a unit written on an input declaration (`设备数：计数 台套`) is known in its file.
 *  5. After `地区：`, `描述：` and the other text headers, after `评价体系` and after `用例`,
 *     the rest of the line is text.
 *  6. CR, CRLF and LF end a line alike.
 * Every matcher runs in time proportional to what it consumes (plus a bounded look-ahead), so
 * lexing is linear in the file. `lexer.test.ts` pins these rules with a table of inputs and
 * token names.
 */
import { createToken, Lexer, type IToken, type TokenType } from "chevrotain";
import { KEYWORDS, KEYWORD_FORMS, UNITS, type KeywordEntry } from "./keywords.ts";

type CustomMatch = RegExpExecArray;
/** The one array every custom pattern answers with: chevrotain 11 reads its [0] at once and keeps nothing. */
const MATCHED = [""] as unknown as CustomMatch;
const match = (text: string): CustomMatch => {
  MATCHED[0] = text;
  return MATCHED;
};

/** Item labels officers keep inside names: Ⅰ类, ①, ⑴, ⒈ */
const LABEL_CHARS = "\u2160-\u217f\u2460-\u249b";
const NAME_CHAR = new RegExp(`[\\p{Script=Han}A-Za-z0-9_“”"‘’·\\-Ａ-Ｚａ-ｚ０-９${LABEL_CHARS}]`, "u");
const NAME_START = new RegExp(`[\\p{Script=Han}A-Za-z_“"‘Ａ-Ｚａ-ｚ${LABEL_CHARS}]`, "u");
const DIGIT = /[0-9０-９]/;
const LATIN_LETTER = /[A-Za-zＡ-Ｚａ-ｚ]/;
const HAN = /\p{Script=Han}/u;
/**
 * Characters that show as nothing (zero-width space, joiners, soft hyphen, a BOM in mid-text), left in
 * names by text pasted from Word or a web page: inside a name they are part of its token and the name
 * means the same without them (core's from-cst drops them); anywhere else they are reported.
 */
export const INVISIBLE = /[\u00ad\u200b-\u200f\u2060\ufeff]/gu;

// Classes of one UTF-16 unit, from the patterns above, worked out once per unit: the lexer looks at
// every character of every name, and `text[i]` of a Chinese character is a new string each time.
const NAME_CHAR_BIT = 1;
const NAME_START_BIT = 2;
const DIGIT_BIT = 4;
const HAN_BIT = 8;
const LATIN_BIT = 16;
const INVISIBLE_BIT = 32;
const KNOWN_BIT = 128;
const CHAR_CLASSES = new Uint8Array(0x10000);

/** The classes of the unit at `i` (0 past either end of the text). */
function classAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (Number.isNaN(c)) return 0;
  let k = CHAR_CLASSES[c]!;
  if (k === 0) {
    const ch = String.fromCharCode(c);
    k = KNOWN_BIT;
    if (NAME_CHAR.test(ch)) k |= NAME_CHAR_BIT;
    if (NAME_START.test(ch)) k |= NAME_START_BIT;
    if (DIGIT.test(ch)) k |= DIGIT_BIT;
    if (HAN.test(ch)) k |= HAN_BIT;
    if (LATIN_LETTER.test(ch)) k |= LATIN_BIT;
    if (ch !== ch.replace(INVISIBLE, "")) k |= NAME_CHAR_BIT | INVISIBLE_BIT;
    CHAR_CLASSES[c] = k;
  }
  return k;
}
const is = (text: string, i: number, bit: number) => (classAt(text, i) & bit) !== 0;
/** A decimal point: . or ． */
const isPoint = (text: string, i: number) => text.charCodeAt(i) === 0x2e || text.charCodeAt(i) === 0xff0e;

/** Chinese numerals read as numbers right after 每 (每签约一家、每引进一名). */
export const NUMERALS: Readonly<Record<string, string>> = { 一: "1", 二: "2", 两: "2", 三: "3", 四: "4", 五: "5", 六: "6", 七: "7", 八: "8", 九: "9", 十: "10" };

// ---- keyword and unit indexes (built once) ----------------------------------------------------

type KeywordHit = { form: string; entry: KeywordEntry };
/** Keyword forms by their first UTF-16 unit, longest first. */
const KEYWORDS_BY_FIRST = new Map<number, KeywordHit[]>();
for (const k of KEYWORD_FORMS) {
  const list = KEYWORDS_BY_FIRST.get(k.form.charCodeAt(0)) ?? [];
  list.push(k);
  KEYWORDS_BY_FIRST.set(k.form.charCodeAt(0), list);
}

/** A set of strings searchable by prefix at an offset: a trie keyed by code point (no string per character looked at). */
class Trie {
  private readonly root = new Map<number, TrieNode>();
  add(word: string): void {
    let children = this.root;
    let node: TrieNode | undefined;
    for (let i = 0; i < word.length; ) {
      const cp = word.codePointAt(i)!;
      node = children.get(cp);
      if (!node) children.set(cp, (node = { end: false, children: new Map() }));
      children = node.children;
      i += cp > 0xffff ? 2 : 1;
    }
    if (node) node.end = true;
  }
  /** Lengths (in UTF-16 units) of the words starting at `offset`, longest first. */
  matchesAt(text: string, offset: number): readonly number[] {
    let out: number[] | undefined;
    let children = this.root;
    let i = offset;
    while (i < text.length) {
      const cp = text.codePointAt(i)!;
      const node = children.get(cp);
      if (!node) break;
      i += cp > 0xffff ? 2 : 1;
      if (node.end) (out ??= []).push(i - offset);
      children = node.children;
    }
    return out ? out.reverse() : NO_MATCHES;
  }
}
const NO_MATCHES: readonly number[] = [];
interface TrieNode {
  end: boolean;
  children: Map<number, TrieNode>;
}

const KNOWN_UNITS = new Trie();
for (const u of UNITS) KNOWN_UNITS.add(u);

// ---- state of one `tokenize` call -----------------------------------------------------------

interface LexState {
  text: string;
  names: Trie;
  units: Trie;
  unitSet: Set<string>;
  /** Offset of each 「 → offset just past its matching 」 on the same line (absent: unclosed). */
  quoteEnd: Map<number, number>;
  keywordOffset: number;
  keywordFound: KeywordHit | undefined;
  /** One string per distinct token text (a file repeats its words: 100 copies of the national norm have 74k tokens, 7k texts). */
  images: Map<string, string>;
}

const EMPTY_STATE: LexState = {
  text: "",
  names: new Trie(),
  units: KNOWN_UNITS,
  unitSet: new Set(UNITS),
  quoteEnd: new Map(),
  keywordOffset: -1,
  keywordFound: undefined,
  images: new Map(),
};
let state: LexState = EMPTY_STATE;

function keywordAt(text: string, offset: number): KeywordHit | undefined {
  if (state.text === text && state.keywordOffset === offset) return state.keywordFound;
  let found: KeywordHit | undefined;
  const bucket = KEYWORDS_BY_FIRST.get(text.charCodeAt(offset));
  if (bucket) {
    for (const k of bucket) {
      if (text.startsWith(k.form, offset)) {
        found = k;
        break;
      }
    }
  }
  if (state.text === text) {
    state.keywordOffset = offset;
    state.keywordFound = found;
  }
  return found;
}

/** A declared name or a unit may end before anything that is not a name character, or before a keyword, a number or a unit. */
function isNameBoundary(text: string, offset: number): boolean {
  while (is(text, offset, INVISIBLE_BIT)) offset++;
  const k = classAt(text, offset);
  if ((k & NAME_CHAR_BIT) === 0 || (k & DIGIT_BIT) !== 0) return true;
  return keywordAt(text, offset) !== undefined;
}

/** Whether the digits at `offset` are a quantity (followed by a unit, a keyword or a non-name character). Returns the end of the digit run either way. */
function digitRun(text: string, offset: number): { end: number; quantity: boolean } {
  let end = offset;
  while (end < text.length && (is(text, end, DIGIT_BIT) || (isPoint(text, end) && is(text, end + 1, DIGIT_BIT)))) end++;
  const quantity = !is(text, end, NAME_CHAR_BIT) || keywordAt(text, end) !== undefined || state.units.matchesAt(text, end).length > 0;
  return { end, quantity };
}

const EACH_TOKENS = new Set(["Each", "EachMore", "EachLess"]);

function matchIdentifier(text: string, offset: number, tokens: IToken[]): CustomMatch | null {
  if (!is(text, offset, NAME_START_BIT)) return null;
  for (const length of state.names.matchesAt(text, offset)) {
    if (isNameBoundary(text, offset + length)) return match(text.slice(offset, offset + length));
  }
  if (keywordAt(text, offset) !== undefined) return null;
  const prev = tokens[tokens.length - 1];
  // 每签约一家创业服务机构得1分: the words around the count are prose; they end at a keyword,
  // a number or a numeral with a unit
  const afterEach = prev !== undefined && EACH_TOKENS.has(prev.tokenType.name) && isAdjacent(prev, offset);
  const prose = afterEach || (prev !== undefined && prev.tokenType === Unit && isAdjacent(prev, offset));
  let end = offset + 1;
  // A.服务收入: a letter label with a full stop starts a name
  if (is(text, offset, LATIN_BIT) && isPoint(text, end) && is(text, end + 1, NAME_START_BIT)) end++;
  while (end < text.length) {
    const k = classAt(text, end);
    if ((k & NAME_CHAR_BIT) === 0) break;
    // a hyphen joins words only between name characters (京津冀-知识产权), never a trailing minus
    if (text.charCodeAt(end) === 0x2d && !is(text, end + 1, NAME_START_BIT)) break;
    if ((k & DIGIT_BIT) !== 0) {
      const run = digitRun(text, end);
      if (run.quantity) break;
      end = run.end;
      continue;
    }
    // 每获得30万元融资得1分: right after 每 the words before the first quantity are prose even where they
    // hold a keyword (获「得」); no award can come before the quantity it counts
    const glued = afterEach && end > offset && is(text, end - 1, HAN_BIT);
    if (prose && ((!glued && keywordAt(text, end) !== undefined) || (NUMERALS[text[end]!] !== undefined && unitAfter(text, end + 1, false) !== undefined))) break;
    // 区级得5分: a keyword right before a number ends the name (names do not hold 「得5」「加3」「达1500」)
    const keyword = keywordAt(text, end);
    if (keyword && !glued && is(text, end + keyword.form.length, DIGIT_BIT)) break;
    end++;
  }
  return match(text.slice(offset, end));
}

/**
 * The unit at `offset` right after a number: a known or declared unit, else a short unknown word.
 * In a 每 sentence (`inEach`) the words after a known unit are prose (每获得30万元融资得1分, 每成功运营一家企业得2分),
 * so a known unit glued to a word is that unit, not an unknown one.
 */
function unitAfter(text: string, offset: number, allowUnknown: boolean, inEach = false): string | undefined {
  const known = state.units.matchesAt(text, offset);
  for (const length of known) if (isNameBoundary(text, offset + length)) return text.slice(offset, offset + length);
  if (!allowUnknown || (inEach && known.length > 0)) return known.length > 0 ? text.slice(offset, offset + known[0]!) : undefined;
  // an unknown unit: up to 4 characters before a keyword, a number or punctuation (5台套得3分)
  let end = offset;
  while (end < text.length && end - offset <= 4 && is(text, end, HAN_BIT) && (end === offset || keywordAt(text, end) === undefined)) end++;
  if (end > offset && end - offset <= 4 && isNameBoundary(text, end) && keywordAt(text, offset) === undefined) return text.slice(offset, end);
  // a known unit glued to a following word (2023年营业收入)
  return known.length > 0 ? text.slice(offset, offset + known[0]!) : undefined;
}

/** Headers whose value is the rest of the line as text (地区：湖南省); the editors' grammars read this too. */
export const LINE_TEXT_HEADERS: ReadonlySet<string> = new Set(["Region", "Year", "PlatformType", "Period", "Source", "Status", "Precision", "Description", "Concept", "Note"]);

function isAdjacent(prev: IToken | undefined, offset: number): boolean {
  return prev !== undefined && (prev.endOffset ?? -2) + 1 === offset;
}

// ---- first-character hints ------------------------------------------------------------------
// Chevrotain only tries, at each offset, the tokens whose possible first characters include
// the one there. Above U+00FF it groups characters in buckets of 255, so one representative
// per bucket is enough to cover a whole range.

function rangeHint(from: number, to: number): number[] {
  const out: number[] = [];
  for (let c = from; c <= to; c += c < 256 ? 1 : 255) out.push(c);
  out.push(to);
  return out;
}
const ANY_CHAR = rangeHint(0, 0xffff);
const NAME_START_HINT = [
  ...rangeHint(0x3400, 0x4dbf),
  ...rangeHint(0x4e00, 0x9fff),
  ...rangeHint(0xf900, 0xfaff),
  ...rangeHint(0xff21, 0xff5a),
  ...rangeHint(0x2160, 0x217f),
  ...rangeHint(0x2460, 0x249b),
  ..."ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_\"“‘",
];
const firstChars = (forms: readonly string[]) => [...new Set(forms.map((f) => f[0]!))];

// ---- tokens -------------------------------------------------------------------------------

/**
 * Blanks between words: the space and tab, and the spaces Word, WPS and web pages put in pasted text —
 * the ideographic space U+3000, the no-break space U+00A0 and the other Unicode spaces (U+2002 en space,
 * U+2009 thin space, U+202F narrow no-break space…). Each separates words as a space does. One list:
 * the regex class (BLANKS) and the code test (isBlankCode) are both made from it.
 */
const BLANK_RANGES: readonly (readonly [number, number])[] = [
  [0x09, 0x09],
  [0x20, 0x20],
  [0xa0, 0xa0],
  [0x1680, 0x1680],
  [0x2000, 0x200a],
  [0x202f, 0x202f],
  [0x205f, 0x205f],
  [0x3000, 0x3000],
];
const hex = (c: number) => `\\u${c.toString(16).padStart(4, "0")}`;
/** The blanks as the inside of a regex character class. */
export const BLANKS = BLANK_RANGES.map(([a, b]) => (a === b ? hex(a) : `${hex(a)}-${hex(b)}`)).join("");
const BLANK_TABLE = new Uint8Array(0x3001);
for (const [a, b] of BLANK_RANGES) BLANK_TABLE.fill(1, a, b + 1);
export const WhiteSpace = createToken({ name: "WhiteSpace", pattern: new RegExp(`[\\r\\n${BLANKS}]+`), group: Lexer.SKIPPED });
export const Comment = createToken({ name: "Comment", pattern: /#[^\r\n]*/, group: "comments" });

/** Blank and line-break tests by code unit (what the WhiteSpace token skips), for the loops over whole lines. */
export const isBlankCode = (c: number) => c <= 0x3000 && BLANK_TABLE[c] === 1;
const isLineBreakCode = (c: number) => c === 0x0a || c === 0x0d;

export const LineText = createToken({
  name: "LineText",
  pattern: (text: string, offset: number, tokens: IToken[]) => {
    const last = tokens[tokens.length - 1];
    const header = tokens[tokens.length - 2];
    // a case is named by the rest of its line (用例 恰好100万元), a rubric by the rest of its first line
    const afterWord = last?.tokenType.name === "Case" || last?.tokenType.name === "Rubric";
    if (!afterWord && (last?.tokenType.name !== "Colon" || !header || !LINE_TEXT_HEADERS.has(header.tokenType.name))) return null;
    const start = text.charCodeAt(offset);
    if (Number.isNaN(start) || isBlankCode(start) || isLineBreakCode(start)) return null;
    // only on the same line as the word or colon before it (an empty 地区： takes nothing from the next line)
    for (let i = (last!.endOffset ?? offset) + 1; i < offset; i++) if (isLineBreakCode(text.charCodeAt(i))) return null;
    // to the end of the line or a comment (「 #」), without trailing blanks — one pass
    let end = offset;
    let lastNonBlank = offset;
    while (end < text.length) {
      const c = text.charCodeAt(end);
      if (isLineBreakCode(c)) break;
      if (c === 0x23 && isBlankCode(text.charCodeAt(end - 1))) break;
      if (!isBlankCode(c)) lastNonBlank = end + 1;
      end++;
    }
    return match(text.slice(offset, lastNonBlank));
  },
  line_breaks: false,
  start_chars_hint: ANY_CHAR,
});

/**
 * Quote marks that Word, WPS and input methods put around a name instead of 「」: opening → closing.
 * “服务企业数（家次）” is read as the name 「服务企业数（家次）」 would be, and reported (ZS1007) with a fix
 * that writes 「」 — so the rest of the file reads as the officer meant and the one mistake is said once.
 */
export const OTHER_QUOTES: ReadonlyMap<string, string> = new Map([
  ["“", "”"],
  ["‘", "’"],
  ["『", "』"],
  ['"', '"'],
]);
/** How far a closing mark is looked for (a name is never this long): lexing stays linear on a line of openers. */
const MAX_QUOTED = 100;

/**
 * The end of “…” at `offset`: its closing mark on the same line, around text holding something no
 * unquoted name may hold (punctuation, a blank). “湖湘精品”中小企业品牌 keeps its marks as part of a name, as
 * 语法参考 allows; 『』 are never name characters, so any 『…』 counts.
 */
function otherQuoteEnd(text: string, offset: number): number | undefined {
  const close = OTHER_QUOTES.get(text[offset]!);
  if (close === undefined) return undefined;
  let needsQuotes = text[offset] === "『";
  for (let i = offset + 1; i < text.length && i <= offset + MAX_QUOTED; i++) {
    const c = text[i]!;
    if (c === close) return needsQuotes && i > offset + 1 ? i + 1 : undefined;
    if (c === "「" || c === "」" || isLineBreakCode(text.charCodeAt(i))) return undefined;
    if (!is(text, i, NAME_CHAR_BIT)) needsQuotes = true;
  }
  return undefined;
}

/** 「…」, which may itself contain balanced 「…」: 「申请表「总资产」」; and a name in other quote marks (OTHER_QUOTES). */
export const QuotedName = createToken({
  name: "QuotedName",
  pattern: (text: string, offset: number) => {
    if (state.text !== text) return null;
    if (text[offset] !== "「") {
      const other = otherQuoteEnd(text, offset);
      return other === undefined ? null : match(text.slice(offset, other));
    }
    const end = state.quoteEnd.get(offset);
    return end === undefined ? null : match(text.slice(offset, end));
  },
  line_breaks: false,
  start_chars_hint: ["「", ...OTHER_QUOTES.keys()],
});

export const NumberLiteral = createToken({
  name: "NumberLiteral",
  pattern: (text: string, offset: number, tokens: IToken[]) => {
    if (is(text, offset, DIGIT_BIT)) {
      let end = offset + 1;
      while (end < text.length && is(text, end, DIGIT_BIT)) end++;
      if (isPoint(text, end) && is(text, end + 1, DIGIT_BIT)) {
        end += 2;
        while (end < text.length && is(text, end, DIGIT_BIT)) end++;
      }
      return match(text.slice(offset, end));
    }
    const ch = text[offset]!;
    // 每一家、每签约一家: a numeral right after 每 (or after the words following it), before a unit
    if (NUMERALS[ch] === undefined) return null;
    const prev = tokens[tokens.length - 1];
    const before = tokens[tokens.length - 2];
    const afterEach =
      isAdjacent(prev, offset) &&
      (EACH_TOKENS.has(prev!.tokenType.name) || (prev!.tokenType.name === "Identifier" && before !== undefined && EACH_TOKENS.has(before.tokenType.name)));
    return afterEach && unitAfter(text, offset + 1, false) !== undefined ? match(ch) : null;
  },
  line_breaks: false,
  start_chars_hint: [..."0123456789０１２３４５６７８９", ...Object.keys(NUMERALS)],
});

/**
 * 「达1500 家次」「得 10 分」: typeset documents put a space between a number and its unit. A known unit
 * after blanks on the number's line is that unit when it ends where a name may end (「5 人数」 stays a name).
 */
function spacedUnit(text: string, offset: number, prev: IToken | undefined): CustomMatch | null {
  if (prev?.tokenType !== NumberLiteral || prev.endOffset === undefined) return null;
  for (let i = prev.endOffset + 1; i < offset; i++) if (!isBlankCode(text.charCodeAt(i))) return null;
  for (const length of state.units.matchesAt(text, offset)) if (isNameBoundary(text, offset + length)) return match(text.slice(offset, offset + length));
  return null;
}

export const Unit = createToken({
  name: "Unit",
  pattern: (text: string, offset: number, tokens: IToken[]) => {
    const prev = tokens[tokens.length - 1];
    if (!isAdjacent(prev, offset)) return spacedUnit(text, offset, prev);
    const prevName = prev!.tokenType.name;
    if (prevName !== "NumberLiteral" && prevName !== "Each") return null;
    // 每获得30万元…: the number follows 每 (or the words right after it)
    const before = tokens[tokens.length - 2];
    const third = tokens[tokens.length - 3];
    const inEach =
      prevName === "Each" ||
      (before !== undefined && isAdjacent(before, prev!.startOffset) && (EACH_TOKENS.has(before.tokenType.name) || (before.tokenType.name === "Identifier" && third !== undefined && EACH_TOKENS.has(third.tokenType.name))));
    const unit = unitAfter(text, offset, prevName === "NumberLiteral", inEach);
    return unit ? match(unit) : null;
  },
  line_breaks: false,
  start_chars_hint: ANY_CHAR,
});

export const Identifier = createToken({
  name: "Identifier",
  pattern: (text: string, offset: number, tokens: IToken[]) => matchIdentifier(text, offset, tokens),
  line_breaks: false,
  start_chars_hint: NAME_START_HINT,
});

/** One token type per keyword entry (Comparative gathers all comparative words). */
export const keywordTokens: Map<string, TokenType> = new Map();
for (const { entry } of KEYWORD_FORMS) {
  if (keywordTokens.has(entry.name)) continue;
  const tokenName = entry.name;
  keywordTokens.set(
    tokenName,
    createToken({
      name: tokenName,
      label: tokenName === "Comparative" ? "比较词" : (KEYWORDS.find((k) => k.name === tokenName)?.forms.join("/") ?? tokenName),
      pattern: (text: string, offset: number) => {
        const k = keywordAt(text, offset);
        return k && k.entry.name === tokenName ? match(k.form) : null;
      },
      line_breaks: false,
      start_chars_hint: firstChars(KEYWORD_FORMS.filter((k) => k.entry.name === tokenName).map((k) => k.form)),
    }),
  );
}

export function keywordToken(name: string): TokenType {
  const t = keywordTokens.get(name);
  if (!t) throw new Error(`internal: no keyword token ${name}`);
  return t;
}

// ︰ and ﹕ are the colons some input methods and Word's symbol table give
export const Colon = createToken({ name: "Colon", pattern: /[：:︰﹕]/ });
export const Comma = createToken({ name: "Comma", pattern: /[，,、]/ });
export const Semicolon = createToken({ name: "Semicolon", pattern: /[；;]/ });
export const Period = createToken({ name: "Period", pattern: /[。]/ });
export const LParen = createToken({ name: "LParen", pattern: /[（(]/ });
export const RParen = createToken({ name: "RParen", pattern: /[）)]/ });
export const Tilde = createToken({ name: "Tilde", pattern: /[～~〜]/ });
export const Plus = createToken({ name: "Plus", pattern: /[+＋]/ });
// 「——」 (two U+2014) is the Chinese dash of 80——90分: one dash, not a dash and a minus sign (80 to -90)
export const Minus = createToken({ name: "Minus", pattern: /——|[-－—–―]/ });
export const Times = createToken({ name: "Times", pattern: /[×*＊]/ });
export const Divide = createToken({ name: "Divide", pattern: /[÷/／]/ });
export const Equals = createToken({ name: "Equals", pattern: /[=＝]/ });

export const allTokens: TokenType[] = [
  WhiteSpace,
  Comment,
  LineText,
  QuotedName,
  NumberLiteral,
  Unit,
  Identifier,
  ...keywordTokens.values(),
  Colon,
  Comma,
  Semicolon,
  Period,
  LParen,
  RParen,
  Tilde,
  Plus,
  Minus,
  Times,
  Divide,
  Equals,
];

/**
 * A token as the lexer makes it. Chevrotain builds its tokens as object literals shaped like the
 * tokens it makes with NaN positions (EOF, tokens inserted in recovery), and V8 gives objects of one
 * shape one field representation: every position of every token became a boxed double, six extra
 * heap objects per token that the AST's ranges then copied. Tokens of a class of their own keep
 * their positions as small integers (half the memory per token, and so less work for the collector).
 */
class Token implements IToken {
  image: string;
  startOffset: number;
  startLine: number;
  startColumn: number;
  tokenTypeIdx: number;
  constructor(image: string, startOffset: number, tokenTypeIdx: number, _tokenType: TokenType, startLine: number, startColumn: number) {
    this.image = image;
    this.startOffset = startOffset;
    this.startLine = startLine;
    this.startColumn = startColumn;
    this.tokenTypeIdx = tokenTypeIdx;
  }

  // What follows from the fields is not stored (a token lives through the whole parse, and at 100 copies
  // of the national norm 75,000 of them are copied by every young-generation collection they meet):
  // the type from its index, the end from the image (its text, as long as the match), and the end line
  // and column from the start, since no token of ours spans a line break. Chevrotain sets the end line
  // and column only on a token that spans one; a value set is kept as given.
  get tokenType(): TokenType {
    return TYPE_OF_INDEX[this.tokenTypeIdx]!;
  }
  set tokenType(value: TokenType) {
    own(this, "tokenType", value);
  }
  get endOffset(): number {
    return this.startOffset + this.image.length - 1;
  }
  set endOffset(value: number) {
    own(this, "endOffset", value);
  }
  get endLine(): number {
    return this.startLine;
  }
  set endLine(value: number) {
    own(this, "endLine", value);
  }
  get endColumn(): number {
    return this.startColumn + this.image.length - 1;
  }
  set endColumn(value: number) {
    own(this, "endColumn", value);
  }
}

/** A value set on a token where a getter would compute it: kept as the token's own field. */
function own(token: Token, key: "tokenType" | "endOffset" | "endLine" | "endColumn", value: unknown): void {
  Object.defineProperty(token, key, { value, writable: true, enumerable: true, configurable: true });
}

/** Token types by their index (chevrotain numbers every type it creates). */
const TYPE_OF_INDEX: TokenType[] = [];
for (const t of allTokens) TYPE_OF_INDEX[t.tokenTypeIdx!] = t;

/** The one string kept for a token's text during this `tokenize` (the lexer makes a new one per token). */
function image(text: string): string {
  const kept = state.images.get(text);
  if (kept !== undefined) return kept;
  state.images.set(text, text);
  return text;
}

const lexer = new Lexer(allTokens, {
  positionTracking: "full",
  ensureOptimizations: true,
  skipValidations: true,
  recoveryEnabled: true,
});
// chevrotain 11's lexer makes each token with `createTokenInstance` (what "full" position tracking
// chose in its constructor, same arguments); no token of ours spans a line break, so the end line is
// the start line as in chevrotain's own factory
(lexer as unknown as { createTokenInstance: (...a: ConstructorParameters<typeof Token>) => IToken }).createTokenInstance = (text, ...a) => new Token(image(text), ...a);

// ---- declaration scan ---------------------------------------------------------------------

const KEYWORD_WORDS = new Set(KEYWORD_FORMS.map((k) => k.form));
const BLANK = `[${BLANKS}]`;
const SECTION_LINE = new RegExp(`^${BLANK}*(指标|类别|加分项|扣分项|大类)${BLANK}+(.*)$`, "u");
const DECL_LINE = new RegExp(`^${BLANK}*([^\\s#：:︰﹕「」（）()，,、；;=＝]+)${BLANK}*[：:︰﹕](.*)$`, "u");
const NAME_END = /[\s（(，,、；;：:︰﹕「#]/u;
const GLUED_POINTS = /(?:\d+(?:\.\d+)?分|权重\d+(?:\.\d+)?|分值待定)$/u;
const MEASURE_TYPES = new RegExp(`^(?:计数|数值|金额|评分)${BLANK}+([^\\s「#]+)`, "u");
const VALUE_TYPES = new RegExp(`^(?:取值|清单)${BLANK}*([^\\s「#]+)`, "u");
const EVIDENCE_LINE = new RegExp(`^${BLANK}*材料${BLANK}*$`, "u");
const OTHER_SECTION = new RegExp(`^${BLANK}*(?:评价体系|输入|派生|大类|类别|加分项|扣分项|等级|星级|否决|认定条件|用例|注)(?:[${BLANKS}：:︰﹕]|$)`, "u");
const COMMENT_START = new RegExp(`(?:^|${BLANK})#`, "u");

function startsWithKeyword(name: string): boolean {
  const bucket = KEYWORDS_BY_FIRST.get(name.charCodeAt(0));
  return bucket?.some((k) => name.startsWith(k.form)) ?? false;
}

function isDeclarableName(name: string): boolean {
  if (!name || !NAME_START.test(name[0]!) || KEYWORD_WORDS.has(name)) return false;
  // 「不足12分：不合格」 is a grade band, not a declaration
  return !(/[0-9０-９]/.test(name) && startsWithKeyword(name));
}

export interface Declarations {
  /** Names declared in the file (inputs, categories, indicators, values of 取值/清单 inputs). */
  names: string[];
  /** Units written on input declarations (`设备数：计数 台套`). */
  units: string[];
}

/** Names and units a file declares, found line by line (no parse needed, linear in the text). */
export function scanDeclarations(text: string): Declarations {
  const names = new Set<string>();
  const units = new Set<string>();
  let inEvidence = false;
  for (const raw of text.split(/\r\n|\r|\n/)) {
    const hash = raw.search(COMMENT_START);
    const line = hash >= 0 ? raw.slice(0, hash) : raw;
    if (EVIDENCE_LINE.test(line)) {
      inEvidence = true;
      continue;
    }
    if (OTHER_SECTION.test(line)) inEvidence = false;
    const section = SECTION_LINE.exec(line);
    if (section) {
      const rest = section[2]!.trimStart();
      if (rest.startsWith("「")) continue;
      const cut = rest.search(NAME_END);
      const name = (cut >= 0 ? rest.slice(0, cut) : rest).replace(GLUED_POINTS, "");
      if (isDeclarableName(name)) addName(names, name);
      continue;
    }
    const decl = DECL_LINE.exec(line);
    if (decl) {
      const name = decl[1]!;
      if (!isDeclarableName(name)) continue;
      addName(names, name);
      const rest = decl[2]!.trim();
      const values = VALUE_TYPES.exec(rest);
      if (values) for (const v of values[1]!.split(/[、，,]/u)) if (isDeclarableName(v)) names.add(v);
      const unit = MEASURE_TYPES.exec(rest)?.[1];
      if (unit && !startsWithKeyword(unit) && /^\p{Script=Han}{1,6}$/u.test(unit)) units.add(unit);
      continue;
    }
    if (inEvidence) {
      const rest = line.trim();
      const cut = rest.search(NAME_END);
      const name = cut >= 0 ? rest.slice(0, cut) : rest;
      if (isDeclarableName(name)) names.add(name);
    }
  }
  return { names: [...names].sort((a, b) => b.length - a.length), units: [...units] };
}

/** A declared name, and its form without invisible characters (the name the rest of the file writes). */
function addName(names: Set<string>, name: string): void {
  names.add(name);
  const visible = name.replace(INVISIBLE, "");
  if (visible !== name && visible.length > 0) names.add(visible);
}

/** Names declared in `text`, longest first (keywords themselves excluded). */
export function scanDeclaredNames(text: string): string[] {
  return scanDeclarations(text).names;
}

/** For each 「, the offset just past its matching 」 on the same line (one pass with a stack). */
function pairQuotes(text: string): Map<number, number> {
  const out = new Map<number, number>();
  let stack: number[] = [];
  for (let i = text.indexOf("「"); i >= 0 && i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x300c /* 「 */) stack.push(i);
    else if (c === 0x300d /* 」 */) {
      const open = stack.pop();
      if (open !== undefined) out.set(open, i + 1);
    } else if (isLineBreakCode(c)) {
      stack = [];
      const next = text.indexOf("「", i);
      if (next < 0) break;
      i = next - 1;
    }
  }
  return out;
}

export interface LexError {
  offset: number;
  line: number;
  column: number;
  length: number;
  /**
   * What went wrong: a character no token takes, a 「 / 」 without its pair on the line, or a name in
   * other quote marks (“…”, read as 「…」 and reported; `text` is the whole quoted name).
   */
  kind: "character" | "unclosedQuote" | "unopenedQuote" | "otherQuotes";
  /** The characters concerned. */
  text: string;
}

export interface LexResult {
  tokens: IToken[];
  comments: IToken[];
  errors: LexError[];
  /** Unit tokens that are neither known units nor declared on an input. */
  unknownUnits: IToken[];
}

/** Splits `text` into tokens; never throws for user input. */
export function tokenize(text: string): LexResult {
  const declarations = scanDeclarations(text);
  const names = new Trie();
  for (const n of declarations.names) names.add(n);
  const unitSet = new Set([...UNITS, ...declarations.units]);
  let units = KNOWN_UNITS;
  if (declarations.units.length > 0) {
    units = new Trie();
    for (const u of unitSet) units.add(u);
  }
  state = { text, names, units, unitSet, quoteEnd: pairQuotes(text), keywordOffset: -1, keywordFound: undefined, images: new Map() };
  try {
    const result = lexer.tokenize(text);
    const errors = lexErrors(text, result.errors);
    const unknownUnits: IToken[] = [];
    let quoted = false;
    for (const t of result.tokens) {
      if (t.tokenType === Unit) {
        if (!unitSet.has(t.image)) unknownUnits.push(t);
      } else if (t.tokenType === QuotedName && t.image.charCodeAt(0) !== 0x300c /* 「 */) {
        errors.push({ offset: t.startOffset, line: t.startLine ?? 1, column: t.startColumn ?? 1, length: t.image.length, kind: "otherQuotes", text: t.image });
        quoted = true;
      }
    }
    if (quoted) errors.sort((a, b) => a.offset - b.offset);
    return { tokens: result.tokens, comments: (result.groups["comments"] as IToken[] | undefined) ?? [], errors, unknownUnits };
  } finally {
    state = EMPTY_STATE;
  }
}

/** Chevrotain reports each unrecognised run once; say what the character is when we know. */
function lexErrors(text: string, errors: { offset: number; line?: number | undefined; column?: number | undefined; length: number }[]): LexError[] {
  return errors.map((e) => {
    const ch = text[e.offset];
    const kind = ch === "「" ? "unclosedQuote" : ch === "」" ? "unopenedQuote" : "character";
    const length = kind === "character" ? e.length : 1;
    return { offset: e.offset, line: e.line ?? 1, column: e.column ?? 1, length, kind, text: text.substr(e.offset, Math.min(length, 10)) };
  });
}
