/** CST → AST. Partial CST nodes left by error recovery become partial AST nodes, never exceptions. */
import { comparativeOf, type CstNode, type IToken } from "@zhunsheng/grammar";
import type {
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
  Predicate,
  Quantity,
  Range,
  RuleAst,
  Text,
} from "../ast.ts";

type Child = CstNode | IToken;
const isToken = (c: Child): c is IToken => (c as IToken).image !== undefined;

function tokens(node: CstNode | undefined, key: string): IToken[] {
  return ((node?.children[key] ?? []) as Child[]).filter(isToken).filter((t) => !t.isInsertedInRecovery);
}
function tok(node: CstNode | undefined, key: string): IToken | undefined {
  return tokens(node, key)[0];
}
function subs(node: CstNode | undefined, key: string): CstNode[] {
  return ((node?.children[key] ?? []) as Child[]).filter((c): c is CstNode => !isToken(c));
}
function sub(node: CstNode | undefined, key: string): CstNode | undefined {
  return subs(node, key)[0];
}

const EMPTY_POS = { offset: 0, line: 1, column: 1 };
export const EMPTY_RANGE: Range = { start: EMPTY_POS, end: EMPTY_POS };

export function tokenRange(t: IToken): Range {
  return {
    start: { offset: t.startOffset, line: t.startLine ?? 1, column: t.startColumn ?? 1 },
    end: { offset: (t.endOffset ?? t.startOffset) + 1, line: t.endLine ?? t.startLine ?? 1, column: (t.endColumn ?? 0) + 1 },
  };
}

