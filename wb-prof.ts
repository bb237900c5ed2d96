import { readFileSync } from "node:fs";
import { analyze, compile } from "./packages/core/src/index.ts";
import { samplePlatforms } from "./playground/src/worker/sample-data.ts";
import { scoreTable, pageOf } from "./playground/src/worker/scores.ts";
const text = readFileSync(process.argv[2]!, "utf8");
for (let k = 0; k < 3; k++) {
let t = performance.now();
const a = analyze(text);
const t1 = performance.now();
const recs = samplePlatforms(a.rubric!, 10000).map((r, i) => ({ ...r, 名称: `平台${i + 1}` }));
const t2 = performance.now();
const table = await scoreTable(a.rubric!, a.scorer!, recs, undefined, () => false);
const t3 = performance.now();
pageOf(table!, { key: "rank", ascending: true }, 0, 60);
const t4 = performance.now();
console.log(`analyze ${(t1 - t).toFixed(0)} gen ${(t2 - t1).toFixed(0)} score ${(t3 - t2).toFixed(0)} page ${(t4 - t3).toFixed(0)}`);
}
