/** zhunsheng: the command line of 准绳, usable as a library (`main(argv, io)` runs a command with the given streams). */
export { main, version, type Io } from "./main.ts";
export { COMMANDS, type CommandSpec } from "./commands.ts";
export { EXIT, CliError } from "./io.ts";
export { table, renderExplanation, diagnosticLine } from "./render.ts";
export { collectRubricFiles } from "./files.ts";
export { verdictJson, explanationJson, diagnosticJson, type VerdictJson, type ExplanationJson, type CategoryJson, type IndicatorJson, type DiagnosticJson, type FixJson } from "./results.ts";
