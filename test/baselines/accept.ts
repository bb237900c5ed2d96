/** `npm run baseline:accept`: rewrites every baseline from the current output; review the git diff. */
import { writeFileSync } from "node:fs";
import { baselinePath, caseFiles, readText, renderBaseline } from "./render.ts";

for (const f of caseFiles()) writeFileSync(baselinePath(f.name), renderBaseline(f.name, readText(f.path)));
console.log(`accepted ${caseFiles().length} baselines`);
