/** The official table as Markdown and as a standalone HTML page (all text escaped). */
import { escapeHtml, escapeMdCell } from "./text.ts";
import { mergedColumns, rowCells, type OfficialTable } from "./table.ts";

/** Markdown cannot merge cells: the category is written on its first row only, as in the seed text. */
export function tableMarkdown(t: OfficialTable): string {
  const line = (cells: string[]) => `| ${cells.map(escapeMdCell).join(" | ")} |`;
  const merged = mergedColumns(t);
  const out = [`# ${t.title}`, "", ...(t.rows.length > 0 ? [line(t.columns), `| ${t.columns.map(() => "---").join(" | ")} |`] : [])];
  for (const r of t.rows) out.push(line(rowCells(t, r).map((c, i) => (merged.includes(i) && r.categorySpan === 0 ? "" : c))));
  if (t.notes.length > 0) out.push("", ...t.notes.map((n) => `${n}  `));
  return out.join("\n").replace(/\n{3,}/g, "\n\n").trimEnd() + "\n";
}

/** An HTML table with rowspan for the merged category cells. */
export function tableHtmlFragment(t: OfficialTable): string {
  const merged = mergedColumns(t);
  const head = `<tr>${t.columns.map((c) => `<th>${escapeHtml(c)}</th>`).join("")}</tr>`;
  const body = t.rows
    .map((r) => {
      const cells = rowCells(t, r)
        .map((c, i) => {
          if (merged.includes(i)) {
            if (r.categorySpan === 0) return "";
            return `<td${r.categorySpan > 1 ? ` rowspan="${r.categorySpan}"` : ""} class="cat">${escapeHtml(c)}</td>`;
          }
          const cls = i === rowCells(t, r).length - 1 ? "desc" : i === rowCells(t, r).length - 2 ? "val" : "ind";
          return `<td class="${cls}">${escapeHtml(c)}</td>`;
        })
        .join("");
      return `<tr>${cells}</tr>`;
    })
    .join("\n");
  const notes = t.notes.map((n) => `<p class="note">${escapeHtml(n)}</p>`).join("\n");
  const table = t.rows.length > 0 ? `<table class="indicators">\n<thead>${head}</thead>\n<tbody>\n${body}\n</tbody>\n</table>\n` : "";
  return `<h1>${escapeHtml(t.title)}</h1>\n${table}${notes}`;
}

export function tableHtml(t: OfficialTable): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>${escapeHtml(t.title)}</title>
<style>
body { font-family: "SimSun", "Songti SC", "Noto Serif CJK SC", serif; margin: 2em; }
h1 { text-align: center; font-size: 1.4em; }
table.indicators { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #000; padding: 4px 6px; vertical-align: middle; }
th { font-family: "SimHei", "Noto Sans CJK SC", sans-serif; }
td.cat, td.val, th { text-align: center; }
td.desc { text-align: justify; }
p.note { margin: 0.4em 0; }
</style>
</head>
<body>
${tableHtmlFragment(t)}
</body>
</html>
`;
}
