/** The official table as Markdown and as a standalone HTML page for screen and print (all text escaped). */
import { escapeHtml, escapeMdCell } from "./text.ts";
import { mergedColumns, rowCells, type OfficialTable, type TableRow } from "./table.ts";

/** Markdown cannot merge cells: the category is written on its first row only, as in the seed text. */
export function tableMarkdown(t: OfficialTable): string {
  const line = (cells: string[]) => `| ${cells.map(escapeMdCell).join(" | ")} |`;
  const merged = mergedColumns(t);
  const out: string[] = [];
  if (t.attachment) out.push(t.attachment, "");
  out.push(`# ${t.title}`, "");
  if (t.draft) out.push(`**（${t.draft.mark}）**`, "");
  if (t.rows.length > 0) out.push(line(t.columns), `| ${t.columns.map(() => "---").join(" | ")} |`);
  for (const r of t.rows) out.push(line(rowCells(t, r).map((c, i) => (merged.includes(i) && r.categorySpan === 0 ? "" : c))));
  if (t.notes.length > 0) out.push("", ...t.notes.map((n) => `${n}  `));
  if (t.draft) out.push("", `## 附：${t.draft.mark}待解决的问题`, "", ...(t.draft.problems.length > 0 ? t.draft.problems.map((p, i) => `${i + 1}. ${p.replace(/\n/g, " ")}`) : ["发布前检查没有发现问题。"]));
  return out.join("\n").replace(/\n{3,}/g, "\n\n").trimEnd() + "\n";
}

/** Rows grouped by category: each group one <tbody>, which print keeps on one page when it fits. */
function groups(rows: readonly TableRow[]): TableRow[][] {
  const out: TableRow[][] = [];
  for (const r of rows) {
    if (r.categorySpan > 0 || out.length === 0) out.push([r]);
    else out[out.length - 1]!.push(r);
  }
  return out;
}

/** An HTML table with rowspan for the merged category cells. */
export function tableHtmlFragment(t: OfficialTable): string {
  const merged = mergedColumns(t);
  const head = `<tr>${t.columns.map((c) => `<th scope="col">${escapeHtml(c)}</th>`).join("")}</tr>`;
  const body = groups(t.rows)
    .map((g) => {
      const rows = g.map((r) => {
        const cells = rowCells(t, r);
        const tds = cells
          .map((c, i) => {
            if (merged.includes(i)) {
              if (r.categorySpan === 0) return "";
              return `<th scope="rowgroup"${r.categorySpan > 1 ? ` rowspan="${r.categorySpan}"` : ""} class="cat">${escapeHtml(c)}</th>`;
            }
            const cls = i === cells.length - 1 ? "desc" : i === cells.length - 2 ? "val" : "ind";
            return `<td class="${cls}">${escapeHtml(c)}</td>`;
          })
          .join("");
        return `<tr>${tds}</tr>`;
      });
      return `<tbody>\n${rows.join("\n")}\n</tbody>`;
    })
    .join("\n");
  const cols = t.weighted ? ["cat", "w", "ind", "w", "desc"] : ["cat", "ind", "val", "desc"];
  const colgroup = `<colgroup>${cols.map((c) => `<col class="c-${c}">`).join("")}</colgroup>`;
  const notes = t.notes.map((n) => `<p class="note">${escapeHtml(n)}</p>`).join("\n");
  const table = t.rows.length > 0 ? `<table class="indicators">\n${colgroup}\n<thead>${head}</thead>\n${body}\n</table>\n` : "";
  const attachment = t.attachment ? `<p class="attachment">${escapeHtml(t.attachment)}</p>\n` : "";
  const draft = t.draft ? `<p class="draft-title">（${escapeHtml(t.draft.mark)}）</p>\n` : "";
  const appendix = t.draft
    ? `<section class="appendix">\n<h2>附：${escapeHtml(t.draft.mark)}待解决的问题</h2>\n${t.draft.problems.length > 0 ? `<ol>\n${t.draft.problems.map((p) => `<li>${escapeHtml(p)}</li>`).join("\n")}\n</ol>` : "<p>发布前检查没有发现问题。</p>"}\n</section>\n`
    : "";
  return `${attachment}<h1>${escapeHtml(t.title)}</h1>\n${draft}${table}${notes}${appendix}`;
}

export function tableHtml(t: OfficialTable): string {
  const mark = t.draft ? `<div class="draft-mark" aria-hidden="true">${escapeHtml(t.draft.mark)}</div>\n` : "";
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(t.title)}${t.draft ? `（${escapeHtml(t.draft.mark)}）` : ""}</title>
<style>
body { font-family: "SimSun", "Songti SC", "Noto Serif CJK SC", serif; font-size: 10.5pt; margin: 2em auto; max-width: 48em; padding: 0 1em; }
h1 { font-family: "SimHei", "Noto Sans CJK SC", sans-serif; text-align: center; font-size: 18pt; font-weight: normal; margin: 0.4em 0 0.8em; }
h2 { font-family: "SimHei", "Noto Sans CJK SC", sans-serif; font-size: 14pt; font-weight: normal; }
p.attachment { font-family: "SimHei", "Noto Sans CJK SC", sans-serif; font-size: 16pt; margin: 0; }
p.draft-title { text-align: center; font-family: "SimHei", "Noto Sans CJK SC", sans-serif; font-size: 14pt; margin: -0.4em 0 1em; }
table.indicators { border-collapse: collapse; width: 100%; table-layout: fixed; }
col.c-cat { width: 9.5em; } col.c-ind { width: 9em; } col.c-val { width: 4em; } col.c-w { width: 3.6em; }
th, td { border: 1px solid #000; padding: 4px 6px; vertical-align: middle; line-height: 1.5; }
thead th { font-family: "SimHei", "Noto Sans CJK SC", sans-serif; font-weight: normal; }
th.cat { font-weight: normal; }
th.cat, td.val, td.ind, thead th { text-align: center; }
td.val { white-space: nowrap; }
td.desc { text-align: justify; }
p.note { margin: 0.4em 0; }
.draft-mark { position: fixed; top: 0.5em; right: 1em; color: #c00000; font-family: "SimHei", "Noto Sans CJK SC", sans-serif; font-size: 14pt; font-weight: bold; border: 2px solid #c00000; padding: 0 0.3em; }
@page { size: A4 portrait; margin: 2.54cm 2.5cm; @bottom-center { content: "第 " counter(page) " 页 共 " counter(pages) " 页"; font-size: 9pt; } }
@media print {
  body { margin: 0; max-width: none; padding: 0; }
  thead { display: table-header-group; }
  tbody, tr { break-inside: avoid; }
  .appendix { break-before: page; }
}
</style>
</head>
<body>
${mark}${tableHtmlFragment(t)}</body>
</html>
`;
}
