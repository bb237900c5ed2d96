#!/usr/bin/env node
// Runs the TypeScript sources directly (no build step): tsx's loader is registered first.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../src/main.ts");
process.exitCode = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() });
