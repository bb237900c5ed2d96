/**
 * CST → AST. A part of the file that a syntax error cut short (a sentence, a condition, a
 * declaration) is left out of the AST and listed in `broken` with the names it mentions, so
 * that no semantic diagnostic is derived from a half-parsed rule. Never throws.
 */
import { comparativeOf, INVISIBLE, NUMERALS, type CstNode, type IToken } from "@zhunsheng/grammar";
import type {
  AlternativeCondition,
  AwardVerb,
  CaseAst,
  CategoryAst,
  Clause,
  Comparison,
  Condition,
  Expr,
  FileAst,
  HeaderKey,
  IndicatorAst,
  InputAst,
  InputTypeName,
  Name,
  OverrideAst,
  PanelRule,
  Pos,
  Predicate,
  Quantity,
  Range,
  RuleAst,
  RuleGroupAst,
  Text,
} from "../ast.ts";
import { emptyList, exactLength } from "../exact-length.ts";

/** Most operators and operands one 派生 expression may have; longer ones are a diagnostic, not a deep tree. */
export const MAX_EXPRESSION_TERMS = 200;

type Child = CstNode | IToken;
const isToken = (c: Child): c is IToken => (c as IToken).image !== undefined;

// (tok and sub are called for every node and key: they look without building arrays)
function tokens(node: CstNode | undefined, key: string): IToken[] {
  return ((node?.children[key] ?? []) as Child[]).filter((c): c is IToken => isToken(c) && !c.isInsertedInRecovery);
}
function tok(node: CstNode | undefined, key: string): IToken | undefined {
  const list = node?.children[key] as Child[] | undefined;
  if (list) for (const c of list) if (isToken(c) && !c.isInsertedInRecovery) return c;
  return undefined;
}
function subs(node: CstNode | undefined, key: string): CstNode[] {
  return ((node?.children[key] ?? []) as Child[]).filter((c): c is CstNode => !isToken(c));
}
function sub(node: CstNode | undefined, key: string): CstNode | undefined {
  const list = node?.children[key] as Child[] | undefined;
  if (list) for (const c of list) if (!isToken(c)) return c;
  return undefined;
}

const EMPTY_POS = { offset: 0, line: 1, column: 1 };
export const EMPTY_RANGE: Range = { start: EMPTY_POS, end: EMPTY_POS };

/**
 * Positions and ranges are shared: a node and the nodes nested in it that start (or end) at one place
 * take one Pos object, and nodes with the same extent one Range (nothing mutates either). Nested
 * nodes are built close together, so a small table indexed by offset finds most of them; an entry is
 * used only when it holds the same values. At 100 copies of the national norm: 100.7k positions →
 * 73.6k, 12% fewer AST objects, which live through the whole analysis (a scavenge copies each of them).
 */
const SHARED = 1024;
const positions: (Pos | undefined)[] = new Array<Pos | undefined>(SHARED).fill(undefined);
const ranges: (Range | undefined)[] = new Array<Range | undefined>(SHARED).fill(undefined);

function position(offset: number, line: number, column: number): Pos {
  const i = offset & (SHARED - 1);
  const p = positions[i];
  if (p !== undefined && p.offset === offset && p.line === line && p.column === column) return p;
  return (positions[i] = { offset, line, column });
}

function range(start: Pos, end: Pos): Range {
  const i = (start.offset ^ end.offset) & (SHARED - 1);
  const r = ranges[i];
  if (r !== undefined && r.start === start && r.end === end) return r;
  return (ranges[i] = { start, end });
}

/** From the first token's start to the last token's end. */
function spanOf(first: IToken, last: IToken): Range {
  return range(
    position(first.startOffset, first.startLine ?? 1, first.startColumn ?? 1),
    position((last.endOffset ?? last.startOffset) + 1, last.endLine ?? last.startLine ?? 1, (last.endColumn ?? 0) + 1),
  );
}

export function tokenRange(t: IToken): Range {
  return spanOf(t, t);
}

const isReal = (t: IToken) => !t.isInsertedInRecovery && !Number.isNaN(t.startOffset);

/** The node's first real token (not inserted by recovery): each child list is in source order. */
function firstToken(node: CstNode): IToken | undefined {
  let first: IToken | undefined;
  for (const key in node.children) {
    for (const c of node.children[key] as Child[]) {
      const t = isToken(c) ? (isReal(c) ? c : undefined) : firstToken(c);
      if (t) {
        if (!first || t.startOffset < first.startOffset) first = t;
        break;
      }
    }
  }
  return first;
}

/** The node's last real token. */
function lastToken(node: CstNode): IToken | undefined {
  let last: IToken | undefined;
  for (const key in node.children) {
    const list = node.children[key] as Child[];
    for (let i = list.length - 1; i >= 0; i--) {
      const c = list[i]!;
      const t = isToken(c) ? (isReal(c) ? c : undefined) : lastToken(c);
      if (t) {
        if (!last || t.startOffset > last.startOffset) last = t;
        break;
      }
    }
  }
  return last;
}

