/**
 * The pipeline's layers may import only layers below them (VS Code's rule, checked here
 * rather than remembered): grammar → core → language-service / publish → cli, playground.
 * Inside the playground: protocol.ts → lib/ → monaco/ → state/ → components/ on the page,
 * and worker/ beside them; the page runs no analysis itself (only type imports of the
 * packages), and the elements reach the workers only through the store's actions.
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
  // the playground, bottom to top
  "playground/src/protocol.ts": [/^lit/, /monaco-editor/, /playground\/src\/(lib|monaco|state|components|worker)\//],
  "playground/src/lib": [/^lit/, /monaco-editor/, /playground\/src\/(monaco|state|components|worker)\//],
  "playground/src/monaco": [/^lit/, /playground\/src\/(state|components|worker)\//],
  "playground/src/state": [/^lit/, /playground\/src\/(components|worker)\//],
  "playground/src/components": [/playground\/src\/worker\//],
  // the workers: no page code; the analysis worker never carries the publish package
  "playground/src/worker": [/^lit/, /monaco-editor/, /^idb$/, /playground\/src\/(monaco|state|components)\//, /playground\/src\/lib\/(?!rpc\.ts$)/],
  "playground/src/worker/analysis-worker.ts": [/@zhunsheng\/publish/],
};

/** Page layers that must not run the engine on the main thread: packages are imported for their types only. */
const TYPES_ONLY = ["playground/src/protocol.ts", "playground/src/lib", "playground/src/monaco", "playground/src/state", "playground/src/components"];

function sourceFiles(dir: string): string[] {
  if (/\.ts$/.test(dir)) return [dir];
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

  it("the workbench's page imports the engine's packages for their types only (all analysis is in the workers)", () => {
    const RUNTIME = /^\s*import\s+(?!type\b)[^;]*?from\s+["'](@zhunsheng\/[^"']+)["']|import\(\s*["'](@zhunsheng\/[^"']+)["']\s*\)/gm;
    const violations: string[] = [];
    for (const layer of TYPES_ONLY) {
      for (const file of sourceFiles(join(root, layer))) {
        for (const m of readFileSync(file, "utf8").matchAll(RUNTIME)) violations.push(`${relative(root, file)} → ${m[1] ?? m[2]}`);
      }
    }
    expect(violations).toEqual([]);
  });

  it("the checks see the playground's files (a renamed folder would pass vacuously)", () => {
    for (const layer of [...Object.keys(FORBIDDEN), ...TYPES_ONLY]) expect(sourceFiles(join(root, layer)).length, layer).toBeGreaterThan(0);
  });
});
