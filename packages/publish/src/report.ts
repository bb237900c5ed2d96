/** The change report (`zhunsheng diff` and the workbench's impact view): Markdown, HTML or JSON. */
import type { Rubric } from "@zhunsheng/core";
import { signedDecimal as signed } from "@zhunsheng/core";
import type { RubricDiff } from "./diff.ts";
import type { Impact, PlatformImpact } from "./impact.ts";
import { escapeHtml, mdTable } from "./text.ts";

export interface ChangeReport {
  oldFile: string;
  newFile: string;
  diff: RubricDiff;
  impact: Impact | undefined;
}

function title(r: Rubric): string {
  return [r.header.region, r.header.title, r.header.year].filter(Boolean).join(" ");
}

const orDash = (v: string | number | null) => (v === null ? "—" : String(v));

function platformRow(p: PlatformImpact): string[] {
  return [
    p.platform,
    p.before ?? "数据有误",
    p.after ?? "数据有误",
    p.change === null ? "—" : signed(p.change),
    orDash(p.rankBefore),
    orDash(p.rankAfter),
    p.gradeBefore === p.gradeAfter ? (p.gradeAfter ?? "") : `${p.gradeBefore ?? "无"} → ${p.gradeAfter ?? "无"}`,
    p.crossings.filter((c) => !/ → /.test(c)).join("；"),
    p.indicators.map((i) => `${i.name} ${i.before ?? "—"}→${i.after ?? "—"}`).join("；"),
  ];
}

const PLATFORM_HEADER = ["平台", "原总分", "新总分", "变化", "原名次", "新名次", "等级/星级", "越线", "变化的指标"];

/** Drops the 等级/星级 column when neither rubric has grades. */
function columns(graded: boolean, cells: string[]): string[] {
  return graded ? cells : cells.filter((_, i) => i !== 6);
}

const isGraded = (d: RubricDiff) => d.old.grades.length > 0 || d.new.grades.length > 0;

/** Sorted for reading: largest change first, then by new rank. */
function byChange(list: PlatformImpact[]): PlatformImpact[] {
  return [...list].sort((a, b) => Math.abs(Number(b.change ?? 0)) - Math.abs(Number(a.change ?? 0)) || (a.rankAfter ?? 1e9) - (b.rankAfter ?? 1e9));
}

export function reportMarkdown(r: ChangeReport): string {
  const { diff, impact } = r;
  const out: string[] = [];
  out.push(`# 变更报告：${title(diff.old)}`, "");
  out.push(`原版本：\`${r.oldFile}\`  `, `新版本：\`${r.newFile}\``, "");
  out.push(`## 规则变化（${diff.changes.length}处）`, "");
  if (diff.changes.length === 0) out.push("两个版本在计分上没有差别。");
  else out.push(...diff.changes.map((c) => `- ${c.text}`));
  out.push("");
  if (impact) {
    const s = impact.summary;
    out.push(`## 对示例数据的影响（${s.platforms}个平台）`, "");
    out.push(
      `- 得分变化的平台：${s.changed}个（上升${s.up}个，下降${s.down}个）；最大上升${signed(s.maxUp)}分，最大下降${s.maxDown}分`,
      `- 越过分数线（${impact.lines.map((l) => `${l}分`).join("、")}）或等级变化的平台：${s.crossings}个；等级/星级变化：${s.gradeChanged}个`,
      s.scored < s.platforms ? `- 数据有误、无法比较的平台：${s.platforms - s.scored}个` : "",
      "",
    );
    const moved = byChange(impact.platforms).filter((p) => p.change !== "0" || p.crossings.length > 0 || p.rankBefore !== p.rankAfter);
    out.push(`### 得分或名次变化的平台（${moved.length}个）`, "");
    const g = isGraded(diff);
    out.push(moved.length === 0 ? "没有平台的得分或名次发生变化。\n" : mdTable(columns(g, PLATFORM_HEADER), moved.map((p) => columns(g, platformRow(p))), (c) => c >= 1 && c <= 5));
    const crossed = impact.platforms.filter((p) => p.crossings.length > 0);
    if (crossed.length > 0) {
      out.push("### 越线与等级变化", "");
      out.push(...crossed.map((p) => `- ${p.platform}：${p.before} → ${p.after}分，${p.crossings.join("；")}`), "");
    }
    out.push("### 总分分布", "");
    out.push(mdTable(["总分区间", "变更前", "变更后"], impact.histogram.map((b) => [b.label, String(b.before), String(b.after)]), (c) => c > 0));
    const all = [...impact.platforms].sort((a, b) => (a.rankAfter ?? 1e9) - (b.rankAfter ?? 1e9));
    out.push(`### 全部平台（按新名次）`, "");
    out.push(mdTable(columns(g, PLATFORM_HEADER.slice(0, 7)), all.map((p) => columns(g, platformRow(p).slice(0, 7))), (c) => c >= 1 && c <= 5));
  }
  return out.filter((l, i, a) => !(l === "" && a[i - 1] === "")).join("\n").trimEnd() + "\n";
}