/** Range of a CST node, from its first and last real tokens (robust to recovery). */
function nodeRange(node: CstNode | undefined): Range {
  const first = node && firstToken(node);
  if (!node || !first) return EMPTY_RANGE;
  return spanOf(first, lastToken(node)!);
}

function collectTokens(node: CstNode, out: IToken[] = []): IToken[] {
  for (const list of Object.values(node.children)) {
    for (const c of list as Child[]) {
      if (isToken(c)) {
        if (!c.isInsertedInRecovery && !Number.isNaN(c.startOffset)) out.push(c);
      } else collectTokens(c, out);
    }
  }
  return out;
}

const FULL_WIDTH_DIGITS = /[０-９．]/g;
const HALF_WIDTH_NUMBER = /^[0-9.]+$/;
/** Half-width decimal string: "１５００" → "1500", "一" → "1", "15.50" stays "15.50" (scale is decided later). */
export function normaliseNumber(image: string): string {
  if (HALF_WIDTH_NUMBER.test(image)) return image;
  const numeral = NUMERALS[image];
  if (numeral !== undefined) return numeral;
  return image.replace(FULL_WIDTH_DIGITS, (d) => (d === "．" ? "." : String.fromCharCode(d.charCodeAt(0) - 0xfee0)));
}

/** State of one conversion: where the syntax errors are, what was cut out. */
/** What building the AST keeps besides the file: where syntax errors are, and what it left out. */
export interface Builder {
  /** Offsets of the syntax errors, sorted. */
  errorOffsets: number[];
  broken: FileAst["broken"];
  problems: { terms: number; range: Range }[];
}

/**
 * Whether a syntax error touched this node: re-sync recovery built it, or an error lies inside
 * its range (a token inserted by recovery always comes with an error at the token after it).
 */
function isBroken(node: CstNode, b: Builder): boolean {
  if (node.recoveredNode) return true;
  const offsets = b.errorOffsets;
  if (offsets.length === 0) return false;
  const r = nodeRange(node);
  // the first error at or after the node's start (binary search), inside the node?
  let lo = 0;
  let hi = offsets.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (offsets[mid]! < r.start.offset) lo = mid + 1;
    else hi = mid;
  }
  return lo < offsets.length && offsets[lo]! <= r.end.offset;
}

/** Leaves a broken node out: records its range and the names it mentions. */
function cut(node: CstNode, b: Builder): void {
  const names: Name[] = [];
  for (const t of collectTokens(node)) {
    if (t.tokenType.name === "Identifier") names.push({ text: t.image, range: tokenRange(t) });
    else if (t.tokenType.name === "QuotedName") names.push({ text: t.image.slice(1, -1).trim(), range: tokenRange(t) });
  }
  b.broken.push({ range: nodeRange(node), names });
}

/** The node, unless a syntax error cut it short. */
function whole(node: CstNode | undefined, b: Builder): CstNode | undefined {
  if (!node) return undefined;
  if (isBroken(node, b)) {
    cut(node, b);
    return undefined;
  }
  return node;
}

function nameOf(node: CstNode | undefined): Name | undefined {
  const t = tok(node, "Identifier") ?? tok(node, "QuotedName");
  if (!t) return undefined;
  const image = t.tokenType.name === "QuotedName" ? t.image.slice(1, -1).trim() : t.image;
  // a zero-width space pasted inside a name leaves the name as the officer sees it (grammar's INVISIBLE)
  const text = image.replace(INVISIBLE, "");
  return { text, range: tokenRange(t) };
}

function namesOf(nodes: CstNode[]): Name[] {
  return exactLength(nodes.map(nameOf).filter((n): n is Name => n !== undefined));
}

/** The title line; a title written wholly in 「」 (the older form) loses its quotes. */
function titleOf(t: IToken | undefined): Name | undefined {
  if (!t) return undefined;
  const quoted = /^「([^「」]*)」$/u.exec(t.image);
  return { text: (quoted ? quoted[1]! : t.image).trim(), range: tokenRange(t) };
}

function textOf(t: IToken | undefined): Text | undefined {
  return t ? { text: t.image.trim(), range: tokenRange(t) } : undefined;
}

function quantityOf(node: CstNode | undefined): Quantity | undefined {
  const n = tok(node, "NumberLiteral");
  if (!node || !n) return undefined;
  const minus = tok(node, "Minus");
  const unit = tok(node, "Unit");
  return { value: (minus ? "-" : "") + normaliseNumber(n.image), unit: unit?.image, range: nodeRange(node) };
}

