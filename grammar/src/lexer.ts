/**
 * Tokens of the 准绳 language.
 *
 * How Chinese words are split (there are no spaces to help):
 *  1. A name declared in the file (an input, indicator, category… — found by a cheap
 *     pre-scan of declaration sites) is matched longest-first, provided it ends where
 *     a name may end (before punctuation, a number, a keyword or a unit).
 *  2. Otherwise, where a keyword begins, the keyword wins (longest form first).
 *  3. Otherwise a name is the maximal run of name characters.
 *  4. A unit (家次, 分, %, 万元 …) is recognised only right after a number or after 每.
 *  5. After `地区：`, `描述：` and the other text headers, the rest of the line is text.
 * `lexer.test.ts` pins these rules with a table of inputs and token names.
 */
import { createToken, Lexer, type IToken, type TokenType } from "chevrotain";
import { KEYWORDS, KEYWORD_FORMS, UNITS, type KeywordEntry } from "./keywords.ts";

type CustomMatch = RegExpExecArray;
const match = (text: string): CustomMatch => [text] as unknown as CustomMatch;

const NAME_CHAR = /[\p{Script=Han}A-Za-z0-9_“”"‘’·\-Ａ-Ｚａ-ｚ]/u;
const NAME_START = /[\p{Script=Han}A-Za-z_“"‘Ａ-Ｚａ-ｚ]/u;

/** State for one call of `tokenize`: the declared names, longest first. Reset after each call. */
let declaredNames: readonly string[] = [];
/** Cache of the keyword found at an offset during one call (the matcher is asked once per keyword token type). */
let keywordCache: { text: string; offset: number; found: { form: string; entry: KeywordEntry } | undefined } = {
  text: "",
  offset: -1,
  found: undefined,
};

function keywordAt(text: string, offset: number): { form: string; entry: KeywordEntry } | undefined {
  if (keywordCache.text === text && keywordCache.offset === offset) return keywordCache.found;
  let found: { form: string; entry: KeywordEntry } | undefined;
  for (const k of KEYWORD_FORMS) {
    if (text.startsWith(k.form, offset)) {
      found = k;
      break;
    }
  }
  keywordCache = { text, offset, found };
  return found;
}

function unitAt(text: string, offset: number): string | undefined {
  return UNITS.find((u) => text.startsWith(u, offset));
}

/** A declared name may end before anything that is not a name character, or before a keyword or unit. */
function isNameBoundary(text: string, offset: number): boolean {
  const ch = text[offset];
  if (ch === undefined || !NAME_CHAR.test(ch)) return true;
  if (/[0-9]/.test(ch)) return true;
  return keywordAt(text, offset) !== undefined;
}

function matchIdentifier(text: string, offset: number): CustomMatch | null {
  const first = text[offset];
  if (first === undefined || !NAME_START.test(first)) return null;
  for (const name of declaredNames) {
    if (text.startsWith(name, offset) && isNameBoundary(text, offset + name.length)) return match(name);
  }
  if (keywordAt(text, offset) !== undefined) return null;
  let end = offset + 1;
  while (end < text.length) {
    const ch = text[end]!;
    if (!NAME_CHAR.test(ch)) break;
    // a hyphen joins words only between name characters (京津冀-知识产权), never a trailing minus
    if (ch === "-" && !(end + 1 < text.length && NAME_START.test(text[end + 1]!))) break;
    end++;
  }
  return match(text.slice(offset, end));
}

/** Headers whose value is the rest of the line as text (地区：湖南省); the editors' grammars read this too. */
export const LINE_TEXT_HEADERS: ReadonlySet<string> = new Set([
  "Region",
  "Year",
  "PlatformType",
  "Period",
  "Source",
  "Status",
  "Precision",
  "Description",
  "Concept",
  "Note",
]);

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
  ...rangeHint(0x20000, 0x2a6df).filter((c) => c <= 0xffff),
  ...rangeHint(0xff21, 0xff5a),
  ..."ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_\"“‘",
];
const firstChars = (forms: readonly string[]) => [...new Set(forms.map((f) => f[0]!))];

// ---- tokens -------------------------------------------------------------------------------

export const WhiteSpace = createToken({ name: "WhiteSpace", pattern: /[ \t\r\n\u3000\u00a0]+/, group: Lexer.SKIPPED });
export const Comment = createToken({ name: "Comment", pattern: /#[^\n]*/, group: "comments" });

export const LineText = createToken({
  name: "LineText",
  pattern: (text: string, offset: number, tokens: IToken[]) => {
    const colon = tokens[tokens.length - 1];
    const header = tokens[tokens.length - 2];
    // a case is named by the rest of its line: 用例 恰好100万元
    const afterCase = colon?.tokenType.name === "Case";
    if (!afterCase && (!colon || colon.tokenType.name !== "Colon" || !header || !LINE_TEXT_HEADERS.has(header.tokenType.name))) return null;
    let end = text.indexOf("\n", offset);
    if (end < 0) end = text.length;
    let line = text.slice(offset, end);
    const comment = line.search(/[ \t\u3000]#/);
    if (comment >= 0) line = line.slice(0, comment);
    line = line.replace(/[ \t\r\u3000]+$/, "");
    if (line.length === 0 || /^[ \t\u3000]/.test(line)) {
      // skip leading spaces once: the whitespace token normally does this, but be tolerant
      return null;
    }
    return match(line);
  },
  line_breaks: false,
  start_chars_hint: ANY_CHAR,
});

/** 「…」, which may itself contain balanced 「…」: 「申请表「总资产」」. */
export const QuotedName = createToken({
  name: "QuotedName",
  pattern: (text: string, offset: number) => {
    if (text[offset] !== "「") return null;
    let depth = 0;
    for (let i = offset; i < text.length; i++) {
      const ch = text[i];
      if (ch === "\n") return null;
      if (ch === "「") depth++;
      else if (ch === "」" && --depth === 0) return match(text.slice(offset, i + 1));
    }
    return null;
  },
  line_breaks: false,
  start_chars_hint: ["「"],
});
export const NumberLiteral = createToken({ name: "NumberLiteral", pattern: /[0-9０-９]+(?:[.．][0-9０-９]+)?/ });

export const Unit = createToken({
  name: "Unit",
  pattern: (text: string, offset: number, tokens: IToken[]) => {
    const prev = tokens[tokens.length - 1];
    if (!isAdjacent(prev, offset)) return null;
    const prevName = prev!.tokenType.name;
    if (prevName !== "NumberLiteral" && prevName !== "Each") return null;
    const unit = unitAt(text, offset);
    return unit ? match(unit) : null;
  },
  line_breaks: false,
  start_chars_hint: firstChars(UNITS),
});

export const Identifier = createToken({
  name: "Identifier",
  pattern: (text: string, offset: number) => matchIdentifier(text, offset),
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
      label: tokenName === "Comparative" ? "比较词" : KEYWORDS.find((k) => k.name === tokenName)?.forms.join("/") ?? tokenName,
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

export const Colon = createToken({ name: "Colon", pattern: /[：:]/ });
export const Comma = createToken({ name: "Comma", pattern: /[，,、]/ });
export const Semicolon = createToken({ name: "Semicolon", pattern: /[；;]/ });
export const Period = createToken({ name: "Period", pattern: /[。]/ });
export const LParen = createToken({ name: "LParen", pattern: /[（(]/ });
export const RParen = createToken({ name: "RParen", pattern: /[）)]/ });
export const Tilde = createToken({ name: "Tilde", pattern: /[～~〜]/ });
export const Plus = createToken({ name: "Plus", pattern: /[+＋]/ });
export const Minus = createToken({ name: "Minus", pattern: /[-－—]/ });
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

const lexer = new Lexer(allTokens, {
  positionTracking: "full",
  ensureOptimizations: true,
  skipValidations: true,
  recoveryEnabled: true,
});

/** Declaration sites whose names the lexer should keep whole. */
const DECLARATION_PATTERNS: readonly RegExp[] = [
  // `名称：…` at the start of a line (inputs, derived inputs, evidence)
  /^[ \t\u3000]*([^\s#：:「」（）()，,、；;=＝0-9][^\s#：:「」（）()，,、；;=＝]*)[ \t\u3000]*[：:]/gmu,
  // `指标 名称`, `类别 名称`, `加分项 名称`, `用例 名称`
  /(?:指标|类别|加分项|评价体系)[ \t\u3000]+([^\s#：:「」（）()，,、；;0-9][^\s#：:「」（）()，,、；;]*?)(?=[ \t\u3000]*(?:[（(0-9]|权重|分值待定|$))/gmu,
];

/** Names declared in `text`, longest first (keywords themselves excluded). */
export function scanDeclaredNames(text: string): string[] {
  const names = new Set<string>();
  for (const re of DECLARATION_PATTERNS) {
    re.lastIndex = 0;
    for (const m of text.matchAll(re)) {
      const name = m[1]?.trim();
      // names with digits are not declarations (「不足12分：不合格」 is a grade band)
      if (!name || !NAME_START.test(name[0]!) || /[0-9０-９]/.test(name)) continue;
      if (KEYWORDS.some((k) => k.forms.includes(name))) continue;
      names.add(name);
    }
  }
  return [...names].sort((a, b) => b.length - a.length);
}

export interface LexResult {
  tokens: IToken[];
  comments: IToken[];
  errors: { offset: number; line: number; column: number; length: number; message: string }[];
}

/** Splits `text` into tokens; never throws for user input. */
export function tokenize(text: string): LexResult {
  declaredNames = scanDeclaredNames(text);
  try {
    const result = lexer.tokenize(text);
    return {
      tokens: result.tokens,
      comments: (result.groups["comments"] as IToken[] | undefined) ?? [],
      errors: result.errors.map((e) => ({
        offset: e.offset,
        line: e.line ?? 1,
        column: e.column ?? 1,
        length: e.length,
        message: e.message,
      })),
    };
  } finally {
    declaredNames = [];
    keywordCache = { text: "", offset: -1, found: undefined };
  }
}
