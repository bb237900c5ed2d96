/**
 * The rubrics a service answers for: every `.zs` file under the rules folder, read once at
 * start and analysed (never written, never re-read: the service is read-only on the folder).
 * A rubric's id is its path inside the folder without `.zs`; its version is the SHA-256 of
 * its text, so a system that stored a score knows which text gave it.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { basename, relative, resolve } from "node:path";
import { analyze, type Analysis, type Rubric, type Scorer } from "@zhunsheng/core";
import { collectRubricFiles } from "../files.ts";
import { CliError, decodeRubricText, EXIT, ioMessage } from "../io.ts";
import { blockingErrors } from "../commands/common.ts";
import { diagnosticJson, type DiagnosticJson } from "../results.ts";

export interface CatalogueEntry {
  id: string;
  file: string;
  /** sha256 of the text, hex. */
  version: string;
  analysis: Analysis;
  /** Present when the rubric can be scored (no error except failing cases). */
  scorer?: Scorer;
  rubric?: Rubric;
  /** Why it cannot be scored: its blocking errors. */
  blocking: DiagnosticJson[];
}

export interface Catalogue {
  folder: string;
  entries: Map<string, CatalogueEntry>;
  /** Paths that could not be read, one line each. */
  problems: string[];
}

export function loadCatalogue(folder: string, cwd: string): Catalogue {
  const { files, problems } = collectRubricFiles([folder], cwd);
  const root = resolve(cwd, folder);
  const entries = new Map<string, CatalogueEntry>();
  for (const f of files) {
    let text: string;
    try {
      text = decodeRubricText(readFileSync(f.path), f.name);
    } catch (e) {
      problems.push(e instanceof CliError ? e.message : ioMessage(e, f.name));
      continue;
    }
    const id = (relative(root, f.path) || basename(f.path)).replace(/\\/g, "/").replace(/\.zs$/, "");
    const analysis = analyze(text, f.name);
    // the core's one decision on whether a rubric can be scored
    const blocking = blockingErrors(analysis);
    entries.set(id, {
      id,
      file: f.name,
      version: createHash("sha256").update(text).digest("hex"),
      analysis,
      ...(analysis.rubric ? { rubric: analysis.rubric } : {}),
      ...(analysis.scoring.scorable ? { scorer: analysis.scoring.scorer } : {}),
      blocking: blocking.map((d) => diagnosticJson(d)),
    });
  }
  if (entries.size === 0 && problems.length === 0) throw new CliError(`没有找到评价体系文件（.zs）：${folder}`, EXIT.findings);
  return { folder, entries, problems };
}
