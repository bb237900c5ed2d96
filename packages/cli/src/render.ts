/** Text the CLI prints for people: aligned tables, diagnostic lines, explanation trees. */
import { namesItself, type Diagnostic, type Explanation, type Severity } from "@zhunsheng/core";
import { displayWidth } from "./commands.ts";

export const SEVERITY_ZH: Record<Severity, string> = { error: "错误", warning: "警告", info: "信息", hint: "提示" };

/** `path:line:col 级别 代码 消息` — the form editors and CI logs link to. */
export function diagnosticLine(file: string, d: Diagnostic): string {
  return `${file}:${d.range.start.line}:${d.range.start.column} ${SEVERITY_ZH[d.severity]} ${d.code} ${d.message}`;
}

const pad = (s: string, w: number, right = false) => (right ? " ".repeat(Math.max(0, w - displayWidth(s))) + s : s + " ".repeat(Math.max(0, w - displayWidth(s))));

export function table(header: string[], rows: string[][], rightAlign: (col: number) => boolean = () => false): string {
  const widths = header.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? ""))));
  const line = (r: string[]) => r.map((c, i) => pad(c, widths[i]!, rightAlign(i))).join("  ").replace(/\s+$/, "");
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n") + "\n";
}

export function renderExplanation(e: Explanation, depth = 0): string {
  // a sentence that already names its subject is not prefixed with the label again
  const line = namesItself(e) ? e.text : `${e.label}：${e.text}`;
  const head = depth === 0 ? line : `${"  ".repeat(depth - 1)}${depth === 1 ? "■" : "·"} ${line}`;
  // leaf sentences repeat their parent's summary when an indicator has a single rule: print them once
  const kids = e.children.length === 1 && depth >= 1 && e.children[0]!.children.length === 0 && e.text.includes(e.children[0]!.text.split("；")[0]!) ? [] : e.children;
  return [head, ...kids.map((c) => renderExplanation(c, depth + 1))].join("\n");
}
