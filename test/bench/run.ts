/**
 * `npm run bench` — a benchmark, not a test. Prints medians; machines here are shared and noisy.
 *  1. parse + check of every rubric in rules/ (warm, median of 30 runs);
 *  2. scoring 1,000,000 platform records with the Hunan 市州 rubric, compiled, side by side with a
 *     hand-written TypeScript function computing the same rubric; records/s for both and the ratio.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { analyze, compile } from "../../packages/core/src/index.ts";

const root = new URL("../../rules/", import.meta.url).pathname;
const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((e) => {
    const p = join(dir, e);
    return statSync(p).isDirectory() ? files(p) : p.endsWith(".zs") ? [p] : [];
  });

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};

// ---- 1. parse + check ----------------------------------------------------------------------
const sources = files(root).map((f) => readFileSync(f, "utf8"));
const totalChars = sources.reduce((s, t) => s + t.length, 0);
for (let i = 0; i < 5; i++) for (const s of sources) analyze(s);
const checkTimes: number[] = [];
for (let i = 0; i < 30; i++) {
  const t0 = performance.now();
  for (const s of sources) analyze(s);
  checkTimes.push(performance.now() - t0);
}
console.log(`parse+check: ${sources.length} rubrics, ${totalChars} characters — median ${median(checkTimes).toFixed(2)} ms (warm, 30 runs; target < 50 ms)`);

// ---- 2. scoring ----------------------------------------------------------------------------
const rubricPath = join(root, "hunan/未注明年度/市州综合窗口平台.zs");
const { rubric } = analyze(readFileSync(rubricPath, "utf8"));
if (!rubric) throw new Error("rubric does not bind");
const scorer = compile(rubric);

/** The same rubric written by hand, on plain numbers (counts are integers; scores multiples of 0.5). */
function steps(threshold: number, x: number, step: number): number {
  return x >= threshold ? 0 : Math.floor((threshold - x) / step);
}
function stepScore(full: number, threshold: number, x: number, step: number, per: number): number {
  const v = full - per * steps(threshold, x, step);
  return v > 0 ? v : 0;
}
function handWritten(r: HunanRecord): number {
  let activity = stepScore(15, 1500, r.serviceCount, 100, 1);
  activity += Math.min(10, (r.website ? 5 : 0) + stepScore(5, 50, r.demands, 10, 1));
  activity += r.online && r.onlineShot ? 10 : 0;
  let events = stepScore(6, 3, r.brand, 1, 2) + stepScore(6, 3, r.innovation, 1, 2) + stepScore(6, 3, r.digital, 1, 2);
  events += stepScore(6, 2, r.listing, 1, 3) + stepScore(4, 2, r.startup, 1, 2) + stepScore(12, 12, r.other, 1, 1);
  const coordination = Math.max(0, 5 - r.late) + r.expert;
  const bonus = Math.min(15, r.resources * 3 + (r.media && r.honours ? r.honourCount * 3 : 0));
  return activity + events + coordination + bonus;
}

interface HunanRecord {
  serviceCount: number;
  website: boolean;
  demands: number;
  online: boolean;
  brand: number;
  innovation: number;
  digital: number;
  listing: number;
  startup: number;
  other: number;
  late: number;
  expert: number;
  resources: number;
  honourCount: number;
  media: boolean;
  honours: boolean;
  onlineShot: boolean;
}

let seed = 42;
const rand = (n: number) => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed % n;
};
const DISTINCT = 10_000;
const records: HunanRecord[] = Array.from({ length: DISTINCT }, () => ({
  serviceCount: rand(2200),
  website: rand(2) === 1,
  demands: rand(70),
  online: rand(2) === 1,
  brand: rand(5),
  innovation: rand(5),
  digital: rand(5),
  listing: rand(4),
  startup: rand(4),
  other: rand(16),
  late: rand(8),
  expert: rand(41) / 2,
  resources: rand(5),
  honourCount: rand(5),
  media: rand(2) === 1,
  honours: rand(3) > 0,
  onlineShot: rand(4) > 0,
}));
const yes = (b: boolean) => (b ? "是" : "否");
const asRecord = (r: HunanRecord): Record<string, string> => ({
  服务企业家次: String(r.serviceCount),
  网站日常维护: yes(r.website),
  有效需求条数: String(r.demands),
  在线服务认定有效: yes(r.online),
  品牌能力提升活动次数: String(r.brand),
  破零倍增活动次数: String(r.innovation),
  两上三化活动次数: String(r.digital),
  上市融资活动次数: String(r.listing),
  创业创新活动次数: String(r.startup),
  其他类活动次数: String(r.other),
  缺报晚报次数: String(r.late),
  协同评定分: String(r.expert),
  优质资源项数: String(r.resources),
  荣誉宣传次数: String(r.honourCount),
  媒体报道材料: yes(r.media),
  荣誉资质证明: yes(r.honours),
  在线服务截图: yes(r.onlineShot),
});
const read = records.map((r) => scorer.read(asRecord(r)));
if (read.some((r) => r.errors.length > 0)) throw new Error(`generated data has errors: ${JSON.stringify(read.find((r) => r.errors.length)?.errors)}`);

// both must agree on every record before anything is timed
for (let i = 0; i < DISTINCT; i++) {
  const a = scorer.format(scorer.total(read[i]!.values, read[i]!.present));
  const b = String(handWritten(records[i]!));
  if (Number(a) !== Number(b)) throw new Error(`record ${i}: compiled ${a}, hand-written ${b}`);
}

const N = 1_000_000;
function timeCompiled(): number {
  let sink = 0;
  const t0 = performance.now();
  for (let k = 0; k < N; k++) {
    const r = read[k % DISTINCT]!;
    sink += scorer.total(r.values, r.present);
  }
  const ms = performance.now() - t0;
  if (sink === -1) console.log(sink);
  return ms;
}
function timeHand(): number {
  let sink = 0;
  const t0 = performance.now();
  for (let k = 0; k < N; k++) sink += handWritten(records[k % DISTINCT]!);
  const ms = performance.now() - t0;
  if (sink === -1) console.log(sink);
  return ms;
}
timeCompiled();
timeHand();
const compiled: number[] = [];
const hand: number[] = [];
for (let i = 0; i < 7; i++) {
  compiled.push(timeCompiled());
  hand.push(timeHand());
}
const rate = (ms: number) => (N / (ms / 1000)).toFixed(0);
const c = median(compiled);
const h = median(hand);
console.log(`scoring ${N.toLocaleString("en")} records (Hunan 市州, ${rubric.indicators.length} indicators, ${DISTINCT} distinct generated records), median of 7:`);
console.log(`  compiled rubric: ${c.toFixed(0)} ms, ${rate(c)} records/s`);
console.log(`  hand-written TS: ${h.toFixed(0)} ms, ${rate(h)} records/s`);
console.log(`  ratio compiled/hand-written speed: ${(h / c).toFixed(2)} (target ≥ 0.5)`);
