/**
 * The built CLI run as a process, the way a user or a CI script meets it — shared by the
 * test/cli files that spawn it (the build itself is test/build.setup.ts's).
 */
import { spawnSync, type SpawnSyncOptions } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "vitest";

export const bin = new URL("../../packages/cli/bin/zhunsheng.js", import.meta.url).pathname;

/** A fresh folder holding the given files (names may contain folders). */
export function workspace(files: Record<string, string | Uint8Array> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), "zs-cli-"));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(dir, name, ".."), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

/** `zhunsheng …args` in `cwd`: exit code, stdout and stderr. */
export function zs(args: string[], cwd: string, options: SpawnSyncOptions = {}) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: "utf8", ...options });
  return { code: r.status, out: String(r.stdout ?? ""), err: String(r.stderr ?? "") };
}

/** Nothing that looks like a stack trace or a number that is no number. */
export function expectNoCrash(text: string) {
  expect(text).not.toMatch(/\n\s+at |Error:|node:internal|Infinity|NaN|undefined/);
}

/** One line on stderr, in Chinese, and nothing that looks like a stack trace. */
export function expectOneLine(err: string, pattern: RegExp) {
  expect(err.trimEnd()).toMatch(pattern);
  expect(err.trim().split("\n")).toHaveLength(1);
  expect(err).not.toMatch(/\n\s+at |Error:|node:internal/);
}
