import { defaultClientConditions, defineConfig } from "vite";

export default defineConfig({
  base: "./",
  // the workspace packages are read from their TypeScript sources (their export maps' source
  // condition, as in tsconfig and vitest), so the workbench needs no build of them first
  resolve: { conditions: ["@zhunsheng/source", ...defaultClientConditions] },
  worker: { format: "es" },
  build: {
    target: "es2022",
    // Monaco's core is one large chunk by nature; the budget is checked by the size report instead
    chunkSizeWarningLimit: 4000,
  },
  server: { port: 5173 },
  preview: { port: 4173 },
});
