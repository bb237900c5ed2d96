/**
 * What one fuzz input must satisfy: the analysis, the formatter, the language service and (when
 * the rubric can be scored) the scorer never throw; scores and explanations never show NaN or
 * Infinity; a formatted rubric reads as before; and a breaking mutation is reported.
 */
import { analyze, format, type Analysis } from "../../packages/core/src/index.ts";
import {
  complete,
  createDocument,
  documentSymbols,
  foldingRanges,
  formatDocument,
  hover,
  semanticTokens,
} from "../../packages/language-service/src/index.ts";
import { random, type Expectation, type FuzzInput } from "./inputs.ts";

export type FindingKind = "throw" | "hang" | "crash" | "silent" | "differs" | "nonsense";

export interface Finding {
  kind: FindingKind;
  /** One line: what went wrong (the error's first line, or the broken law). */
  message: string;
  /** Where (the top frames of the stack), for grouping and for the owner. */
  where?: string;
}

const codes = (a: Analysis) =>
  a.diagnostics
    .map((d) => d.code)
    .sort()
    .join(",");

function unmet(a: Analysis, e: Expectation): string | undefined {
  switch (e.kind) {
    case "error":
      return a.diagnostics.some((d) => d.severity === "error") ? undefined : `没有报告错误：${e.reason}`;
    case "problem":
      return a.diagnostics.some((d) => d.severity === "error" || d.severity === "warning") ? undefined : `没有报告错误或警告：${e.reason}`;
    case "same-as": {
      const other = codes(analyze(e.text));
      return other === codes(a) ? undefined : `${e.reason}，诊断却不同：${codes(a) || "（无）"} ≠ ${other || "（无）"}`;
    }
  }
}

const NONSENSE = /NaN|Infinity|undefined|\[object Object\]/;

/** Scores a few records: empty, zeros, and values drawn from the rubric's own numbers. */
function score(a: Analysis, text: string, seed: number): string | undefined {
  const scorer = a.scorer;
  if (!scorer || a.diagnostics.some((d) => d.severity === "error")) return undefined;
  const r = random(seed);
  const numbers = text.match(/[0-9]+(?:\.[0-9]+)?/g) ?? ["0"];
  const records: Record<string, unknown>[] = [{}, {}, {}];
  for (const input of scorer.inputs) {
    records[1]![input.name] = input.type === "yesno" ? "否" : "0";
    records[2]![input.name] = input.type === "yesno" ? (r() < 0.5 ? "是" : "否") : numbers[Math.floor(r() * numbers.length)];
  }
  for (const record of records) {
    const verdict = JSON.stringify(scorer.score(record));
    if (NONSENSE.test(verdict)) return `评分结果含有 ${NONSENSE.exec(verdict)![0]}：${verdict.slice(0, 200)}`;
    const explanation = JSON.stringify(scorer.explain(record));
    if (NONSENSE.test(explanation)) return `得分说明含有 ${NONSENSE.exec(explanation)![0]}：${explanation.slice(NONSENSE.exec(explanation)!.index - 80, NONSENSE.exec(explanation)!.index + 40)}`;
  }
  return undefined;
}

/** The formatter's laws on a rubric without errors: idempotent, and the result has no errors either. */
function formatLaw(a: Analysis, text: string): string | undefined {
  if (a.diagnostics.some((d) => d.severity === "error")) return undefined;
  const once = format(text);
  if (once.diagnostics.length > 0) return undefined;
  const twice = format(once.text);
  if (twice.text !== once.text) return "排版不幂等：fmt(fmt(x)) ≠ fmt(x)";
  const after = analyze(once.text);
  if (after.diagnostics.some((d) => d.severity === "error")) return `排版后出现错误：${after.diagnostics.find((d) => d.severity === "error")!.message}`;
  return undefined;
}

/** The editor features at a few offsets. */
function editorFeatures(text: string, seed: number): void {
  const doc = createDocument(text);
  const r = random(seed);
  semanticTokens(doc);
  foldingRanges(doc);
  documentSymbols(doc);
  formatDocument(doc);
  for (let i = 0; i < 3; i++) {
    const offset = Math.floor(r() * (text.length + 1));
    hover(doc, offset);
    complete(doc, offset);
  }
}

function frames(e: unknown): string | undefined {
  const stack = e instanceof Error ? e.stack : undefined;
  if (!stack) return undefined;
  return stack
    .split("\n")
    .slice(1, 5)
    .map((l) => l.trim().replace(/(?:file:\/\/)?\/[^\s()]*?\/(packages|grammar|test|node_modules)\//, "$1/"))
    .join(" ← ");
}

/** Checks one input; `deep` adds the formatter's laws, the editor features and scoring. */
export function examine(input: FuzzInput, seed: number, deep: boolean): Finding | undefined {
  try {
    const a = analyze(input.text);
    if (input.expect) {
      const problem = unmet(a, input.expect);
      if (problem) return { kind: input.expect.kind === "same-as" ? "differs" : "silent", message: problem };
    }
    if (!deep) return undefined;
    const law = formatLaw(a, input.text);
    if (law) return { kind: "differs", message: law };
    editorFeatures(input.text, seed);
    const nonsense = score(a, input.text, seed);
    if (nonsense) return { kind: "nonsense", message: nonsense };
    return undefined;
  } catch (e) {
    const message = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    return { kind: "throw", message: message.split("\n")[0]!.slice(0, 300), where: frames(e) };
  }
}