/** Range of a CST node, computed from its first and last real tokens (robust to recovery). */
function nodeRange(node: CstNode | undefined): Range {
  if (!node) return EMPTY_RANGE;
  const loc = node.location;
  // Chevrotain tracks locations; after error recovery they may be missing, then scan the tokens
  if (loc && Number.isFinite(loc.startOffset) && Number.isFinite(loc.endOffset) && loc.startLine !== undefined && loc.endColumn !== undefined && Number.isFinite(loc.endColumn)) {
    return {
      start: { offset: loc.startOffset, line: loc.startLine, column: loc.startColumn ?? 1 },
      end: { offset: loc.endOffset! + 1, line: loc.endLine ?? loc.startLine, column: loc.endColumn + 1 },
    };
  }
  const all = collectTokens(node);
  if (all.length === 0) return EMPTY_RANGE;
  let first = all[0]!;
  let last = all[0]!;
  for (const t of all) {
    if (t.startOffset < first.startOffset) first = t;
    if (t.startOffset > last.startOffset) last = t;
  }
  return { start: tokenRange(first).start, end: tokenRange(last).end };
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
/** Half-width decimal string: "１５００" → "1500", "15.50" stays "15.50" (scale is decided later). */
export function normaliseNumber(image: string): string {
  return image.replace(FULL_WIDTH_DIGITS, (d) => (d === "．" ? "." : String.fromCharCode(d.charCodeAt(0) - 0xfee0)));
}

function nameOf(node: CstNode | undefined): Name | undefined {
  const t = tok(node, "Identifier") ?? tok(node, "QuotedName");
  if (!t) return undefined;
  const text = t.tokenType.name === "QuotedName" ? t.image.slice(1, -1).trim() : t.image;
  return { text, range: tokenRange(t) };
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

function comparisonOf(node: CstNode | undefined): Comparison | undefined {
  const word = tok(node, "word");
  const value = quantityOf(sub(node, "quantity"));
  if (!node || !word || !value) return undefined;
  const c = comparativeOf(word.image);
  if (!c) return undefined;
  return { op: c.op, word: word.image, value, range: nodeRange(node) };
}

function conditionOf(node: CstNode | undefined): Condition | undefined {
  if (!node) return undefined;
  if (tok(node, "Tilde")) {
    const low = quantityOf(sub(node, "low"));
    const high = quantityOf(sub(node, "high"));
    if (!low || !high) return undefined;
    return { kind: "between", low, high, range: nodeRange(node) };
  }
  const comparisons = subs(node, "comparison")
    .map(comparisonOf)
    .filter((c): c is Comparison => c !== undefined);
  if (comparisons.length === 0) return undefined;
  return { kind: "compare", comparisons, range: nodeRange(node) };
}

function predicateOf(node: CstNode | undefined): Predicate | undefined {
  const names = subs(node, "name")
    .map(nameOf)
    .filter((n): n is Name => n !== undefined);
  if (!node || names.length === 0) return undefined;
  const condition = conditionOf(sub(node, "condition"));
  if (condition) return { kind: "compare", subject: names[0]!, condition, range: nodeRange(node) };
  return { kind: "flags", subjects: names, range: nodeRange(node) };
}

const INPUT_TYPES: Record<string, InputTypeName> = {
  TypeCount: "count",
  TypeNumber: "number",
  TypePercent: "percent",
  TypeMoney: "money",
  TypeYesNo: "yesno",
  TypeScore: "score",
  TypeText: "text",
};

function inputTypeOf(node: CstNode | undefined): InputTypeName | undefined {
  if (!node) return undefined;
  for (const [key, type] of Object.entries(INPUT_TYPES)) if (tok(node, key)) return type;
  return undefined;
}

function inputOf(node: CstNode, kind: InputAst["kind"]): InputAst | undefined {
  const name = nameOf(sub(node, "name"));
  if (!name) return undefined;
  const unitTok = tok(node, "unit");
  const range = sub(node, "rangeSpec");
  const direction = tok(node, "direction");
  const expr = sub(node, "expression");
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
    expression: expr ? exprOf(expr) : undefined,
    range: nodeRange(node),
  };
}

function descriptionOf(t: IToken | undefined): Text | undefined {
  return t ? { text: t.image.slice(1, -1), range: tokenRange(t) } : undefined;
}

function exprOf(node: CstNode): Expr | undefined {
  if (node.name === "expression" || node.name === "term") {
    const operands = subs(node, node.name === "expression" ? "term" : "factor").map(exprOf);
    const ops = tokens(node, "op");
    let acc = operands[0];
    for (let i = 1; i < operands.length; i++) {
      const right = operands[i];
      const op = ops[i - 1];
      if (!acc || !right || !op) return undefined;
      const sym = "+＋".includes(op.image) ? "+" : "-－—".includes(op.image) ? "-" : "×*＊".includes(op.image) ? "*" : "/";
      acc = { kind: "binary", op: sym, left: acc, right, range: { start: acc.range.start, end: right.range.end } };
    }
    return acc;
  }
  // factor
  const num = tok(node, "NumberLiteral");
  if (num) return { kind: "number", value: normaliseNumber(num.image), range: tokenRange(num) };
  const name = nameOf(sub(node, "name"));
  if (name) return { kind: "ref", name, range: name.range };
  const inner = sub(node, "expression");
  if (inner) return exprOf(inner);
  const operand = sub(node, "factor");
  if (operand) {
    const e = exprOf(operand);
    return e && { kind: "neg", operand: e, range: nodeRange(node) };
  }
  return undefined;
}

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

function clauseOf(node: CstNode): Clause | undefined {
  const range = nodeRange(node);
  const c = (key: string) => sub(node, key);
  const cond = c("conditionalClause");
  if (cond) {
    const condition = conditionOf(sub(cond, "condition"));
    const inc = sub(cond, "increments");
    if (inc) {
      const from = condition?.kind === "compare" ? condition.comparisons[0] : undefined;
      const step = quantityOf(sub(inc, "step"));
      const points = quantityOf(sub(inc, "points"));
      if (!from || !step || !points) return undefined;
      return { kind: "increments", from, step, points, range };
    }
    const award = awardOf(sub(cond, "award"));
    if (!award) return undefined;
    return { kind: "award", verb: award.verb, condition, points: award.points, range };
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
  const less = c("stepLessClause");
  if (less) {
    const step = quantityOf(sub(less, "step"));
    const points = quantityOf(sub(less, "points"));
    return step && points ? { kind: "stepLess", step, points, range } : undefined;
  }
  const each = c("eachClause");
  if (each) {
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
    return { kind: "each", verb: verb.tokenType.name === "Add" ? "add" : "deduct", per, points, range };
  }
  const award = awardOf(c("award"));
  if (award) return { kind: "award", verb: award.verb, condition: undefined, points: award.points, range };
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
    return points ? { kind: "atMost", points, range } : undefined;
  }
  const req = c("ruleRequires");
  if (req) {
    const names = subs(sub(req, "requires"), "name")
      .map(nameOf)
      .filter((n): n is Name => n !== undefined);
    return names.length ? { kind: "requires", names, range } : undefined;
  }
  const reading = tok(c("readingClause"), "reading");
  if (reading) {
    const r = reading.tokenType.name === "ReadFloor" ? "floor" : reading.tokenType.name === "ReadCeil" ? "ceil" : "proRata";
    return { kind: "reading", reading: r, range };
  }
  return undefined;
}

function awardOf(node: CstNode | undefined): { verb: "get" | "add"; points: Quantity } | undefined {
  const verb = tok(node, "verb");
  const points = quantityOf(sub(node, "quantity"));
  if (!verb || !points) return undefined;
  return { verb: verb.tokenType.name === "Get" ? "get" : "add", points };
}

function ruleOf(node: CstNode): RuleAst | undefined {
  const subject = sub(node, "subject");
  const subjects = subs(subject, "name")
    .map(nameOf)
    .filter((n): n is Name => n !== undefined);
  if (subjects.length === 0) return undefined;
  const clauses = subs(node, "clause")
    .map(clauseOf)
    .filter((c): c is Clause => c !== undefined);
  return { subjects, chooseOne: tok(subject, "ChooseOne") !== undefined, clauses, range: nodeRange(node) };
}

function indicatorOf(node: CstNode): IndicatorAst | undefined {
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
    vetoes: [],
    cap: undefined,
    range: nodeRange(node),
  };
  for (const item of subs(node, "indicatorItem")) {
    const key = tok(item, "key");
    if (key?.tokenType.name === "Description") ind.description = textOf(tok(item, "LineText"));
    else if (key?.tokenType.name === "Concept") ind.concept = textOf(tok(item, "LineText"));
    const req = sub(item, "requires");
    if (req) ind.requires.push(...subs(req, "name").map(nameOf).filter((n): n is Name => n !== undefined));
    const rule = sub(item, "rule");
    if (rule) {
      const r = ruleOf(rule);
      if (r) ind.rules.push(r);
    }
    const veto = sub(item, "indicatorVeto");
    if (veto) {
      const predicate = predicateOf(sub(veto, "predicate"));
      const points = quantityOf(sub(veto, "quantity"));
      if (predicate && points) ind.vetoes.push({ predicate, points, range: nodeRange(veto) });
    }
    const cap = sub(item, "cap");
    if (cap) ind.cap = quantityOf(sub(cap, "quantity"));
  }
  return ind;
}

