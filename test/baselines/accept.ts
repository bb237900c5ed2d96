/** `npm run baseline:accept`: rewrites every baseline from the current output; review the git diff. */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { baselinePath, caseFiles, readText, renderBaseline, renderRubricBaseline, rubricFiles } from "./render.ts";

for (const f of caseFiles()) writeFileSync(baselinePath(f.name), renderBaseline(f.name, readText(f.path)));
for (const f of rubricFiles()) {
  mkdirSync(dirname(f.baseline), { recursive: true });
  writeFileSync(f.baseline, await renderRubricBaseline(f.name, readText(f.path), f.samples));
}
console.log(`accepted ${caseFiles().length} case baselines and ${rubricFiles().length} rubric baselines`);