/** 「（含）」 and 「（不含）」 written after a number decide whether it belongs to the band, whatever the word. */
function comparisonOf(node: CstNode | undefined): Comparison | undefined {
  const word = tok(node, "word");
  const value = quantityOf(sub(node, "quantity"));
  if (!node || !word || !value) return undefined;
  const c = comparativeOf(word.image);
  if (!c) return undefined;
  let op = c.op;
  const end = tok(node, "end")?.tokenType.name;
  if (end === "Inclusive") op = op === ">" ? ">=" : op === "<" ? "<=" : op;
  else if (end === "Exclusive") op = op === ">=" ? ">" : op === "<=" ? "<" : op;
  return { op, word: word.image, value, range: nodeRange(node) };
}

function conditionOf(node: CstNode | undefined): Condition | undefined {
  if (!node) return undefined;
  const range = sub(node, "rangeCondition");
  if (range) {
    const low = quantityOf(sub(range, "low"));
    const high = quantityOf(sub(range, "high"));
    if (!low || !high) return undefined;
    const lowEnd = tok(range, "lowEnd")?.tokenType.name;
    const highEnd = tok(range, "highEnd")?.tokenType.name;
    // 3%～5%: the unit written on one end applies to both
    const unit = low.unit ?? high.unit;
    return {
      kind: "between",
      low: { ...low, unit: low.unit ?? unit },
      high: { ...high, unit: high.unit ?? unit },
      lowClosed: lowEnd !== "Exclusive",
      highClosed: highEnd !== "Exclusive",
      explicit: lowEnd !== undefined || highEnd !== undefined,
      range: nodeRange(node),
    };
  }
  const comparisons = exactLength(
    subs(node, "comparison")
      .map(comparisonOf)
      .filter((c): c is Comparison => c !== undefined),
  );
  if (comparisons.length === 0) return undefined;
  return { kind: "compare", comparisons, range: nodeRange(node) };
}

// ---- conditions -------------------------------------------------------------------------------

function overrideOf(node: CstNode): OverrideAst | undefined {
  const when = nameOf(sub(node, "name"));
  const condition = conditionOf(sub(node, "condition"));
  if (!when || !condition) return undefined;
  return { when, values: namesOf(subs(sub(node, "valueList"), "name")), condition, range: nodeRange(node) };
}

function atomOf(node: CstNode): Predicate | undefined {
  const range = nodeRange(node);
  const subjects = subs(node, "subject");
  const total = subjects.some((s) => tok(s, "Total") !== undefined);
  const names = namesOf(subjects.map((s) => sub(s, "name")).filter((n): n is CstNode => n !== undefined));
  const score = tok(node, "ScoreWord") !== undefined;
  const quantifier = tok(node, "quantifier")?.tokenType.name;
  const condition = conditionOf(sub(node, "condition"));
  const values = sub(node, "valueList");
  if (values) {
    const subject = names[0];
    return subject && !total ? { kind: "is", subject, values: namesOf(subs(values, "name")), range } : undefined;
  }
  if (total) return condition && subjects.length === 1 ? { kind: "total", condition, range } : undefined;
  if (names.length === 0) return undefined;
  if (!condition) return { kind: "flags", subjects: names, range };
  if (names.length > 1 || quantifier) {
    return { kind: "quantified", quantifier: quantifier === "AnyOf" ? "any" : "all", subjects: names, score, condition, range };
  }
  const overrides = subs(node, "override")
    .map(overrideOf)
    .filter((o): o is OverrideAst => o !== undefined);
  return { kind: "compare", subject: names[0]!, score, condition, overrides, range };
}

function joined(kind: "and" | "or", operands: Predicate[], range: Range): Predicate {
  if (operands.length === 1) return operands[0]!;
  // 甲或乙 of yes/no inputs stays one list (true when any is 是)
  if (kind === "or" && operands.every((o) => o.kind === "flags")) {
    return { kind: "flags", subjects: operands.flatMap((o) => (o.kind === "flags" ? o.subjects : [])), range };
  }
  return { kind, operands, range };
}

function predicateOf(node: CstNode | undefined): Predicate | undefined {
  if (!node) return undefined;
  const disjuncts: Predicate[] = [];
  for (const c of subs(node, "conjunction")) {
    const atoms = subs(c, "atom").map(atomOf);
    if (atoms.some((a) => a === undefined)) return undefined;
    disjuncts.push(joined("and", atoms as Predicate[], nodeRange(c)));
  }
  if (disjuncts.length === 0) return undefined;
  return joined("or", disjuncts, nodeRange(node));
}

// ---- inputs -----------------------------------------------------------------------------------

const INPUT_TYPES: Record<string, InputTypeName> = {
  TypeCount: "count",
  TypeNumber: "number",
  TypePercent: "percent",
  TypeMoney: "money",
  TypeYesNo: "yesno",
  TypeScore: "score",
  TypeText: "text",
  TypeEnum: "enum",
  TypeList: "list",
};

