/** Small text helpers shared by the renderers (no DOM: the CLI and the worker both use them). */

/** Escapes text for HTML element content and attribute values: user text is never markup. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

/** Escapes a Markdown table cell: pipes, line breaks and HTML-significant characters. */
export function escapeMdCell(s: string): string {
  return s.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/\r?\n/g, "<br>");
}

/** A Markdown table. */
export function mdTable(header: readonly string[], rows: readonly (readonly string[])[], rightAlign: (col: number) => boolean = () => false): string {
  const line = (cells: readonly string[]) => `| ${cells.map(escapeMdCell).join(" | ")} |`;
  const rule = `| ${header.map((_, i) => (rightAlign(i) ? "---:" : "---")).join(" | ")} |`;
  return [line(header), rule, ...rows.map(line)].join("\n") + "\n";
}

/** Common prefix and suffix of two strings: the changed middle of each, with a little context; numbers are never cut. */
export function changedSpan(a: string, b: string, context = 8): { before: string; after: string } {
  const ca = [...a];
  const cb = [...b];
  let p = 0;
  while (p < ca.length && p < cb.length && ca[p] === cb[p]) p++;
  let s = 0;
  while (s < ca.length - p && s < cb.length - p && ca[ca.length - 1 - s] === cb[cb.length - 1 - s]) s++;
  const numeric = (ch: string | undefined) => ch !== undefined && /[0-9.]/.test(ch);
  let from = Math.max(0, p - context);
  while (from > 0 && numeric(ca[from]) && numeric(ca[from - 1])) from--;
  const cut = (chars: string[]) => {
    let end = Math.min(chars.length, chars.length - s + context);
    while (end < chars.length && numeric(chars[end - 1]) && numeric(chars[end])) end++;
    return (from > 0 ? "…" : "") + chars.slice(from, end).join("") + (end < chars.length ? "…" : "");
  };
  return { before: cut(ca), after: cut(cb) };
}
