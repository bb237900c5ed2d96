/** Writes the TextMate grammar generated from the keyword table (part of `npm run grammar:generate`). */
import { writeFileSync } from "node:fs";
import { grammarJson } from "./grammar.ts";

writeFileSync(new URL("../syntaxes/zhunsheng.tmLanguage.json", import.meta.url), grammarJson());
console.log("wrote packages/vscode/syntaxes/zhunsheng.tmLanguage.json");
