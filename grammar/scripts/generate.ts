import { readFileSync, writeFileSync } from "node:fs";
import { diagramsHtml, withKeywordTables } from "../src/generate.ts";

const dir = new URL("../", import.meta.url);
writeFileSync(new URL("diagrams.html", dir), diagramsHtml());
const refUrl = new URL("语法参考.md", dir);
writeFileSync(refUrl, withKeywordTables(readFileSync(refUrl, "utf8")));
console.log("wrote grammar/diagrams.html and the keyword tables of grammar/语法参考.md");
