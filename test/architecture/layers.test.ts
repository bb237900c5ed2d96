/**
 * The pipeline's layers may import only layers below them (VS Code's rule, checked here
 * rather than remembered): grammar → core → language-service / publish → cli, playground.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const root = new URL("../../", import.meta.url).pathname;

/** Layer name → the workspace packages (and path prefixes) it must never import. */
const FORBIDDEN: Record<string, RegExp[]> = {
  "grammar/src": [/@zhunsheng\//, /packages\//, /playground\//, /monaco-editor/, /\blit\b/],
  "packages/core/src": [/@zhunsheng\/(cli|language-service|publish)/, /packages\/(cli|language-service|publish)/, /playground\//, /monaco-editor/, /^lit/, /node:/],
  "packages/language-service/src": [/@zhunsheng\/(cli|publish)|^zhunsheng$/, /playground\//, /monaco-editor/, /^lit/, /node:/],
  "packages/publish/src": [/@zhunsheng\/(cli|language-service)|^zhunsheng$/, /playground\//, /monaco-editor/, /^lit/],
  "packages/cli/src": [/playground\//, /monaco-editor/, /^lit/, /@zhunsheng\/language-service/],
};

function sourceFiles(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  return entries.flatMap((e) => {
    const p = join(dir, e);
    return statSync(p).isDirectory() ? sourceFiles(p) : /\.(ts|js)$/.test(e) ? [p] : [];
  });
}

const IMPORT = /(?:import|export)\s[^;]*?from\s+["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;

describe("layering", () => {
  for (const [layer, forbidden] of Object.entries(FORBIDDEN)) {
    it(`${layer} imports nothing above it`, () => {
      const violations: string[] = [];
      for (const file of sourceFiles(join(root, layer))) {
        const text = readFileSync(file, "utf8");
        for (const m of text.matchAll(IMPORT)) {
          const spec = m[1] ?? m[2]!;
          const resolved = spec.startsWith(".") ? relative(root, join(file, "..", spec)) : spec;
          // node: imports are allowed in core only for the grammar generator, which is not in core
          if (forbidden.some((re) => re.test(resolved))) violations.push(`${relative(root, file)} → ${spec}`);
        }
      }
      expect(violations).toEqual([]);
    });
  }
});