const PANELS: Record<string, PanelRule> = { Mean: "mean", TrimmedMean: "trimmedMean", Median: "median" };

function inputTypeOf(node: CstNode | undefined): InputTypeName | undefined {
  if (!node) return undefined;
  for (const key in INPUT_TYPES) if (tok(node, key)) return INPUT_TYPES[key];
  return undefined;
}

function inputOf(node: CstNode, kind: InputAst["kind"], b: Builder): InputAst | undefined {
  const name = nameOf(sub(node, "name"));
  if (!name) return undefined;
  const unitTok = tok(node, "unit");
  const range = sub(node, "rangeSpec");
  const direction = tok(node, "direction");
  const exprNode = sub(node, "expression");
  const expression = exprNode ? exprOf(exprNode, b) : undefined;
  if (exprNode && !expression) return undefined;
  const how = tok(sub(node, "panel"), "how")?.tokenType.name;
  return {
    kind,
    name,
    type: kind === "evidence" ? "yesno" : inputTypeOf(sub(node, "inputType")),
    unit: unitTok ? { text: unitTok.image, range: tokenRange(unitTok) } : undefined,
    low: quantityOf(sub(range, "low")),
    high: quantityOf(sub(range, "high")),
    direction: direction ? (direction.tokenType.name === "Up" ? "up" : "down") : undefined,
    reference: tok(node, "Reference") !== undefined,
    description: descriptionOf(tok(node, "description")),
    expression,
    values: namesOf(subs(sub(node, "valueList"), "name")),
    panel: how ? PANELS[how] : undefined,
    range: nodeRange(node),
  };
}

function descriptionOf(t: IToken | undefined): Text | undefined {
  return t ? { text: t.image.slice(1, -1), range: tokenRange(t) } : undefined;
}

const OPERATORS: Record<string, "+" | "-" | "*" | "/"> = { "+": "+", "＋": "+", "-": "-", "－": "-", "—": "-", "–": "-", "×": "*", "*": "*", "＊": "*", "÷": "/", "/": "/", "／": "/" };

/** Counts operands and operators so that an over-long expression is refused before it becomes a deep tree. */
function countTerms(node: CstNode): number {
  let n = 0;
  for (const [key, list] of Object.entries(node.children)) {
    for (const c of list as Child[]) {
      if (isToken(c)) {
        if (key === "NumberLiteral") n++;
      } else n += c.name === "name" ? 1 : countTerms(c);
    }
  }
  return n;
}

function exprOf(node: CstNode, b: Builder): Expr | undefined {
  const terms = countTerms(node);
  if (terms > MAX_EXPRESSION_TERMS) {
    b.problems.push({ terms, range: nodeRange(node) });
    return undefined;
  }
  return exprNode(node);
}

function exprNode(node: CstNode): Expr | undefined {
  if (node.name === "expression" || node.name === "term") {
    const operands = subs(node, node.name === "expression" ? "term" : "factor").map(exprNode);
    const ops = tokens(node, "op");
    let acc = operands[0];
    for (let i = 1; i < operands.length; i++) {
      const right = operands[i];
      const op = ops[i - 1];
      const sym = op && OPERATORS[op.image];
      if (!acc || !right || !sym) return undefined;
      acc = { kind: "binary", op: sym, left: acc, right, range: range(acc.range.start, right.range.end) };
    }
    return acc;
  }
  // factor: minus signs (an odd number of them negates), then a number, a name or （…）
  let e: Expr | undefined;
  const num = tok(node, "NumberLiteral");
  const name = nameOf(sub(node, "name"));
  const inner = sub(node, "expression");
  if (num) e = { kind: "number", value: normaliseNumber(num.image), range: tokenRange(num) };
  else if (name) e = { kind: "ref", name, range: name.range };
  else if (inner) e = exprNode(inner);
  if (!e) return undefined;
  return tokens(node, "negate").length % 2 === 1 ? { kind: "neg", operand: e, range: nodeRange(node) } : e;
}

// ---- categories, indicators and sentences ----------------------------------------------------

interface PointsSpec {
  points: Quantity | undefined;
  weight: Quantity | undefined;
  pending: boolean;
}

function pointsSpecOf(node: CstNode | undefined): PointsSpec {
  if (!node) return { points: undefined, weight: undefined, pending: false };
  const weightNode = sub(node, "weightSpec");
  const weightTok = tok(weightNode, "NumberLiteral");
  return {
    points: quantityOf(sub(node, "quantity")),
    weight: weightTok && weightNode ? { value: normaliseNumber(weightTok.image), unit: undefined, range: nodeRange(weightNode) } : undefined,
    pending: tok(node, "PointsPending") !== undefined,
  };
}

const VERBS: Record<string, AwardVerb> = { Get: "get", Add: "add", Deduct: "deduct" };