function htmlTable(header: string[], rows: string[][], numeric: (c: number) => boolean = () => false): string {
  const th = header.map((h) => `<th>${escapeHtml(h)}</th>`).join("");
  const trs = rows.map((r) => `<tr>${r.map((c, i) => `<td${numeric(i) ? ' class="num"' : ""}>${escapeHtml(c)}</td>`).join("")}</tr>`).join("\n");
  return `<table>\n<thead><tr>${th}</tr></thead>\n<tbody>\n${trs}\n</tbody>\n</table>`;
}

export function reportHtml(r: ChangeReport): string {
  const { diff, impact } = r;
  const body: string[] = [];
  body.push(`<h1>变更报告：${escapeHtml(title(diff.old))}</h1>`);
  body.push(`<p>原版本：<code>${escapeHtml(r.oldFile)}</code><br>新版本：<code>${escapeHtml(r.newFile)}</code></p>`);
  body.push(`<h2>规则变化（${diff.changes.length}处）</h2>`);
  body.push(diff.changes.length === 0 ? "<p>两个版本在计分上没有差别。</p>" : `<ul>\n${diff.changes.map((c) => `<li>${escapeHtml(c.text)}</li>`).join("\n")}\n</ul>`);
  if (impact) {
    const s = impact.summary;
    body.push(`<h2>对示例数据的影响（${s.platforms}个平台）</h2>`);
    body.push(`<p>得分变化的平台：${s.changed}个（上升${s.up}个，下降${s.down}个）；越线或等级变化：${s.crossings}个。</p>`);
    const g = isGraded(diff);
    body.push(htmlTable(columns(g, PLATFORM_HEADER), byChange(impact.platforms).map((p) => columns(g, platformRow(p))), (c) => c >= 1 && c <= 5));
    body.push("<h3>总分分布</h3>");
    const peak = Math.max(1, ...impact.histogram.flatMap((b) => [b.before, b.after]));
    const bar = (n: number, cls: string) => `<span class="bar ${cls}" style="width:${Math.round((n / peak) * 200)}px"></span>${n}`;
    body.push(
      `<table class="hist">\n<thead><tr><th>总分区间</th><th>变更前</th><th>变更后</th></tr></thead>\n<tbody>\n${impact.histogram
        .map((b) => `<tr><td>${escapeHtml(b.label)}</td><td>${bar(b.before, "before")}</td><td>${bar(b.after, "after")}</td></tr>`)
        .join("\n")}\n</tbody>\n</table>`,
    );
  }
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>变更报告：${escapeHtml(title(diff.old))}</title>
<style>
body { font-family: "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; margin: 2em; line-height: 1.6; }
table { border-collapse: collapse; margin: 1em 0; }
th, td { border: 1px solid #999; padding: 4px 8px; vertical-align: top; }
th { background: #f0f0f0; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.bar { display: inline-block; height: 10px; margin-right: 6px; }
.bar.before { background: #9db4d6; }
.bar.after { background: #d9822b; }
</style>
</head>
<body>
${body.join("\n")}
</body>
</html>
`;
}

/** JSON for scripts and the workbench: the changes and the impact, without the models. */
export function reportJson(r: ChangeReport): string {
  const { diff, impact } = r;
  return (
    JSON.stringify(
      {
        old: r.oldFile,
        new: r.newFile,
        changes: diff.changes.map(({ kind, subject, before, after, text, oldRange, newRange }) => ({
          kind,
          subject,
          before,
          after,
          text,
          oldLine: oldRange?.start.line,
          newLine: newRange?.start.line,
        })),
        matches: diff.matches.map((m) => ({ old: m.old?.path ?? null, new: m.new?.path ?? null, by: m.by })),
        impact: impact ?? null,
      },
      null,
      2,
    ) + "\n"
  );
}
