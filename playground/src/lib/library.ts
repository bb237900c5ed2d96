/**
 * The built-in rules/ library, bundled at build time: every .zs file and its sample platforms
 * (rules/samples/<same path>.csv, or a CSV beside the file), arranged as 地区 → 年度 → 平台类型.
 */
const RUBRICS = import.meta.glob("../../../rules/**/*.zs", { query: "?raw", import: "default", eager: true }) as Record<string, string>;
const DATA = import.meta.glob("../../../rules/**/*.csv", { query: "?raw", import: "default", eager: true }) as Record<string, string>;

export interface BuiltinRubric {
  /** Path under rules/, e.g. hunan/未注明年度/市州综合窗口平台.zs */
  path: string;
  text: string;
  region: string;
  year: string;
  platformType: string;
  /** Sample data files in the same folder. */
  data: { path: string; name: string; kind: "csv" | "json"; text: string }[];
}

const PREFIX = /^.*\/rules\//;

function header(text: string, key: string): string | undefined {
  return new RegExp(`^[ \\t]*${key}[：:][ \\t]*(.+)$`, "m").exec(text)?.[1]?.trim();
}

function normalise(text: string): string {
  return text.replace(/\r\n?/g, "\n");
}

/** All built-in rubrics, sorted by path. */
export function builtinRubrics(): BuiltinRubric[] {
  const data = Object.entries(DATA).map(([p, text]) => ({ path: p.replace(PREFIX, ""), text: normalise(text) }));
  return Object.entries(RUBRICS)
    .map(([p, raw]) => {
      const path = p.replace(PREFIX, "");
      const parts = path.split("/");
      const text = normalise(raw);
      const dir = parts.slice(0, -1).join("/");
      const stem = parts[parts.length - 1]!.replace(/\.zs$/, "");
      return {
        path,
        text,
        region: header(text, "地区") ?? parts[0]!,
        year: parts.length >= 3 ? parts[parts.length - 2]! : header(text, "年度") ?? "未注明年度",
        platformType: header(text, "平台类型") ?? stem,
        data: data
          .filter((d) => d.path === `samples/${dir}/${stem}.csv` || d.path.slice(0, d.path.lastIndexOf("/")) === dir)
          .map((d) => ({ path: d.path, name: d.path.startsWith("samples/") ? `示例平台（${d.path.split("/").pop()}）` : d.path.split("/").pop()!, kind: "csv" as const, text: d.text })),
      };
    })
    .sort((a, b) => a.path.localeCompare(b.path, "zh"));
}

export interface TreeNode {
  id: string;
  label: string;
  children: TreeNode[];
  /** Leaves open a rubric. */
  rubric?: BuiltinRubric;
}

/** 地区 → 年度 → 平台类型 */
export function libraryTree(rubrics: readonly BuiltinRubric[]): TreeNode[] {
  const regions: TreeNode[] = [];
  for (const r of rubrics) {
    let region = regions.find((n) => n.label === r.region);
    if (!region) regions.push((region = { id: `r:${r.region}`, label: r.region, children: [] }));
    let year = region.children.find((n) => n.label === r.year);
    if (!year) region.children.push((year = { id: `${region.id}/${r.year}`, label: r.year, children: [] }));
    year.children.push({ id: `f:${r.path}`, label: r.platformType, children: [], rubric: r });
  }
  return regions;
}
