/** What the commands share: a rubric read and analysed once, refused with its errors when it cannot be scored. */
import { analyze, type Analysis, type Diagnostic, type Rubric, type Scorer } from "@zhunsheng/core";
import { CliError, displayName, EXIT, readText, type Io } from "../io.ts";
import { diagnosticLine } from "../render.ts";

export interface LoadedRubric {
  path: string;
  text: string;
  analysis: Analysis;
  rubric: Rubric;
  /** The analysis's compiled scorer: one compilation per rubric. */
  scorer: Scorer;
}

/** Errors that stop scoring, as the core decides (every error except failing cases, ZS4xxx). */
export function blockingErrors(analysis: Analysis): Diagnostic[] {
  return analysis.scoring.scorable ? [] : analysis.scoring.blocking;
}

/** Reads and analyses a rubric; prints its blocking errors and throws (exit 1) when it cannot be scored. */
export async function loadRubric(path: string, io: Io): Promise<LoadedRubric> {
  const text = await readText(path, io);
  const name = displayName(path);
  const analysis = analyze(text, name);
  // the core's one decision on whether a rubric can be scored
  if (!analysis.scoring.scorable) {
    for (const d of analysis.scoring.blocking) io.stderr.write(diagnosticLine(name, d) + "\n");
    throw new CliError(`${name}：${analysis.scoring.reason}`, EXIT.findings);
  }
  return { path, text, analysis, rubric: analysis.rubric!, scorer: analysis.scoring.scorer };
}

/** The analysis's compiled scorer (the one the checks ran on): one compilation per rubric. */
export function scorerOf(loaded: LoadedRubric): Scorer {
  return loaded.scorer;
}
