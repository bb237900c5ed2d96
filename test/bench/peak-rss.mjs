// Loaded with `node --import` into a benchmarked process: writes its peak resident set size
// (KB, from getrusage) to the file named by ZS_BENCH_RSS_FILE when it exits.
import { writeFileSync } from "node:fs";

const file = process.env.ZS_BENCH_RSS_FILE;
if (file) process.on("exit", () => writeFileSync(file, String(process.resourceUsage().maxRSS)));