function awardOf(node: CstNode | undefined): { verb: AwardVerb; points: Quantity } | undefined {
  const verb = tok(node, "verb");
  const points = quantityOf(sub(node, "quantity"));
  if (!verb || !points) return undefined;
  return { verb: VERBS[verb.tokenType.name] ?? "get", points };
}

/** 不得分: a band of 0 points, located at the words. */
function noPoints(t: IToken): { verb: AwardVerb; points: Quantity } {
  return { verb: "none", points: { value: "0", unit: "分", range: tokenRange(t) } };
}

function eachOf(each: CstNode, range: Range): Extract<Clause, { kind: "each" }> | undefined {
  const n = tok(each, "NumberLiteral");
  const unit = tok(each, "Unit");
  const verb = tok(each, "verb");
  const points = quantityOf(sub(each, "points"));
  if (!verb || !points) return undefined;
  const per: Quantity = {
    value: n ? normaliseNumber(n.image) : "1",
    unit: unit?.image,
    range: n ? tokenRange(n) : unit ? tokenRange(unit) : range,
  };
  return { kind: "each", verb: verb.tokenType.name === "Deduct" ? "deduct" : "add", per, points, range };
}

function clauseOf(node: CstNode): Clause | undefined {
  const range = nodeRange(node);
  const c = (key: string) => sub(node, key);
  const cond = c("conditionalClause");
  if (cond) {
    const condition = conditionOf(sub(cond, "condition"));
    if (!condition) return undefined;
    const inc = sub(cond, "increments");
    if (inc) {
      const from = condition.kind === "compare" ? condition.comparisons[0] : undefined;
      const step = quantityOf(sub(inc, "step"));
      const points = quantityOf(sub(inc, "points"));
      if (!from || !step || !points) return undefined;
      return { kind: "increments", from, step, points, range };
    }
    const names = namesOf(subs(cond, "alternative"));
    const conditions = subs(cond, "alternativeCondition").map(conditionOf);
    const alternatives: AlternativeCondition[] = [];
    for (let i = 0; i < names.length; i++) {
      const cnd = conditions[i];
      if (!cnd) return undefined;
      alternatives.push({ subject: names[i]!, condition: cnd });
    }
    const none = tok(cond, "NoPoints");
    const award = none ? noPoints(none) : awardOf(sub(cond, "award"));
    if (!award) return undefined;
    return { kind: "award", verb: award.verb, condition, alternatives: exactLength(alternatives), points: award.points, range };
  }
  const values = c("valueClause");
  if (values) {
    const list = namesOf(subs(sub(values, "valueList"), "name"));
    const otherwise = tok(values, "Otherwise") !== undefined;
    const none = tok(values, "NoPoints");
    const each = sub(values, "eachClause");
    if (each) {
      const e = eachOf(each, range);
      return e && { kind: "values", values: list, otherwise, verb: e.verb, per: e.per, points: e.points, range };
    }
    const award = none ? noPoints(none) : awardOf(sub(values, "award"));
    return award && { kind: "values", values: list, otherwise, verb: award.verb, per: undefined, points: award.points, range };
  }
  const from = c("fromClause");
  if (from) {
    const base = quantityOf(sub(from, "quantity"));
    const inc = sub(from, "increments");
    const step = quantityOf(sub(inc, "step"));
    const points = quantityOf(sub(inc, "points"));
    if (!base || !step || !points) return undefined;
    // 「100家后每增加100家」: counted from 100 on, i.e. x ≥ 100
    return { kind: "increments", from: { op: ">=", word: "后", value: base, range: base.range }, step, points, range };
  }
  const basis = c("onBasisClause");
  if (basis) {
    const step = quantityOf(sub(basis, "step"));
    const points = quantityOf(sub(basis, "points"));
    return step && points ? { kind: "onBasis", step, points, range } : undefined;
  }
  const less = c("stepLessClause");
  if (less) {
    const step = quantityOf(sub(less, "step"));
    const points = quantityOf(sub(less, "points"));
    return step && points ? { kind: "stepLess", step, points, range } : undefined;
  }
  const each = c("eachClause");
  if (each) return eachOf(each, range);
  const award = awardOf(c("award"));
  if (award) return { kind: "award", verb: award.verb, condition: undefined, alternatives: emptyList(), points: award.points, range };
  if (tok(node, "Expert")) return { kind: "expert", range };
  if (tok(node, "Discretionary")) return { kind: "discretionary", range };
  const baseline = c("baselineClause");
  if (baseline) {
    const base = quantityOf(sub(baseline, "base"));
    const full = quantityOf(sub(baseline, "full"));
    const between = quantityOf(sub(baseline, "between"));
    if (!base || !full) return undefined;
    if (!tok(baseline, "Linear") && !between) return undefined;
    return { kind: "baseline", base, full, between: between ?? "linear", range };
  }
  const atMost = c("atMostClause");
  if (atMost) {
    const points = quantityOf(sub(atMost, "quantity"));
    return points ? { kind: "atMost", points, deduct: tok(atMost, "Deduct") !== undefined, range } : undefined;
  }
  const req = c("ruleRequires");
  if (req) {
    const names = namesOf(subs(req, "name"));
    return names.length ? { kind: "requires", names, explicit: tok(req, "Requires") !== undefined, range } : undefined;
  }
  if (c("highestItemClause")) return { kind: "highestItem", range };
  const reading = tok(c("readingClause"), "reading");
  if (reading) {
    const r = reading.tokenType.name === "ReadFloor" ? "floor" : reading.tokenType.name === "ReadCeil" ? "ceil" : "proRata";
    return { kind: "reading", reading: r, range };
  }
  return undefined;
}

