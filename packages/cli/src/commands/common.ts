/** What the commands share: a rubric read and analysed once, refused with its errors when it cannot be scored. */
import { analyze, compile, type Analysis, type Diagnostic, type Rubric, type Scorer } from "@zhunsheng/core";
import { CliError, displayName, EXIT, readText, type Io } from "../io.ts";
import { diagnosticLine } from "../render.ts";

export interface LoadedRubric {
  path: string;
  text: string;
  analysis: Analysis;
  rubric: Rubric;
}

/** Errors that stop scoring: every error except failing cases (ZS4xxx), which a rubric can still be scored with. */
export function blockingErrors(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return diagnostics.filter((d) => d.severity === "error" && !d.code.startsWith("ZS4"));
}

/** Reads and analyses a rubric; prints its blocking errors and throws (exit 1) when it cannot be scored. */
export async function loadRubric(path: string, io: Io): Promise<LoadedRubric> {
  const text = await readText(path, io);
  const name = displayName(path);
  const analysis = analyze(text, name);
  const errors = blockingErrors(analysis.diagnostics);
  if (!analysis.rubric || errors.length > 0) {
    for (const d of errors) io.stderr.write(diagnosticLine(name, d) + "\n");
    throw new CliError(`${name}：评价体系有${errors.length}个错误，无法使用`, EXIT.findings);
  }
  return { path, text, analysis, rubric: analysis.rubric };
}

/** The analysis's compiled scorer (the one the checks ran on): one compilation per rubric. */
export function scorerOf(loaded: LoadedRubric): Scorer {
  return loaded.analysis.scorer ?? compile(loaded.rubric);
}
