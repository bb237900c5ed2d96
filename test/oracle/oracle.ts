/**
 * The test oracle: a small reference evaluator of 准绳 rubrics in exact fractions, written from
 * grammar/语法参考.md alone.
 *
 * Why it is independent of the engine: it reads only the parser's syntax tree (`FileAst`, the input the
 * binder also reads) and imports nothing from packages/core's binder, checker, evaluator or decimal
 * modules. Every meaning below — Civil Code comparatives, 「得」 takes the highest band and 「加」 adds,
 * step deductions, caps, weights, bonus caps, grades, vetoes, eligibility with relaxations, derived
 * inputs — is re-implemented here from the reference's sentences (cited as §n), in BigInt fractions
 * (test/oracle/fraction.ts), with no scaled integers and no rounding except where the reference says so.
 * When the two disagree on a rubric in rules/, one of them misreads the reference: a bug to report.
 *
 * What the reference leaves open, the oracle refuses (`Unsupported`) instead of guessing; the tests
 * assert that no rubric in rules/ hits a refusal, so nothing is skipped silently.
 */
import type { CategoryAst, Clause, Comparison, ConditionAst, Expr, FileAst, IndicatorAst, InputAst, OverrideAst, Predicate, Quantity, RuleAst, RuleGroupAst } from "@zhunsheng/core";
import { add, ceil, cmp, dec, div, eq, floor, frac, HUNDRED, isInteger, max, min, mul, neg, parseDecimal, roundHalfUp, sub, ZERO, type Fraction } from "./fraction.ts";

/** A construct or combination the reference does not define precisely enough to compute. */
export class Unsupported extends Error {}

export interface OracleIndicator {
  path: string;
  name: string;
  category: string;
  /** Score on the indicator's own scale (0–100 for weighted indicators); undefined when pending. */
  score: Fraction | undefined;
  /** What it adds to its category (score × weight for weighted indicators). */
  contribution: Fraction;
}

export interface OracleVerdict {
  /** Data errors (field: what is wrong); when non-empty nothing else is meaningful. */
  errors: { field: string; message: string }[];
  total: Fraction | undefined;
  categories: { name: string; kind: CategoryAst["kind"]; score: Fraction }[];
  indicators: OracleIndicator[];
  grade: string | undefined;
  vetoed: string | undefined;
  eligible: boolean | undefined;
  relaxed: string[];
  /** Derived inputs' exact values (for the generators). */
  derived: Map<string, Fraction>;
}

/** A number (是 = 1, 否 = 0); the value(s) of a 取值 / 清单 input as written; undefined: not filled in. */
type Value = Fraction | string[] | undefined;

/** The scores a condition may name (§10: 总分, a 类别, a 大类 or an 指标). */
interface ScoreBook {
  total: Fraction;
  of(name: string): Fraction | undefined;
}

const YES = new Set(["是", "true", "1", "TRUE", "True", "Y", "y"]);
const NO = new Set(["否", "false", "0", "FALSE", "False", "N", "n"]);

class DataError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

export interface Oracle {
  ast: FileAst;
  /** Inputs a platform's data must carry (entered inputs and materials), in declaration order. */
  entered: InputAst[];
  derivedInputs: InputAst[];
  /** Names of inputs that are alternatives of a 选其一 rule (exactly one of a group is filled in). */
  chooseOneGroups: string[][];
  /** Per indicator with 选项: each option's own entered inputs (§6.12: the data fills those of the chosen option only). */
  optionGroups: { indicator: string; options: { label: string; own: string[] }[] }[];
  evaluate(record: Readonly<Record<string, string>>): OracleVerdict;
}