function ruleOf(node: CstNode, option: Name | undefined, b: Builder): RuleAst | undefined {
  if (!whole(node, b)) return undefined;
  const subject = sub(node, "ruleSubject");
  const subjects = namesOf(subs(subject, "name"));
  if (subjects.length === 0) return undefined;
  const clauses: Clause[] = [];
  for (const cl of subs(node, "clause")) {
    const clause = clauseOf(cl);
    if (!clause) {
      cut(node, b);
      return undefined;
    }
    clauses.push(clause);
  }
  return { subjects, chooseOne: tok(subject, "ChooseOne") !== undefined, clauses: exactLength(clauses), option, range: nodeRange(node) };
}

/** A sentence, or sentences joined by 或 (a group). */
function ruleGroupOf(node: CstNode, option: Name | undefined, ind: IndicatorAst, b: Builder): void {
  const rules = subs(node, "rule").map((r) => ruleOf(r, option, b));
  if (rules.some((r) => r === undefined)) {
    ind.incomplete = true;
    return;
  }
  const whole = rules as RuleAst[];
  ind.rules.push(...whole);
  if (whole.length > 1) {
    const combine = tok(node, "combine");
    const group: RuleGroupAst = { combine: combine?.tokenType.name === "TakeLower" ? "min" : "max", explicit: combine !== undefined, rules: whole, range: nodeRange(node) };
    ind.groups.push(group);
  }
}

function indicatorOf(node: CstNode, b: Builder): IndicatorAst | undefined {
  const name = nameOf(sub(node, "name"));
  if (!name) return undefined;
  const spec = pointsSpecOf(sub(node, "pointsSpec"));
  const ind: IndicatorAst = {
    name,
    ...spec,
    scale: quantityOf(sub(sub(node, "scaleSpec"), "quantity")),
    description: undefined,
    concept: undefined,
    requires: [],
    rules: [],
    groups: [],
    vetoes: [],
    cap: undefined,
    // recovery may have skipped part of it
    incomplete: isBroken(node, b),
    range: nodeRange(node),
  };
  for (const raw of subs(node, "indicatorItem")) {
    const item = whole(raw, b);
    if (!item) {
      ind.incomplete = true;
      continue;
    }
    const key = tok(item, "key");
    if (key?.tokenType.name === "Description") ind.description = textOf(tok(item, "LineText"));
    else if (key?.tokenType.name === "Concept") ind.concept = textOf(tok(item, "LineText"));
    const req = sub(item, "requires");
    if (req) ind.requires.push(...namesOf(subs(req, "name")));
    const group = sub(item, "ruleGroup");
    if (group) ruleGroupOf(group, undefined, ind, b);
    const option = sub(item, "optionItem");
    if (option) {
      const label = nameOf(sub(sub(option, "clauseLabel"), "name")) ?? numberLabel(sub(option, "clauseLabel"));
      const g = sub(option, "ruleGroup");
      if (label && g) ruleGroupOf(g, label, ind, b);
      else ind.incomplete = true;
    }
    const veto = sub(item, "indicatorVeto");
    if (veto) {
      const predicate = predicateOf(sub(veto, "predicate"));
      const points = quantityOf(sub(veto, "quantity"));
      if (predicate && points) ind.vetoes.push({ predicate, points, range: nodeRange(veto) });
      else ind.incomplete = true;
    }
    const cap = sub(item, "cap");
    if (cap) ind.cap = quantityOf(sub(cap, "quantity"));
  }
  ind.requires = exactLength(ind.requires);
  ind.rules = exactLength(ind.rules);
  ind.groups = exactLength(ind.groups);
  ind.vetoes = exactLength(ind.vetoes);
  return ind;
}

/** （1）: a number used as a label. */
function numberLabel(node: CstNode | undefined): Name | undefined {
  const n = tok(node, "NumberLiteral");
  return n ? { text: normaliseNumber(n.image), range: tokenRange(n) } : undefined;
}

function labelOf(node: CstNode | undefined): Name | undefined {
  return nameOf(sub(node, "name")) ?? numberLabel(node);
}

