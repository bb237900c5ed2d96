import { defaultClientConditions, defaultServerConditions } from "vite";
import { defineConfig } from "vitest/config";

/**
 * Workspace packages export their TypeScript sources under this condition (tsconfig's
 * customConditions, the workbench's vite config and `tsx --conditions` use it too), so tests
 * run on the sources; only the CLI-as-a-process tests need the built dist/ (globalSetup builds it).
 */
const SOURCE = "@zhunsheng/source";

/**
 * Two projects: the fast unit, property and CLI tests run in parallel; the end-to-end tests
 * run one file at a time afterwards against one production build of the workbench, made and
 * served once by test/e2e/global-setup.ts (which also makes sure Chromium is there).
 */
export default defineConfig({
  resolve: { conditions: [SOURCE, ...defaultClientConditions] },
  ssr: { resolve: { conditions: [SOURCE, ...defaultServerConditions] } },
  test: {
    testTimeout: 120_000,
    hookTimeout: 300_000,
    projects: [
      { extends: true, test: { name: "unit", include: ["test/**/*.test.ts"], exclude: ["test/e2e/**"], globalSetup: ["test/build.setup.ts"] } },
      { extends: true, test: { name: "e2e", include: ["test/e2e/**/*.test.ts"], fileParallelism: false, globalSetup: ["test/e2e/global-setup.ts"] } },
    ],
  },
});
