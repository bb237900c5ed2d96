/**
 * The JSON shapes every front end of the CLI prints — `score --json`/`--jsonl`, `explain --json`,
 * and the HTTP service — built in one place from the core's Verdict and Explanation, and
 * described by the JSON Schemas in schema.ts (a test validates the CLI's output against them).
 */
import type { Diagnostic, Explanation, Verdict } from "@zhunsheng/core";

export interface CategoryJson {
  name: string;
  kind: "category" | "bonus" | "deduction";
  score: string;
  max: string;
}

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
  };
}

/** The name of the n-th platform (1-based) when the data has no name column. */
export const unnamedPlatform = (n: number) => `第${n}个平台`;

/** A platform whose row could not be read (it does not line up with the header…): no score, the reasons as errors. */
export function unreadableRowJson(platform: string, row: number | undefined, problems: readonly string[]): VerdictJson {
  return {
    platform,
    ...(row !== undefined ? { row } : {}),
    total: null,
    grade: null,
    eligible: null,
    categories: [],
    indicators: [],
    errors: problems.map((message) => ({ field: "", message })),
  };
}