function categoryOf(node: CstNode, kind: CategoryAst["kind"], group?: string): CategoryAst | undefined {
  const name = nameOf(sub(node, "name"));
  if (!name) return undefined;
  const spec = pointsSpecOf(sub(node, "pointsSpec"));
  return {
    kind,
    name,
    group,
    ...spec,
    cap: kind === "bonus" ? quantityOf(sub(node, "quantity")) : undefined,
    indicators: subs(node, "indicator")
      .map(indicatorOf)
      .filter((i): i is IndicatorAst => i !== undefined),
    range: nodeRange(node),
  };
}

function caseOf(node: CstNode): CaseAst | undefined {
  const title = tok(node, "title");
  const name = title ? { text: title.image.trim(), range: tokenRange(title) } : undefined;
  if (!name) return undefined;
  const result: CaseAst = { name, inputs: [], expectations: [], range: nodeRange(node) };
  for (const a of subs(node, "assignment")) {
    const n = nameOf(sub(a, "name"));
    const v = sub(a, "value");
    if (!n || !v) continue;
    const q = quantityOf(sub(v, "quantity"));
    const quoted = tok(v, "QuotedName");
    const value = q ?? (tok(v, "Yes") ? true : tok(v, "No") ? false : quoted ? { text: quoted.image.slice(1, -1), range: tokenRange(quoted) } : undefined);
    if (value !== undefined) result.inputs.push({ name: n, value, range: nodeRange(a) });
  }
  for (const e of subs(node, "expectation")) {
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

/** Builds the AST of a whole file from its CST. */
export function astFromCst(cst: CstNode, textLength: number): FileAst {
  const file: FileAst = {
    title: undefined,
    header: {},
    headerRanges: {},
    inputs: [],
    categories: [],
    groups: [],
    grades: [],
    gradesKeyword: undefined,
    vetoes: [],
    eligibility: undefined,
    cases: [],
    notes: [],
    range: { start: EMPTY_POS, end: { offset: textLength, line: 1, column: 1 } },
  };
  const header = sub(cst, "header");
  file.title = nameOf(sub(header, "name"));
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
  for (const section of subs(cst, "section")) {
    const s = (key: string) => sub(section, key);
    const inputs = s("inputsSection") ?? s("derivedSection") ?? s("evidenceSection");
    if (inputs) {
      const kind = inputs.name === "inputsSection" ? "input" : inputs.name === "derivedSection" ? "derived" : "evidence";
      const key = kind === "input" ? "inputDecl" : kind === "derived" ? "derivedDecl" : "evidenceDecl";
      for (const d of subs(inputs, key)) {
        const i = inputOf(d, kind);
        if (i) file.inputs.push(i);
      }
    }
    const group = s("categoryGroup");
    if (group) {
      const gname = nameOf(sub(group, "name"));
      const members = subs(group, "category")
        .map((c) => categoryOf(c, "category", gname?.text))
        .filter((c): c is CategoryAst => c !== undefined);
      file.categories.push(...members);
      if (gname) file.groups.push({ name: gname, ...pointsSpecOf(sub(group, "pointsSpec")), categories: members.map((m) => m.name.text), range: nodeRange(group) });
    }
    const cat = s("category") ?? s("bonusGroup");
    if (cat) {
      const c = categoryOf(cat, cat.name === "category" ? "category" : "bonus");
      if (c) file.categories.push(c);
    }
    const grades = s("gradesSection");
    if (grades) {
      file.gradesKeyword = tok(grades, "Grades")?.image;
      for (const b of subs(grades, "gradeBand")) {
        const condition = conditionOf(sub(b, "condition"));
        const label = nameOf(sub(b, "label"));
        if (condition && label) file.grades.push({ condition, label, range: nodeRange(b) });
      }
    }
    const vetoes = s("vetoSection");
    for (const v of subs(vetoes, "rubricVeto")) {
      const predicate = predicateOf(sub(v, "predicate"));
      const label = nameOf(sub(v, "label"));
      if (predicate && label) file.vetoes.push({ predicate, label, range: nodeRange(v) });
    }
    const elig = s("eligibilitySection");
    if (elig) {
      file.eligibility ??= { conditions: [], relaxations: [], range: nodeRange(elig) };
      for (const c of subs(elig, "eligibilityCondition")) {
        const predicate = predicateOf(sub(c, "predicate"));
        if (predicate) file.eligibility.conditions.push({ label: nameOf(sub(sub(c, "clauseLabel"), "name")), predicate, range: nodeRange(c) });
      }
      for (const r of subs(elig, "relaxation")) {
        const flag = nameOf(sub(r, "name"));
        if (!flag) continue;
        file.eligibility.relaxations.push({
          label: nameOf(sub(sub(r, "own"), "name")),
          flag,
          relaxed: subs(r, "relaxed")
            .map((l) => nameOf(sub(l, "name")))
            .filter((n): n is Name => n !== undefined),
          range: nodeRange(r),
        });
      }
    }
    const c = s("caseBlock");
    if (c) {
      const k = caseOf(c);
      if (k) file.cases.push(k);
    }
    const note = s("note");
    if (note) {
      const t = textOf(tok(note, "LineText"));
      if (t) file.notes.push(t);
    }
  }
  return file;
}
