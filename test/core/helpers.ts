import { analyze, compile, type Diagnostic, type Rubric, type Verdict } from "../../packages/core/src/index.ts";

/** A small rubric around one indicator; `inputs` and `body` are .zs text. */
export function rubricText(inputs: string, body: string, extra = ""): string {
  return `评价体系 测试体系\n输入\n${inputs}\n${body}\n${extra}\n`;
}

export function load(text: string): { rubric: Rubric; diagnostics: Diagnostic[] } {
  const a = analyze(text, "test.zs");
  if (!a.rubric) throw new Error("no rubric");
  return { rubric: a.rubric, diagnostics: a.diagnostics };
}

export function errorsOf(text: string): Diagnostic[] {
  return analyze(text, "test.zs").diagnostics.filter((d) => d.severity === "error");
}

export function codes(text: string): string[] {
  return analyze(text, "test.zs").diagnostics.map((d) => d.code);
}

/** Scores one record; also checks that the generated function and the reference closures give the same verdict. */
export function scoreOf(text: string, record: Record<string, unknown>): Verdict {
  const { rubric } = load(text);
  const scorer = compile(rubric, { dataDigits: 4 });
  const verdict = scorer.score(record);
  const reference = scorer.referenceScore(record);
  if (JSON.stringify(verdict) !== JSON.stringify(reference)) throw new Error(`generated verdict ${JSON.stringify(verdict)} differs from reference ${JSON.stringify(reference)}`);
  return verdict;
}

export function indicatorScore(text: string, record: Record<string, unknown>, name: string): string | null | undefined {
  return scoreOf(text, record).indicators.find((i) => i.name === name)?.score;
}