function categoryOf(node: CstNode, kind: CategoryAst["kind"], b: Builder, group?: string): CategoryAst | undefined {
  const name = nameOf(sub(node, "name"));
  if (!name) return undefined;
  const spec = pointsSpecOf(sub(node, "pointsSpec"));
  const indicators = exactLength(
    subs(node, "indicator")
      .map((i) => indicatorOf(i, b))
      .filter((i): i is IndicatorAst => i !== undefined),
  );
  return {
    kind,
    name,
    group,
    ...spec,
    incomplete: isBroken(node, b) || indicators.some((i) => i.incomplete),
    cap: kind === "category" ? undefined : quantityOf(sub(sub(node, "groupCap"), "quantity")),
    indicators,
    range: nodeRange(node),
  };
}

function caseOf(node: CstNode, b: Builder): CaseAst | undefined {
  const title = tok(node, "title");
  const name = title ? { text: title.image.trim(), range: tokenRange(title) } : undefined;
  if (!name) return undefined;
  const result: CaseAst = { name, inputs: [], expectations: [], range: nodeRange(node) };
  for (const raw of subs(node, "assignment")) {
    const a = whole(raw, b);
    const n = nameOf(sub(a, "name"));
    const v = sub(a, "value");
    if (!n || !v) continue;
    const q = quantityOf(sub(v, "quantity"));
    const quoted = tok(v, "QuotedName");
    const word = tok(v, "Identifier");
    const value =
      q ??
      (tok(v, "Yes") ? true : tok(v, "No") ? false : quoted ? { text: quoted.image.slice(1, -1), range: tokenRange(quoted) } : word ? { text: word.image, range: tokenRange(word) } : undefined);
    if (value !== undefined) result.inputs.push({ name: n, value, range: nodeRange(a) });
  }
  for (const raw of subs(node, "expectation")) {
    const e = whole(raw, b);
    if (!e) continue;
    const key = tok(e, "key")?.tokenType.name;
    const range = nodeRange(e);
    const q = quantityOf(sub(e, "quantity"));
    if (key === "Total" && q) result.expectations.push({ kind: "total", value: q, range });
    else if (key === "Grades") {
      const label = nameOf(sub(e, "label"));
      if (label) result.expectations.push({ kind: "grade", label, range });
    } else if (key === "Eligible") result.expectations.push({ kind: "eligible", value: tok(e, "Yes") !== undefined, range });
    else {
      const target = nameOf(sub(e, "target"));
      if (target && q) result.expectations.push({ kind: "item", target, value: q, range });
    }
  }
  return result;
}

const HEADER_KEYS: Record<string, HeaderKey> = {
  Region: "region",
  Year: "year",
  PlatformType: "platformType",
  Period: "period",
  Source: "source",
  Status: "status",
  Precision: "precision",
  FullMarks: "fullMarks",
};

export interface AstResult {
  ast: FileAst;
  /** Over-long expressions (their number of terms): reported as syntax errors. */
  problems: { terms: number; range: Range }[];
}

/**
 * Builds the AST of a whole file from its CST. `errorOffsets` are where syntax errors were
 * found: nodes containing one are left out (see the file comment).
 */
export function astFromCst(cst: CstNode, textLength: number, errorOffsets: readonly number[] = []): FileAst {
  return buildAst(cst, textLength, errorOffsets).ast;
}

export function buildAst(cst: CstNode, textLength: number, errorOffsets: readonly number[] = []): AstResult {
  const build = startAst(textLength);
  return finishAst(build, cst, errorOffsets);
}

/** A file's AST while it is built section by section (see `startAst`). */
export interface AstBuild {
  readonly file: FileAst;
  readonly b: Builder;
}

/**
 * Starts a file's AST, to be given its sections one at a time (`addSection`) while the parser reads on,
 * then the rest of the CST (`finishAst`). Sections added before `finishAst` are built as having no
 * syntax error near them: only sections the parser hands on as error-free may be added early.
 */
export function startAst(textLength: number): AstBuild {
  const b: Builder = { errorOffsets: [], broken: [], problems: [] };
  const file: FileAst = {
    title: undefined,
    header: {},
    headerRanges: {},
    inputs: [],
    categories: [],
    groups: [],
    grades: [],
    gradesKeyword: undefined,
    gradeGate: undefined,
    vetoes: [],
    eligibility: undefined,
    cases: [],
    notes: [],
    broken: b.broken,
    range: { start: EMPTY_POS, end: { offset: textLength, line: 1, column: 1 } },
  };
  return { file, b };
}

