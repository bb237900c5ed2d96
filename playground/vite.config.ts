import { defaultClientConditions, defineConfig } from "vite";

export default defineConfig({
  base: "./",
  // the workspace packages are read from their TypeScript sources (their export maps' source
  // condition, as in tsconfig and vitest), so the workbench needs no build of them first
  resolve: { conditions: ["@zhunsheng/source", ...defaultClientConditions] },
  worker: { format: "es" },
  // Pre-bundle at start-up everything the workers and the lazily loaded views import, so the dev
  // server never discovers a dependency on first use (the first DOCX export used to make Vite
  // re-optimise and reload the page, losing the panels' state). The scanner does not follow
  // new Worker(new URL(...)), hence the worker files as entries and the office libraries named.
  optimizeDeps: {
    entries: ["index.html", "src/worker/*.ts", "src/components/*.ts"],
    include: ["docx", "exceljs", "chevrotain", "fflate", "idb", "lit", "lit/decorators.js", "echarts/core", "echarts/charts", "echarts/components", "echarts/renderers"],
  },
  build: {
    target: "es2022",
    // Monaco's core is one large chunk by nature; the budget is checked by the size report instead
    chunkSizeWarningLimit: 4000,
  },
  server: { port: 5173 },
  preview: { port: 4173 },
});