export function oracleOf(ast: FileAst): Oracle {
  const inputs = new Map(ast.inputs.map((i) => [i.name.text, i]));
  const entered = ast.inputs.filter((i) => i.kind !== "derived");
  const derivedInputs = ast.inputs.filter((i) => i.kind === "derived");
  const chooseOneGroups = ast.categories.flatMap((c) => c.indicators.flatMap((i) => i.rules.filter((r) => r.chooseOne).map((r) => r.subjects.map((s) => s.text))));
  const inChooseOne = new Set(chooseOneGroups.flat());
  const optionGroups = ast.categories.flatMap((c) => c.indicators.filter((i) => i.rules.some((r) => r.option)).map((i) => ({ indicator: `${c.name.text}/${i.name.text}`, options: optionsOf(i, inputs) })));
  const optionOwn = new Set(optionGroups.flatMap((g) => g.options.flatMap((o) => o.own)));
  // §1 精度: "除法、线性插值的四舍五入位数". Derived expressions are exact (issue 9: no rounding before comparing);
  // a rubric that states 精度 and divides in a derived input is a combination the reference does not pin down yet.
  const precision = ast.header.precision ? precisionOf(ast.header.precision.text) : undefined;
  if (precision !== undefined && derivedInputs.some((d) => d.expression && hasDivision(d.expression))) {
    throw new Unsupported("精度 with a division in a derived input");
  }
  for (const c of ast.categories) for (const i of c.indicators) checkSupported(i, inputs);

  function read(record: Readonly<Record<string, string>>): { values: Map<string, Value>; errors: DataError[]; chosen: Map<string, string> } {
    const values = new Map<string, Value>();
    const errors: DataError[] = [];
    for (const input of entered) {
      const name = input.name.text;
      const raw = (record[name] ?? "").trim();
      try {
        values.set(name, readValue(input, raw, inChooseOne.has(name) || optionOwn.has(name)));
      } catch (e) {
        if (e instanceof DataError) errors.push(e);
        else throw e;
      }
    }
    for (const group of chooseOneGroups) {
      const filled = group.filter((n) => values.get(n) !== undefined);
      if (filled.length !== 1) errors.push(new DataError(group.join("、"), `选其一：须且只能填写一项（填了${filled.length}项）`));
    }
    // §6.12 选项: exactly one option's own inputs are filled in, and then all of them
    const unchosen = new Set<string>();
    const chosen = new Map<string, string>();
    for (const g of optionGroups) {
      const filled = g.options.filter((o) => o.own.some((n) => values.get(n) !== undefined));
      if (filled.length !== 1) {
        errors.push(new DataError(g.indicator, `选项：须且只能填写一个选项的输入（填了${filled.length}个）`));
        continue;
      }
      const pick = filled[0]!;
      chosen.set(g.indicator, pick.label);
      for (const n of pick.own) if (values.get(n) === undefined) errors.push(new DataError(n, `缺少「${n}」的数据`));
      for (const o of g.options) if (o !== pick) for (const n of o.own) unchosen.add(n);
    }
    if (errors.length > 0) return { values, errors, chosen };
    for (const d of derivedInputs) {
      const name = d.name.text;
      // a derived input of the option not chosen is not computed (its inputs are empty by design)
      if (enteredOf(d, inputs).some((n) => unchosen.has(n))) continue;
      try {
        const v = evalExpr(d.expression!, values);
        checkRange(d, v);
        values.set(name, v);
      } catch (e) {
        if (e instanceof DataError) errors.push(e);
        else throw e;
      }
    }
    return { values, errors, chosen };
  }

  function evaluate(record: Readonly<Record<string, string>>): OracleVerdict {
    const { values, errors, chosen } = read(record);
    const derived = new Map(derivedInputs.flatMap((d) => {
      const v = values.get(d.name.text);
      return v !== undefined && !Array.isArray(v) ? [[d.name.text, v] as const] : [];
    }));
    const empty: OracleVerdict = { errors: errors.map((e) => ({ field: e.field, message: e.message })), total: undefined, categories: [], indicators: [], grade: undefined, vetoed: undefined, eligible: undefined, relaxed: [], derived };
    if (errors.length > 0) return empty;

    if (ast.categories.some((c) => c.kind === "deduction")) throw new Unsupported("扣分项");
    const indicators: OracleIndicator[] = [];
    const categories: OracleVerdict["categories"] = [];
    let total = ZERO;
    for (const cat of ast.categories) {
      let sum = ZERO;
      for (const ind of cat.indicators) {
        const r = scoreIndicator(cat, ind, values, chosen.get(`${cat.name.text}/${ind.name.text}`));
        indicators.push(r);
        sum = add(sum, r.contribution);
      }
      // §7 加分项: 合计不超过上限
      if (cat.kind === "bonus" && cat.cap) sum = min(sum, q(cat.cap));
      categories.push({ name: cat.name.text, kind: cat.kind, score: sum });
      total = add(total, sum);
    }

    // §10: conditions may name the total, a 类别, a 大类 (its categories' sum) or an 指标
    const book: ScoreBook = {
      total,
      of(name) {
        const c = categories.find((x) => x.name === name);
        if (c) return c.score;
        const group = ast.groups.find((g) => g.name.text === name);
        if (group) return group.categories.reduce((s, n) => add(s, categories.find((x) => x.name === n)?.score ?? ZERO), ZERO);
        const ind = indicators.filter((i) => i.name === name);
        if (ind.length > 1) throw new Unsupported(`two indicators named ${name}`);
        return ind[0]?.score ?? (ind[0] ? ZERO : undefined);
      },
    };

    // §10 认定条件: 全部条件满足才符合；放宽依据为「是」（或其条件成立）时，所列条件未满足也可认定，逐条记录
    let eligible: boolean | undefined;
    const relaxed: string[] = [];
    if (ast.eligibility) {
      const relaxable = new Set(ast.eligibility.relaxations.filter((r) => holds(r.predicate, values, book)).flatMap((r) => r.relaxed.map((n) => n.text)));
      eligible = true;
      for (const c of ast.eligibility.conditions) {
        // §10 或（二）…: the condition is met when it or an alternative holds
        if (holds(c.predicate, values, book) || c.alternatives.some((a) => holds(a.predicate, values, book))) continue;
        const label = c.label?.text;
        if (label !== undefined && relaxable.has(label)) {
          if (!relaxed.includes(label)) relaxed.push(label);
        } else eligible = false;
      }
    }
    // §8 不予评定等级: a platform that does not meet the eligibility conditions has no grade (no veto either)
    const gated = ast.gradeGate !== undefined && eligible === false;
    // §9 否决: 否决成立时等级为所写等级
    const veto = gated ? undefined : ast.vetoes.find((v) => holds(v.predicate, values, book));
    // §8 等级: the band whose range holds the total; when its 其中 conditions fail, no grade
    const band = gated ? undefined : ast.grades.find((g) => meets(g.condition, total));
    const grade = veto ? veto.label.text : band && (!band.also || holds(band.also, values, book)) ? band.label.text : undefined;
    return { errors: [], total, categories, indicators, grade, vetoed: veto?.label.text, eligible, relaxed, derived };
  }

  function scoreIndicator(cat: CategoryAst, ind: IndicatorAst, values: Map<string, Value>, option: string | undefined): OracleIndicator {
    const path = `${cat.name.text}/${ind.name.text}`;
    const base = { path, name: ind.name.text, category: cat.name.text };
    if (ind.pending) return { ...base, score: undefined, contribution: ZERO };
    // §5: weighted indicators are scored 0–100 (满分100), points-based ones 0–points; bonus indicators have no points
    const top = ind.weight ? (ind.scale ? q(ind.scale) : HUNDRED) : ind.points ? q(ind.points) : undefined;
    // §4 需提供: 未提供时，该指标按其各项输入为 0／否 计分
    const missing = ind.requires.some((n) => !truthy(values.get(n.text)));
    const scope = missing ? zeroed(ind, values) : values;
    // §6.11 sentences joined by 或 count once, 取其高者 (the default) or 取其低者; §6.12 only the chosen 选项's sentences count
    const groupOf = new Map<RuleAst, RuleGroupAst>(ind.groups.flatMap((g) => g.rules.map((r) => [r, g] as const)));
    const counted = new Set<RuleGroupAst>();
    let score = ZERO;
    for (const rule of ind.rules) {
      if (rule.option && rule.option.text !== option) continue;
      const g = groupOf.get(rule);
      if (!g) score = add(score, scoreRule(rule, scope, top));
      else if (!counted.has(g)) {
        counted.add(g);
        const each = g.rules.map((r) => scoreRule(r, scope, top));
        score = add(score, each.reduce((a, b) => (g.combine === "max" ? max(a, b) : min(a, b))));
      }
    }
    // §5 若 <条件> 则本指标为N分
    const veto = ind.vetoes.find((v) => holds(v.predicate, scope, undefined));
    if (veto) score = q(veto.points);
    // §5 直到满分N为止 / 不超过N分
    if (ind.cap) score = min(score, q(ind.cap));
    // §6 得分相加，再限制在 [0, 指标分值] 内
    score = max(score, ZERO);
    if (top) score = min(score, top);
    const contribution = ind.weight ? mul(score, q(ind.weight)) : score;
    return { ...base, score, contribution };
  }

  /** §4: the indicator's subjects read as 0／否 (its materials stay as they are). */
  function zeroed(ind: IndicatorAst, values: Map<string, Value>): Map<string, Value> {
    const copy = new Map(values);
    for (const rule of ind.rules) {
      for (const s of rule.subjects) {
        const v = copy.get(s.text);
        if (Array.isArray(v)) throw new Unsupported("需提供 on an indicator scored by 取值／清单");
        if (v !== undefined) copy.set(s.text, ZERO);
      }
    }
    for (const d of derivedInputs) if (ind.rules.some((r) => r.subjects.some((s) => s.text === d.name.text))) copy.set(d.name.text, ZERO);
    return copy;
  }

  /** One sentence (§6): its clauses, joined as the reference says. */
  function scoreRule(rule: RuleAst, values: Map<string, Value>, top: Fraction | undefined): Fraction {
    // §4 句末（需提供 X）: 未提供时只有这一句视为无
    for (const c of rule.clauses) if (c.kind === "requires" && c.names.some((n) => !truthy(values.get(n.text)))) return ZERO;
    // §6.10 选其一: the filled-in alternative
    const subject = rule.subjects.map((s) => s.text).find((n) => values.get(n) !== undefined) ?? rule.subjects[0]!.text;
    const raw = values.get(subject);
    const labels = Array.isArray(raw) ? raw : undefined;
    const x: Fraction = Array.isArray(raw) ? ZERO : (raw ?? ZERO);
    const input = inputs.get(subject);
    const reading = rule.clauses.find((c) => c.kind === "reading")?.reading ?? "floor";
    const clauses = rule.clauses;
    let gets: Fraction | undefined; // §6.7 「得」: the highest satisfied band
    let lastBand: ConditionAst | undefined;
    let adds = ZERO; // §6.7 「加」: added one by one
    let atMost: Fraction | undefined;
    for (let k = 0; k < clauses.length; k++) {
      const c = clauses[k]!;
      switch (c.kind) {
        case "award": {
          const next = clauses[k + 1];
          if (next?.kind === "stepLess") {
            // §6.2 达A得P分，每少S减Q分: below A, Q per full step short (default reading), never below 0
            const target = single(c.condition);
            const p = q(c.points);
            let v: Fraction;
            if (meets(c.condition!, x)) v = p;
            else {
              const short = div(sub(target, x), q(next.step));
              const steps = reading === "floor" ? floor(short) : reading === "ceil" ? ceil(short) : short;
              v = max(sub(p, mul(steps, q(next.points))), ZERO);
            }
            gets = gets === undefined ? v : max(gets, v);
            k++;
            break;
          }
          if (labels) throw new Unsupported("a band on a 取值／清单 input");
          // §6.4 条件得分 on a yes/no input; §6.11 「或 另一输入 条件」: the band is met by either input
          const ok = (c.condition ? meets(c.condition, x) : truthy(x)) || c.alternatives.some((a) => meetsValue(a.condition, values.get(a.subject.text)));
          // §6.7 不得分: a band of 0 points; 扣N分: a deduction
          if (c.verb === "get" || c.verb === "none") gets = ok ? (gets === undefined ? q(c.points) : max(gets, q(c.points))) : (gets ?? ZERO);
          else if (ok) adds = c.verb === "deduct" ? sub(adds, q(c.points)) : add(adds, q(c.points));
          if (c.verb === "get" && c.condition) lastBand = c.condition;
          break;
        }
        case "onBasis": {
          // 在此基础上每增加S加P分: from the threshold of the band before
          const a = single(lastBand);
          if (cmp(x, a) >= 0) adds = add(adds, mul(floor(div(sub(x, a), q(c.step))), q(c.points)));
          break;
        }
        case "values": {
          // §6.13 bands by the value of a 取值 input, or by the items of a 清单 input
          if (!labels || !input) throw new Unsupported("取值 bands on an input that is not 取值／清单");
          const listed = new Set(rule.clauses.flatMap((k) => (k.kind === "values" ? k.values.map((v) => v.text) : [])));
          const matches = (label: string) => (c.otherwise ? !listed.has(label) : c.values.some((v) => v.text === label));
          const points = q(c.points);
          if (input.type === "enum") {
            if (c.per) throw new Unsupported("每项 on a 取值 input");
            const ok = labels.some(matches);
            if (c.verb === "get" || c.verb === "none") gets = ok ? (gets === undefined ? points : max(gets, points)) : (gets ?? ZERO);
            else if (ok) adds = c.verb === "deduct" ? sub(adds, points) : add(adds, points);
          } else {
            if (c.otherwise) throw new Unsupported("其他 on a 清单 input");
            const n = labels.filter(matches).length;
            if (c.per) {
              // 国家级每项加5分 · 大专每名得0.5分: each item of that level (「得」 after 每 is a per-item verb, §6.10)
              if (c.verb === "none") throw new Unsupported("每项 with 不得分");
              const v = mul(floor(div(frac(BigInt(n)), q(c.per))), points);
              adds = c.verb === "deduct" ? sub(adds, v) : add(adds, v);
            } else if (c.verb === "get" || c.verb === "none") gets = n > 0 ? (gets === undefined ? points : max(gets, points)) : (gets ?? ZERO); // 得: the highest level present
            else if (n > 0) adds = c.verb === "deduct" ? sub(adds, points) : add(adds, points); // 加: each level present once
          }
          break;
        }
        case "highestItem":
          // （取最高一项）: with 得 the highest band is taken anyway (§6.13)
          if (rule.clauses.some((k) => k.kind === "values" && k.verb !== "get" && k.verb !== "none")) throw new Unsupported("取最高一项 with 加");
          break;
        case "increments": {
          // §6.7 达到A后每增加S加P分: x ≥ A 时加 P × ⌊(x−A)/S⌋（完整档才计）
          const a = q(c.from.value);
          if (compare(x, c.from.op, a)) {
            const over = div(sub(x, a), q(c.step));
            const steps = reading === "floor" ? floor(over) : reading === "ceil" ? ceil(over) : over;
            adds = add(adds, mul(steps, q(c.points)));
          }
          break;
        }
        case "each": {
          const steps = floor(div(x, q(c.per)));
          if (c.verb === "add") adds = add(adds, mul(steps, q(c.points))); // §6.6 逐项加分
          else {
            // §6.3 逐次扣分: 从指标分值起扣，最低0分
            if (!top) throw new Unsupported("逐次扣分 in an indicator without points");
            adds = add(adds, max(sub(top, mul(steps, q(c.points))), ZERO));
          }
          break;
        }
        case "expert":
        case "discretionary":
          adds = add(adds, x); // §6.5 得分 = 录入的评定分 / 酌情分
          break;
        case "baseline": {
          // §6.9 低于基准值得0分；达到满分值得指标满分；其间按线性计 or 其间得N分
          if (!top) throw new Unsupported("基准值 in an indicator without points");
          const b = q(c.base);
          const f = q(c.full);
          let v: Fraction;
          if (cmp(x, b) < 0) v = ZERO;
          else if (cmp(x, f) >= 0) v = top;
          else if (c.between === "linear") {
            v = div(mul(top, sub(x, b)), sub(f, b));
            v = roundHalfUp(v, precision ?? 2); // §1 精度: 线性插值四舍五入，默认2位
          } else v = q(c.between);
          adds = add(adds, v);
          break;
        }
        case "atMost":
          atMost = q(c.points); // §6.8 最多N分 限制本句合计
          break;
        case "stepLess":
          throw new Unsupported("每少 without a preceding 达A得P");
        case "reading":
        case "requires":
          break;
        default:
          assertNever(c);
      }
    }
    let sum = add(gets ?? ZERO, adds);
    if (atMost) sum = min(sum, atMost);
    return sum;
  }

  function holds(p: Predicate, values: Map<string, Value>, book: ScoreBook | undefined): boolean {
    // a name that is not an input (or is marked 得分) is a score: of a 类别, 大类 or 指标
    const valueOf = (name: string, score: boolean): Value => {
      if (!score && inputs.has(name)) return values.get(name);
      if (!book) throw new Unsupported("a score condition where scores are not known");
      const v = book.of(name);
      if (v === undefined) throw new Unsupported(`unknown score item ${name}`);
      return v;
    };
    switch (p.kind) {
      // 若 A或B: a yes/no input, or any of several; 若 X 低于N: a comparison
      case "flags":
        return p.subjects.some((s) => truthy(values.get(s.text)));
      case "compare": {
        // §10 （培训类平台 不少于500人次）: the threshold of the first kind the platform is
        const override = p.overrides.find((o) => applies(o, values));
        return meetsValue(override ? override.condition : p.condition, valueOf(p.subject.text, p.score));
      }
      case "quantified": {
        const each = (s: { text: string }) => meetsValue(p.condition, valueOf(s.text, p.score));
        return p.quantifier === "all" ? p.subjects.every(each) : p.subjects.some(each);
      }
      case "total":
        if (!book) throw new Unsupported("总分 where scores are not known");
        return meets(p.condition, book.total);
      case "is": {
        const v = values.get(p.subject.text);
        if (inputs.get(p.subject.text)?.type !== "enum" || !Array.isArray(v)) throw new Unsupported("为 on an input that is not 取值");
        return p.values.some((x) => x.text === v[0]);
      }
      case "and":
        return p.operands.every((o) => holds(o, values, book));
      case "or":
        return p.operands.some((o) => holds(o, values, book));
    }
  }

  /** §10: an override applies to platforms of its kind — a yes/no input that is 是, or one value of a 取值 input. */
  function applies(o: OverrideAst, values: Map<string, Value>): boolean {
    if (o.values.length > 0) {
      const v = values.get(o.when.text);
      if (!Array.isArray(v)) throw new Unsupported(`override on ${o.when.text}, not a 取值 input`);
      return o.values.some((x) => x.text === v[0]);
    }
    const input = inputs.get(o.when.text);
    if (input?.type === "yesno") return truthy(values.get(o.when.text));
    const owners = entered.filter((i) => i.type === "enum" && i.values.some((v) => v.text === o.when.text));
    if (owners.length !== 1) throw new Unsupported(`override kind ${o.when.text}: ${owners.length} 取值 inputs have it`);
    const v = values.get(owners[0]!.name.text);
    return Array.isArray(v) && v[0] === o.when.text;
  }

  function readValue(input: InputAst, raw: string, optional: boolean): Value {
    const name = input.name.text;
    if (input.type === "text") return undefined;
    if (input.panel) throw new Unsupported("评分 by several experts");
    if (raw === "") {
      if (optional) return undefined;
      throw new DataError(name, `缺少「${name}」的数据`);
    }
    // §2 取值: one of the listed values; 清单: items joined by 「、」, each a listed value, or 「无」
    const allowed = new Set(input.values.map((v) => v.text));
    if (input.type === "enum") {
      if (!allowed.has(raw)) throw new DataError(name, `「${name}」应为所列取值之一`);
      return [raw];
    }
    if (input.type === "list") {
      if (raw === "无") return [];
      const items = raw.split("、").map((x) => x.trim());
      if (items.some((x) => !allowed.has(x))) throw new DataError(name, `「${name}」的每一项应为所列取值之一`);
      return items;
    }
    if (input.kind === "evidence" || input.type === "yesno") {
      if (YES.has(raw)) return frac(1n);
      if (NO.has(raw)) return ZERO;
      throw new DataError(name, `「${name}」应为是或否`);
    }
    const v = parseDecimal(raw);
    if (!v) throw new DataError(name, `「${name}」应为数字`);
    if (input.type === "count" && !isInteger(v)) throw new DataError(name, `「${name}」应为整数`);
    checkRange(input, v);
    return v;
  }

  /** §2 默认范围: 计数、金额、数值 0 及以上；百分比 0～100；评分 须写范围；「范围」改之. */
  function checkRange(input: InputAst, v: Fraction): void {
    const name = input.name.text;
    const lo = input.low ? q(input.low) : ZERO;
    const hi = input.high ? q(input.high) : input.type === "percent" ? HUNDRED : undefined;
    if (input.type === "score" && (!input.low || !input.high)) throw new Unsupported(`评分 input ${name} without a range`);
    if (cmp(v, lo) < 0 || (hi && cmp(v, hi) > 0)) throw new DataError(name, `「${name}」超出范围`);
  }

  function evalExpr(e: Expr, values: Map<string, Value>): Fraction {
    switch (e.kind) {
      case "number":
        return dec(e.value);
      case "ref": {
        const v = values.get(e.name.text);
        if (v === undefined) throw new DataError(e.name.text, `缺少「${e.name.text}」的数据`);
        if (Array.isArray(v)) throw new Unsupported("取值／清单 in a derived expression");
        return v;
      }
      case "neg":
        return neg(evalExpr(e.operand, values));
      case "binary": {
        const l = evalExpr(e.left, values);
        const r = evalExpr(e.right, values);
        if (e.op === "+") return add(l, r);
        if (e.op === "-") return sub(l, r);
        if (e.op === "*") return mul(l, r);
        if (r.n === 0n) throw new DataError(exprName(e.right), "除数为0");
        return div(l, r);
      }
      default:
        return assertNever(e);
    }
  }

  return { ast, entered, derivedInputs, chooseOneGroups, optionGroups, evaluate };
}