/** Adds the header and the sections still in the CST (after those added already), with the file's syntax errors. */
export function finishAst(build: AstBuild, cst: CstNode, errorOffsets: readonly number[]): AstResult {
  const { file, b } = build;
  b.errorOffsets = [...errorOffsets].sort((x, y) => x - y);
  const header = sub(cst, "header");
  file.title = titleOf(tok(header, "title"));
  for (const field of subs(header, "headerField")) {
    const key = HEADER_KEYS[tok(field, "key")?.tokenType.name ?? ""];
    if (!key) continue;
    file.headerRanges[key] = nodeRange(field);
    if (key === "fullMarks") file.header.fullMarks = quantityOf(sub(field, "quantity"));
    else {
      const t = textOf(tok(field, "LineText"));
      if (t) file.header[key] = t;
    }
  }
  for (const section of subs(cst, "section")) addSection(build, section);
  return { ast: file, problems: b.problems };
}

/** Adds one section's declarations, categories, grades… to the file's AST. */
export function addSection({ file, b }: AstBuild, section: CstNode): void {
  const s = (key: string) => sub(section, key);
  const inputs = s("inputsSection") ?? s("derivedSection") ?? s("evidenceSection");
  if (inputs) {
    const kind = inputs.name === "inputsSection" ? "input" : inputs.name === "derivedSection" ? "derived" : "evidence";
    const key = kind === "input" ? "inputDecl" : kind === "derived" ? "derivedDecl" : "evidenceDecl";
    for (const raw of subs(inputs, key)) {
      // a declaration cut short still declares its name (no cascade of 未声明的输入)
      const d = isBroken(raw, b) ? (cut(raw, b), raw) : raw;
      const i = inputOf(d, kind, b);
      if (i) file.inputs.push(i);
    }
  }
  const group = s("categoryGroup");
  if (group) {
    const gname = nameOf(sub(group, "name"));
    const members = subs(group, "category")
      .map((c) => categoryOf(c, "category", b, gname?.text))
      .filter((c): c is CategoryAst => c !== undefined);
    file.categories.push(...members);
    if (gname) file.groups.push({ name: gname, ...pointsSpecOf(sub(group, "pointsSpec")), categories: members.map((m) => m.name.text), range: nodeRange(group) });
  }
  const cat = s("category") ?? s("bonusGroup") ?? s("deductionGroup");
  if (cat) {
    const c = categoryOf(cat, cat.name === "category" ? "category" : cat.name === "bonusGroup" ? "bonus" : "deduction", b);
    if (c) file.categories.push(c);
  }
  const grades = s("gradesSection");
  if (grades) {
    file.gradesKeyword = tok(grades, "Grades")?.image;
    for (const raw of subs(grades, "gradeBand")) {
      const g = whole(raw, b);
      const condition = conditionOf(sub(g, "condition"));
      const label = nameOf(sub(g, "label"));
      const alsoNode = sub(g, "predicate");
      const also = predicateOf(alsoNode);
      if (condition && label && (!alsoNode || also)) file.grades.push({ condition, also, label, range: nodeRange(g) });
    }
    const gate = whole(sub(grades, "gradeGate"), b);
    if (gate) file.gradeGate = nodeRange(gate);
  }
  const vetoes = s("vetoSection");
  for (const raw of subs(vetoes, "rubricVeto")) {
    const v = whole(raw, b);
    const predicate = predicateOf(sub(v, "predicate"));
    const label = nameOf(sub(v, "label"));
    if (predicate && label) file.vetoes.push({ predicate, label, range: nodeRange(v) });
  }
  const elig = s("eligibilitySection");
  if (elig) {
    file.eligibility ??= { conditions: [], relaxations: [], range: nodeRange(elig) };
    const conditions = file.eligibility.conditions;
    // in source order: an alternative (或…) joins the condition before it
    const items = [...subs(elig, "eligibilityCondition"), ...subs(elig, "eligibilityAlternative")].sort((x, y) => nodeRange(x).start.offset - nodeRange(y).start.offset);
    for (const raw of items) {
      const c = whole(raw, b);
      const predicate = predicateOf(sub(c, "predicate"));
      if (!c || !predicate) continue;
      const label = labelOf(sub(c, "clauseLabel"));
      if (c.name === "eligibilityAlternative" && conditions.length > 0) conditions[conditions.length - 1]!.alternatives.push({ label, predicate, range: nodeRange(c) });
      else conditions.push({ label, predicate, alternatives: [], range: nodeRange(c) });
    }
    for (const raw of subs(elig, "relaxation")) {
      const r = whole(raw, b);
      const predicate = predicateOf(sub(r, "predicate"));
      if (!r || !predicate) continue;
      file.eligibility.relaxations.push({
        label: labelOf(sub(r, "own")),
        predicate,
        relaxed: subs(r, "relaxed")
          .map(labelOf)
          .filter((n): n is Name => n !== undefined),
        range: nodeRange(r),
      });
    }
  }
  const c = s("caseBlock");
  if (c) {
    const k = caseOf(c, b);
    if (k) file.cases.push(k);
  }
  const note = s("note");
  if (note) {
    const t = textOf(tok(note, "LineText"));
    if (t) file.notes.push(t);
  }
}
