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
  // the language server speaks for the language service; the editor extension only for the server
  "packages/lsp/src": [/@zhunsheng\/(cli|publish)|^zhunsheng$/, /playground\//, /monaco-editor/, /^lit/],
  "packages/vscode/src": [/@zhunsheng\//, /^zhunsheng$/, /^packages\/(?!vscode\/)/, /playground\//, /monaco-editor/, /^lit/],
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
  // data files sit below everything: no workspace package, and Node only in src/node/ (the workbench imports the rest)
  "packages/data/src": [/@zhunsheng\//, /^packages\/(?!data\/)/, /^grammar\//, /playground\//, /monaco-editor/, /^lit/],
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
  it("packages/data/src uses Node only in src/node/", () => {
    const violations = sourceFiles(join(root, "packages/data/src"))
      .filter((f) => !relative(root, f).startsWith("packages/data/src/node/"))
      .filter((f) => [...readFileSync(f, "utf8").matchAll(IMPORT)].some((m) => (m[1] ?? m[2]!).startsWith("node:")))
      .map((f) => relative(root, f));
    expect(violations).toEqual([]);
  });

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

/** Relative imports between the files of one package, as a graph. */
function importGraph(dir: string): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles(join(root, dir))) {
    const text = readFileSync(file, "utf8");
    const deps: string[] = [];
    for (const m of text.matchAll(IMPORT)) {
      const spec = m[1] ?? m[2]!;
      // type-only imports vanish at run time but still tangle the stages: they count too
      if (spec.startsWith(".")) deps.push(relative(root, join(file, "..", spec)));
    }
    graph.set(relative(root, file), deps);
  }
  return graph;
}

/** One cycle of the graph, as a path, or undefined. */
function findCycle(graph: Map<string, string[]>): string[] | undefined {
  const state = new Map<string, 1 | 2>();
  const stack: string[] = [];
  const visit = (n: string): string[] | undefined => {
    state.set(n, 1);
    stack.push(n);
    for (const d of graph.get(n) ?? []) {
      if (state.get(d) === 1) return [...stack.slice(stack.indexOf(d)), d];
      if (state.get(d) === undefined) {
        const c = visit(d);
        if (c) return c;
      }
    }
    stack.pop();
    state.set(n, 2);
    return undefined;
  };
  for (const n of graph.keys()) {
    if (state.get(n) === undefined) {
      const c = visit(n);
      if (c) return c;
    }
  }
  return undefined;
}

describe("stages only run forward", () => {
  it("packages/core/src has no import cycle between files", () => {
    expect(findCycle(importGraph("packages/core/src"))).toBeUndefined();
  });
  it("packages/core/src has no import cycle between stages (folders: binder, checker, evaluator, …)", () => {
    const stageOf = (f: string) => f.replace(/^packages\/core\/src\//, "").split("/")[0]!;
    const stages = new Map<string, string[]>();
    for (const [file, deps] of importGraph("packages/core/src")) {
      const from = stageOf(file);
      const list = stages.get(from) ?? [];
      for (const d of deps) if (stageOf(d) !== from && !list.includes(stageOf(d))) list.push(stageOf(d));
      stages.set(from, list);
    }
    expect(findCycle(stages)).toBeUndefined();
  });
});
