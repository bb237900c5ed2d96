/**
 * The JSON shapes every front end of the CLI prints — `score --json`/`--jsonl`, `explain --json`,
 * and the HTTP service — built in one place from the core's Verdict and Explanation, and
 * described by the JSON Schemas in schema.ts (a test validates the CLI's output against them).
 */
import type { CategoryResult, Diagnostic, Explanation, Verdict } from "@zhunsheng/core";

/** A category's (or bonus group's) subtotal. */
export interface CategoryJson {
  name: string;
  kind: CategoryResult["kind"];
  score: string;
  max: string;
}

/**
 * An indicator's score. `name` and `category` say which one it is (a name may contain 「/」, so
 * `path` = 「类别/指标」 alone could be read two ways); `path` is the key the explanation and the
 * language service use.
 */
export interface IndicatorJson {
  path: string;
  name: string;
  category: string;
  score: string | null;
  max: string;
  weight?: string;
}

export interface VerdictJson {
  platform: string;
  /** Where the platform is in the data: the line of a CSV file, the element (1-based) of a JSON array or a posted batch. */
  row?: number;
  total: string | null;
  grade: string | null;
  eligible: boolean | null;
  vetoed?: string;
  relaxed?: string[];
  categories: CategoryJson[];
  indicators: IndicatorJson[];
  errors: { field: string; message: string }[];
}

export interface ExplanationJson {
  label: string;
  text: string;
  score?: string;
  max?: string;
  children: ExplanationJson[];
}

export interface DiagnosticJson {
  file?: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: string;
  code: string;
  message: string;
  /** The preferred quick fix, as the editor offers it: replace each range by its text. */
  fix?: FixJson;
}

export interface FixJson {
  title: string;
  edits: { line: number; column: number; endLine: number; endColumn: number; newText: string }[];
}

/** Decimal strings stay strings: 4.05 is "4.05", never 4.050000000000001. */
export function verdictJson(v: Verdict, fallbackName: string, row?: number): VerdictJson {
  return {
    platform: v.platform ?? fallbackName,
    ...(row !== undefined ? { row } : {}),
    total: v.total,
    grade: v.grade,
    eligible: v.eligible,
    ...(v.vetoed ? { vetoed: v.vetoed } : {}),
    ...(v.relaxed ? { relaxed: v.relaxed } : {}),
    categories: v.categories.map((c) => ({ name: c.name, kind: c.kind, score: c.score, max: c.max })),
    indicators: v.indicators.map((x) => ({ path: x.path, name: x.name, category: x.category, score: x.score, max: x.max, ...(x.weight !== undefined ? { weight: x.weight } : {}) })),
    errors: v.errors.map((e) => ({ field: e.field, message: e.message })),
  };
}

const q = JSON.stringify;

/**
 * The JSON text of `verdictJson(v, fallbackName, row)` — the same characters as JSON.stringify
 * of it — written without building the object: the parts that are the same for every platform
 * (an indicator's path, name, category, maximum and weight; a category's name) are quoted once
 * and reused by position, so a million rows cost a string per varying value, not an object graph
 * per row.
 */
export function createVerdictText(): (v: Verdict, fallbackName: string, row?: number) => string {
  const indicatorParts: { path: string; name: string; category: string; max: string; weight: string | undefined; head: string; tail: string }[] = [];
  const categoryParts: { name: string; kind: string; max: string; head: string; tail: string }[] = [];
  return (v, fallbackName, row) => {
    let s = `{"platform":${q(v.platform ?? fallbackName)}`;
    if (row !== undefined) s += `,"row":${row}`;
    s += `,"total":${q(v.total)},"grade":${q(v.grade)},"eligible":${v.eligible === null ? "null" : v.eligible}`;
    if (v.vetoed) s += `,"vetoed":${q(v.vetoed)}`;
    if (v.relaxed) s += `,"relaxed":${q(v.relaxed)}`;
    s += `,"categories":[`;
    for (let k = 0; k < v.categories.length; k++) {
      const c = v.categories[k]!;
      let p = categoryParts[k];
      if (!p || p.name !== c.name || p.kind !== c.kind || p.max !== c.max) {
        p = { name: c.name, kind: c.kind, max: c.max, head: `{"name":${q(c.name)},"kind":${q(c.kind)},"score":`, tail: `,"max":${q(c.max)}}` };
        categoryParts[k] = p;
      }
      s += (k === 0 ? "" : ",") + p.head + q(c.score) + p.tail;
    }
    s += `],"indicators":[`;
    for (let k = 0; k < v.indicators.length; k++) {
      const x = v.indicators[k]!;
      let p = indicatorParts[k];
      if (!p || p.path !== x.path || p.name !== x.name || p.category !== x.category || p.max !== x.max || p.weight !== x.weight) {
        p = {
          path: x.path,
          name: x.name,
          category: x.category,
          max: x.max,
          weight: x.weight,
          head: `{"path":${q(x.path)},"name":${q(x.name)},"category":${q(x.category)},"score":`,
          tail: `,"max":${q(x.max)}${x.weight !== undefined ? `,"weight":${q(x.weight)}` : ""}}`,
        };
        indicatorParts[k] = p;
      }
      s += (k === 0 ? "" : ",") + p.head + (x.score === null ? "null" : q(x.score)) + p.tail;
    }
    s += `],"errors":${v.errors.length === 0 ? "[]" : q(v.errors.map((e) => ({ field: e.field, message: e.message })))}}`;
    return s;
  };
}

export function explanationJson(e: Explanation): ExplanationJson {
  return {
    label: e.label,
    text: e.text,
    ...(e.score !== undefined ? { score: e.score } : {}),
    ...(e.max !== undefined ? { max: e.max } : {}),
    children: e.children.map(explanationJson),
  };
}

export function diagnosticJson(d: Diagnostic, file?: string): DiagnosticJson {
  return {
    ...(file !== undefined ? { file } : {}),
    line: d.range.start.line,
    column: d.range.start.column,
    endLine: d.range.end.line,
    endColumn: d.range.end.column,
    severity: d.severity,
    code: d.code,
    message: d.message,
    ...(d.fix
      ? {
          fix: {
            title: d.fix.title,
            edits: d.fix.edits.map((e) => ({ line: e.range.start.line, column: e.range.start.column, endLine: e.range.end.line, endColumn: e.range.end.column, newText: e.newText })),
          },
        }
      : {}),
  };
}

/** The name of the n-th platform (1-based) when the data has no name column. */
export const unnamedPlatform = (n: number) => `第${n}个平台`;

/** A platform whose row could not be read (it does not line up with the header…): no score, the reasons as errors. */
export function unreadableRowJson(platform: string, row: number | undefined, problems: readonly { column?: string; message: string }[]): VerdictJson {
  return {
    platform,
    ...(row !== undefined ? { row } : {}),
    total: null,
    grade: null,
    eligible: null,
    categories: [],
    indicators: [],
    errors: problems.map((e) => ({ field: e.column ?? "", message: e.message })),
  };
}