/** §6.12: the entered inputs behind each option's sentences that no other option reads. */
function optionsOf(ind: IndicatorAst, inputs: Map<string, InputAst>): { label: string; own: string[] }[] {
  const reads = new Map<string, Set<string>>();
  for (const r of ind.rules) {
    if (!r.option) continue;
    const set = reads.get(r.option.text) ?? new Set<string>();
    for (const s of r.subjects) for (const n of enteredOf(inputs.get(s.text)!, inputs)) set.add(n);
    for (const c of r.clauses) if (c.kind === "award") for (const a of c.alternatives) for (const n of enteredOf(inputs.get(a.subject.text)!, inputs)) set.add(n);
    reads.set(r.option.text, set);
  }
  const out = [...reads].map(([label, set]) => ({ label, own: [...set].filter((n) => ![...reads].some(([other, s]) => other !== label && s.has(n))) }));
  for (const o of out) if (o.own.length === 0) throw new Unsupported(`选项（${o.label}） without inputs of its own`);
  return out;
}

/** The entered inputs an input is computed from (itself when entered). */
function enteredOf(input: InputAst, inputs: Map<string, InputAst>): string[] {
  if (input.kind !== "derived") return [input.name.text];
  const names: string[] = [];
  const walk = (e: Expr): void => {
    if (e.kind === "ref") names.push(...enteredOf(inputs.get(e.name.text)!, inputs));
    else if (e.kind === "neg") walk(e.operand);
    else if (e.kind === "binary") {
      walk(e.left);
      walk(e.right);
    }
  };
  walk(input.expression!);
  return [...new Set(names)];
}

