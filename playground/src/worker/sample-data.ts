/**
 * Sample platforms for a rubric without a data file of its own: values spread around each
 * input's thresholds (so that editing a threshold changes some scores), from a fixed seed.
 */
import type { Input, Part, Rubric } from "@zhunsheng/core";

const HUNAN = ["长沙市", "株洲市", "湘潭市", "衡阳市", "邵阳市", "岳阳市", "常德市", "张家界市", "益阳市", "郴州市"];
const GENERIC = ["甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸"];

function seeded(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

function partNumbers(p: Part): number[] {
  switch (p.kind) {
    case "tiers":
      return p.tiers.flatMap((t) => [t.interval.lo?.value, t.interval.hi?.value]).filter((v): v is string => v !== undefined).map(Number);
    case "add":
      return [p.interval.lo?.value, p.interval.hi?.value].filter((v): v is string => v !== undefined).map(Number);
    case "stepDeduction":
      return [Number(p.threshold.value)];
    case "increments":
      return [Number(p.from.value) + 3 * Number(p.step)];
    case "perItem":
    case "countDeduction":
      return [5 * Number(p.per)];
    case "baseline":
      return [Number(p.full)];
    default:
      return [];
  }
}

function topOf(rubric: Rubric, input: Input): number {
  const nums: number[] = [];
  for (const ind of rubric.indicators) for (const r of ind.rules) if (r.subjects.some((s) => s.name === input.name)) for (const p of r.parts) nums.push(...partNumbers(p));
  for (const c of [...rubric.vetoes, ...(rubric.eligibility?.rules ?? [])]) {
    if (c.condition.kind === "compare" && c.condition.input.name === input.name) nums.push(Number(c.condition.interval.lo?.value ?? c.condition.interval.hi?.value ?? 0));
  }
  const finite = nums.filter((n) => Number.isFinite(n) && n > 0);
  if (finite.length > 0) return Math.max(...finite);
  if (input.max !== undefined) return Number(input.max);
  return input.type === "percent" ? 100 : 10;
}

function valueFor(rubric: Rubric, input: Input, rand: () => number): string {
  switch (input.type) {
    case "yesno":
      return rand() < 0.8 ? "是" : "否";
    case "text":
      return "";
    case "score": {
      const lo = Number(input.min ?? 0);
      const hi = Number(input.max ?? 10);
      return String(Math.round((lo + (0.5 + 0.5 * rand()) * (hi - lo)) * 2) / 2);
    }
    default: {
      const top = topOf(rubric, input);
      let v = top * (0.55 + 0.7 * rand());
      if (input.max !== undefined) v = Math.min(v, Number(input.max));
      if (input.min !== undefined) v = Math.max(v, Number(input.min));
      if (input.direction === "down") v = top * rand() * 0.6;
      return input.type === "count" || top >= 20 ? String(Math.round(v)) : v.toFixed(1);
    }
  }
}

/** Ten sample platforms for `rubric` (名称 plus every entered input). */
export function samplePlatforms(rubric: Rubric, count = 10): Record<string, unknown>[] {
  const names = rubric.header.region?.includes("湖南") ? HUNAN.map((c) => `${c}${rubric.header.platformType ?? "平台"}`) : GENERIC.map((g) => `示例平台${g}`);
  const rand = seeded(rubric.inputs.reduce((h, i) => (h * 31 + i.name.length + i.name.charCodeAt(0)) | 0, 7));
  return Array.from({ length: count }, (_, k) => {
    const rec: Record<string, unknown> = { 名称: names[k % names.length] };
    for (const input of rubric.inputs) if (input.kind !== "derived") rec[input.name] = valueFor(rubric, input, rand);
    return rec;
  });
}
