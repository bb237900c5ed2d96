export { main, table, renderExplanation, collectRubricFiles, type Io } from "./main.ts";