function checkSupported(ind: IndicatorAst, inputs: Map<string, InputAst>): void {
  if (ind.weight && ind.scale && !eq(q(ind.scale), HUNDRED)) throw new Unsupported(`weighted indicator on a scale other than 100: ${ind.name.text}`);
  for (const rule of ind.rules) {
    for (const s of rule.subjects) if (!inputs.has(s.text)) throw new Unsupported(`unknown subject ${s.text}`);
    const kinds = rule.clauses.map((c) => c.kind);
    if (kinds.includes("reading") && !kinds.includes("stepLess") && !kinds.includes("increments")) throw new Unsupported("档位读法 without a step");
  }
}

/** §6.1 Civil Code art. 1259: 以上/不低于… ≥, 以下/不超过… ≤, 超过/高于 >, 不足/低于 <; 「～」 both ends included. */
export function meets(c: ConditionAst, x: Fraction): boolean {
  // §6.1 区间两端都含，除非写明（不含）
  if (c.kind === "between") return (c.lowClosed ? cmp(x, q(c.low)) >= 0 : cmp(x, q(c.low)) > 0) && (c.highClosed ? cmp(x, q(c.high)) <= 0 : cmp(x, q(c.high)) < 0);
  return c.comparisons.every((k: Comparison) => compare(x, k.op, q(k.value)));
}

