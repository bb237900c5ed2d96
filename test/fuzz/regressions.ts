/**
 * Every input the fuzz campaign ever failed on is kept in test/fuzz/regressions/: the text as a
 * .zs file, and in index.json what went wrong, whose it is and whether it is still open.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import type { Finding } from "./examine.ts";
import type { Expectation, FuzzInput } from "./inputs.ts";

export interface RegressionEntry {
  file: string;
  family: string;
  expect?: { kind: Expectation["kind"]; reason: string };
  finding: Finding;
  /** "open": still fails today (the regression test expects it to fail until fixed); "fixed": must pass. */
  status: "open" | "fixed";
  /** The workstream that owns the fix (language: lexer/parser; engine: checker/evaluator; editors: language service). */
  owner: string;
}

export const REGRESSIONS = new URL("./regressions/", import.meta.url);
const INDEX = new URL("index.json", REGRESSIONS);

export function readIndex(): RegressionEntry[] {
  return existsSync(INDEX) ? (JSON.parse(readFileSync(INDEX, "utf8")) as RegressionEntry[]) : [];
}

/** The kept inputs with their entries, in index order. */
export function loadRegressions(): { entry: RegressionEntry; input: FuzzInput }[] {
  return readIndex().map((entry) => {
    const text = readFileSync(new URL(entry.file, REGRESSIONS), "utf8");
    const input: FuzzInput = { family: entry.family, text };
    if (entry.expect) {
      input.expect = entry.expect.kind === "same-as" ? { kind: "same-as", reason: entry.expect.reason, text: text.replace(/\r\n?/g, "\n") } : { kind: entry.expect.kind, reason: entry.expect.reason };
    }
    return { entry, input };
  });
}

export const fingerprint = (text: string) => createHash("sha1").update(text).digest("hex").slice(0, 10);

/** Who fixes a finding: read from where it was thrown, or from what was broken. */
export function ownerOf(f: Finding): string {
  const where = f.where ?? "";
  // the parser's recursion runs through chevrotain and lodash: the grammar's
  if (/grammar\/|parser\/|format\.ts|chevrotain|lodash/.test(where)) return "language";
  if (/language-service\//.test(where.split(" ← ")[0] ?? "")) return "editors";
  if (f.kind === "hang") return "language";
  if (f.kind === "differs" && /换行符|排版/.test(f.message)) return "language";
  return "engine";
}

/** Adds an input to the kept ones (once per text); returns the file name. */
export function keep(input: FuzzInput, finding: Finding): string {
  const index = readIndex();
  const file = `${finding.kind}-${fingerprint(input.text)}.zs`;
  if (index.some((e) => e.file === file)) return file;
  writeFileSync(new URL(file, REGRESSIONS), input.text);
  const entry: RegressionEntry = { file, family: input.family, finding, status: "open", owner: ownerOf(finding) };
  if (input.expect) entry.expect = { kind: input.expect.kind, reason: input.expect.reason };
  index.push(entry);
  writeFileSync(INDEX, JSON.stringify(index, null, 2) + "\n");
  return file;
}
