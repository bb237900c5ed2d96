import { defineConfig } from "vitest/config";

/**
 * Two projects: the fast unit, property and CLI tests run in parallel; the end-to-end tests
 * (a Vite build and Chromium each) run one file at a time afterwards, so that on a 2-core
 * machine they do not compete with the unit tests for CPU and time out.
 */
export default defineConfig({
  test: {
    testTimeout: 120_000,
    hookTimeout: 300_000,
    projects: [
      { extends: true, test: { name: "unit", include: ["test/**/*.test.ts"], exclude: ["test/e2e/**"] } },
      { extends: true, test: { name: "e2e", include: ["test/e2e/**/*.test.ts"], fileParallelism: false } },
    ],
  },
});