function compare(x: Fraction, op: ">=" | "<=" | ">" | "<", n: Fraction): boolean {
  const c = cmp(x, n);
  return op === ">=" ? c >= 0 : op === "<=" ? c <= 0 : op === ">" ? c > 0 : c < 0;
}

/** A condition on a value that may be missing (never met) or a 取值 (refused: 取值 are compared with 为). */
function meetsValue(c: ConditionAst, v: Value): boolean {
  if (Array.isArray(v)) throw new Unsupported("a comparison on a 取值／清单 input");
  return v !== undefined && meets(c, v);
}

/** The threshold A of 「达A得P分」 (a single lower bound). */
function single(c: ConditionAst | undefined): Fraction {
  if (!c || c.kind !== "compare" || c.comparisons.length !== 1 || c.comparisons[0]!.op !== ">=") throw new Unsupported("每少 after a band that is not 「达A」");
  return q(c.comparisons[0]!.value);
}

function truthy(v: Value): boolean {
  if (Array.isArray(v)) throw new Unsupported("a 取值／清单 input read as 是／否");
  return v !== undefined && v.n !== 0n;
}

export function q(x: Quantity): Fraction {
  return dec(x.value);
}

function precisionOf(text: string): number {
  const m = /^保留\s*(\d+)\s*位小数$/.exec(text.trim());
  if (!m) throw new Unsupported(`精度 wording: ${text}`);
  return Number(m[1]);
}

function hasDivision(e: Expr): boolean {
  if (e.kind === "binary") return e.op === "/" || hasDivision(e.left) || hasDivision(e.right);
  if (e.kind === "neg") return hasDivision(e.operand);
  return false;
}

function exprName(e: Expr): string {
  return e.kind === "ref" ? e.name.text : "除数";
}

function assertNever(x: never): never {
  throw new Unsupported(`unknown node ${JSON.stringify(x)}`);
}

export type { Clause };
