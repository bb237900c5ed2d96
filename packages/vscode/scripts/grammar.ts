/**
 * The TextMate grammar of .zs files, generated from the one keyword table (grammar/src/keywords.ts):
 * `npm run grammar:generate` writes syntaxes/zhunsheng.tmLanguage.json and a test fails when the
 * committed copy is stale. TextMate cannot know the names a file declares, so it colours what the
 * lexer's rules allow it to see; the server's semantic tokens then tell names apart.
 */
import { COMPARATIVES, KEYWORDS, LINE_TEXT_HEADERS, UNITS, type KeywordCategory } from "@zhunsheng/grammar";

export const SCOPE = "source.zhunsheng";

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\（）]/g, (c) => (c === "（" || c === "）" ? c : `\\${c}`));
/** An alternation of forms, longest first (as the lexer tries them). */
const alternation = (forms: readonly string[]) => [...new Set(forms)].sort((a, b) => b.length - a.length || a.localeCompare(b)).map(escape).join("|");

const NUMBER = "[0-9０-９]+(?:[.．][0-9０-９]+)?";
const SPACE = "[ \\t\\u3000]";

function forms(category: KeywordCategory, filter: (name: string) => boolean = () => true): string[] {
  return KEYWORDS.filter((k) => k.category === category && filter(k.name)).flatMap((k) => k.forms);
}

/** Scope of each keyword category (the names follow TextMate's conventions so that every theme colours them). */
const CATEGORY_SCOPE: Record<KeywordCategory, string> = {
  section: "keyword.control.section",
  comparative: "keyword.operator.comparison",
  header: "keyword.other.header",
  type: "storage.type",
  phrase: "keyword.other.phrase",
  reading: "support.constant.reading",
  value: "constant.language",
};

export function textMateGrammar(): object {
  const textHeaders = KEYWORDS.filter((k) => LINE_TEXT_HEADERS.has(k.name)).flatMap((k) => k.forms);
  const single = (category: KeywordCategory) => forms(category).filter((f) => [...f].length === 1);
  const units = alternation(UNITS);
  const words = [
    ...KEYWORDS.map((k) => k.forms.map((form) => ({ form, scope: `${CATEGORY_SCOPE[k.category]}.zhunsheng` }))).flat(),
    ...COMPARATIVES.map((c) => ({ form: c.form, scope: "keyword.operator.comparison.zhunsheng" })),
  ].sort((a, b) => [...b.form].length - [...a.form].length || a.form.localeCompare(b.form));
  const oneCharacter = [...new Set(words.filter((w) => [...w.form].length === 1 && !w.scope.startsWith(CATEGORY_SCOPE.section) && !w.scope.startsWith(CATEGORY_SCOPE.value)).map((w) => w.scope))].map(
    (scope) => [scope, alternation(words.filter((w) => w.scope === scope && [...w.form].length === 1).map((w) => w.form))] as const,
  );
  const patterns: object[] = [
    { include: "#comment" },
    {
      comment: "A text header: the rest of the line is text (地区：湖南省, 描述：…)",
      match: `^(${SPACE}*)(${alternation(textHeaders)})(${SPACE}*[：:])(.*?)(?=${SPACE}+#|$)`,
      captures: {
        2: { name: `${CATEGORY_SCOPE.header}.zhunsheng` },
        3: { name: "punctuation.separator.key-value.zhunsheng" },
        4: { name: "string.unquoted.text.zhunsheng" },
      },
    },
    {
      comment: "A case is named by the rest of its line",
      match: `^(${SPACE}*)(用例)(${SPACE}+)(.*?)(?=${SPACE}+#|$)`,
      captures: { 2: { name: `${CATEGORY_SCOPE.section}.zhunsheng` }, 4: { name: "entity.name.function.case.zhunsheng" } },
    },
    { include: "#quoted" },
    {
      comment: "A number and the unit written right after it (1500家次, 15分, 60%)",
      match: `(${NUMBER})(${units})?`,
      captures: { 1: { name: "constant.numeric.zhunsheng" }, 2: { name: "keyword.other.unit.zhunsheng" } },
    },
    {
      comment: "每 and the unit right after it (每项, 每次)",
      match: `(每)(${units})`,
      captures: { 1: { name: `${CATEGORY_SCOPE.phrase}.zhunsheng` }, 2: { name: "keyword.other.unit.zhunsheng" } },
    },
    // every keyword of two or more characters, longest first across categories, as the lexer tries them (满分 before 满)
    ...words.filter((w) => [...w.form].length > 1).map((w) => ({ match: escape(w.form), name: w.scope })),
    {
      comment: "Section words of one character start a line (注：…)",
      match: `^${SPACE}*(${alternation(single("section"))})(?=${SPACE}|[：:]|$)`,
      captures: { 1: { name: `${CATEGORY_SCOPE.section}.zhunsheng` } },
    },
    // one-character words (得, 减, 达, 满 …) are words only beside a number (得15分, 达1500), after a unit, or first on a line (若…);
    // elsewhere the same character is part of a name
    ...oneCharacter.map(([scope, forms]) => ({
      match: `(?:(?<=[0-9０-９]|${units}|^${SPACE}*)(${forms})|(${forms})(?=${SPACE}*[0-9０-９]))`,
      captures: { 1: { name: scope }, 2: { name: scope } },
    })),
    {
      comment: "是 / 否 as values: standing alone between spaces or punctuation",
      match: `(?<=^|${SPACE}|[，,、；;：:])(${alternation(single("value"))})(?=$|${SPACE}|[，,、；;。])`,
      captures: { 1: { name: `${CATEGORY_SCOPE.value}.zhunsheng` } },
    },
    { match: "[+＋\\-－—–―×*＊÷/／=＝～~〜]", name: "keyword.operator.arithmetic.zhunsheng" },
    { match: "[（(）)]", name: "punctuation.section.parens.zhunsheng" },
    { match: "[：:，,、；;。]", name: "punctuation.separator.zhunsheng" },
  ];
  return {
    $schema: "https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json",
    name: "准绳",
    scopeName: SCOPE,
    comment: "Generated from grammar/src/keywords.ts by packages/vscode/scripts/grammar.ts (npm run grammar:generate); do not edit.",
    fileTypes: ["zs"],
    patterns,
    repository: {
      comment: { match: "#.*$", name: "comment.line.number-sign.zhunsheng" },
      quoted: {
        comment: "「…」: a name or a description, which may hold balanced 「…」",
        begin: "「",
        end: "」|$",
        name: "string.quoted.other.zhunsheng",
        patterns: [{ include: "#quoted" }],
      },
    },
  };
}

/** The file as written: two-space JSON with a final newline. */
export const grammarJson = () => JSON.stringify(textMateGrammar(), null, 2) + "\n";
