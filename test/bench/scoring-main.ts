/**
 * Row 2 of `npm run bench`, in a process of its own (run.ts spawns scoring-main.ts): scoring
 * 1,000,000 platform records with the national norm, compiled, side by side with a hand-written
 * TypeScript function computing the same rubric. After row 1 (70 analyses of every rubric in
 * rules/) the records sat on a larger, older heap, and the compiled row measured 0.36-0.54 in
 * that process against 0.53-0.58 alone (same build, alternating runs).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { builtCore } from "./built.ts";
import { median, perSecond } from "./process.ts";

const QUICK = Boolean(process.env["BENCH_QUICK"]);
const { analyze, compile } = await builtCore();
const root = new URL("../../rules/", import.meta.url).pathname;

// The largest rubric of the library: the national norm (5 categories, 17 weighted indicators,
// bands, sub-cap, indicator veto, rubric veto).
const rubricPath = join(root, "national/2024/中小企业公共服务规范评价指标.zs");
const { rubric } = analyze(readFileSync(rubricPath, "utf8"));
if (!rubric) throw new Error("rubric does not bind");
const scorer = compile(rubric);

/** Plain record for the hand-written function: numbers, yes/no as 1/0. */
type Plain = Record<string, number>;

const cap = (v: number) => (v > 100 ? 100 : v);
const yes = (v: number, points: number) => (v ? points : 0);

/** The national norm written by hand, on plain numbers, as an engineer would without 准绳. */
function handWritten(r: Plain): number {
  const s1 = cap(20 * r["沟通渠道种数"]!);
  const s2 = cap(5 * r["服务对接个数"]!);
  const s3 = cap(yes(r["方案及时制定"]!, 30) + r["方案内容要素酌情分"]!);
  const s4 = cap(yes(r["收费标准公示"]!, 50) + (r["公益服务年度占比"]! >= 10 ? 30 : 0) + r["小微优惠酌情分"]!);
  const s5 = cap(yes(r["服务专家库"]!, 50) + (r["执行人员服务经验年数"]! >= 1 ? 30 : 0) + yes(r["执行人员执业资格"]!, 10) + r["人员安排酌情分"]!);
  const s6 = cap(yes(r["服务场地落实"]!, 50) + yes(r["服务设备物资充足"]!, 40) + r["其他资源调配酌情分"]!);
  const s7 = cap(yes(r["费用支出规范"]!, 50) + yes(r["费用核算规范"]!, 40) + r["合理支出酌情分"]!);
  const s8 = cap(yes(r["按时完成服务"]!, 50) + yes(r["实现方案预定目标"]!, 30) + yes(r["及时调整优化举措"]!, 20));
  const s9 = cap(yes(r["管理制度匹配"]!, 40) + yes(r["服务标准不低于行业要求"]!, 20) + yes(r["服务流程科学"]!, 20) + yes(r["评价投诉机制"]!, 20));
  const s10 = cap(2 * r["服务记录条数"]! + 5 * r["服务意见条数"]!);
  const sat = r["企业满意度"]!;
  const s11 =
    r["第三方抽样满意度"]! < 60 ? 0 : cap(yes(r["满意度调查评价"]!, 50) + (sat >= 60 && sat < 70 ? 20 : 0) + (sat >= 70 ? 10 * Math.floor((sat - 70) / 10) : 0));
  const s12 = cap(yes(r["服务台账清晰"]!, 50) + 5 * r["服务档案份数"]!);
  const n = r["年度服务企业数"]!;
  const s13 = cap(Math.min(80, (n >= 100 ? 50 : 0) + (n >= 100 ? 10 * Math.floor((n - 100) / 100) : 0)) + (r["服务企业数同比增长率"]! >= 10 ? 10 : 0) + (r["大型服务活动场数"]! >= 1 ? 10 : 0));
  const f = r["年均单一企业接受服务次数"]!;
  const s14 = cap((f >= 1 && f < 1.5 ? 50 : 0) + (f >= 1.5 && f <= 2 ? 30 : 0) + (f > 2 ? 10 * Math.floor(f - 2) : 0));
  const s15 = cap(yes(r["满足基本服务需求"]!, 60) + yes(r["服务效益超过预期"]!, 30) + r["额外服务效益酌情分"]!);
  const s16 = r["培训计划完整开展"] ? cap(20 * r["培训记录次数"]!) : 0;
  const s17 = cap(yes(r["服务规划衔接需求"]!, 40) + 40 * r["创新点个数"]! + 20 * r["市级以上认可项数"]!);
  return (
    0.05 * (s1 + s2 + s3 + s4) + 0.05 * (s5 + s6 + s7) + 0.07 * s8 + 0.07 * (s9 + s10) + 0.05 * (s11 + s12) + 0.06 * (s13 + s14) + 0.08 * s15 + 0.06 * s16 + 0.08 * s17
  );
}

/**
 * The same rubric by hand, producing what the generated function produces for every platform:
 * the 17 indicator scores, the 5 category subtotals, the total, the veto and the grade, written
 * into an output array (the hand-written function above stops at the total).
 */
const handOut = new Float64Array(24);
function handWrittenVerdict(r: Plain, out: Float64Array): number {
  const s = [
    cap(20 * r["沟通渠道种数"]!),
    cap(5 * r["服务对接个数"]!),
    cap(yes(r["方案及时制定"]!, 30) + r["方案内容要素酌情分"]!),
    cap(yes(r["收费标准公示"]!, 50) + (r["公益服务年度占比"]! >= 10 ? 30 : 0) + r["小微优惠酌情分"]!),
    cap(yes(r["服务专家库"]!, 50) + (r["执行人员服务经验年数"]! >= 1 ? 30 : 0) + yes(r["执行人员执业资格"]!, 10) + r["人员安排酌情分"]!),
    cap(yes(r["服务场地落实"]!, 50) + yes(r["服务设备物资充足"]!, 40) + r["其他资源调配酌情分"]!),
    cap(yes(r["费用支出规范"]!, 50) + yes(r["费用核算规范"]!, 40) + r["合理支出酌情分"]!),
    cap(yes(r["按时完成服务"]!, 50) + yes(r["实现方案预定目标"]!, 30) + yes(r["及时调整优化举措"]!, 20)),
    cap(yes(r["管理制度匹配"]!, 40) + yes(r["服务标准不低于行业要求"]!, 20) + yes(r["服务流程科学"]!, 20) + yes(r["评价投诉机制"]!, 20)),
    cap(2 * r["服务记录条数"]! + 5 * r["服务意见条数"]!),
    0,
    cap(yes(r["服务台账清晰"]!, 50) + 5 * r["服务档案份数"]!),
    0,
    0,
    cap(yes(r["满足基本服务需求"]!, 60) + yes(r["服务效益超过预期"]!, 30) + r["额外服务效益酌情分"]!),
    r["培训计划完整开展"] ? cap(20 * r["培训记录次数"]!) : 0,
    cap(yes(r["服务规划衔接需求"]!, 40) + 40 * r["创新点个数"]! + 20 * r["市级以上认可项数"]!),
  ];
  const sat = r["企业满意度"]!;
  s[10] = r["第三方抽样满意度"]! < 60 ? 0 : cap(yes(r["满意度调查评价"]!, 50) + (sat >= 60 && sat < 70 ? 20 : 0) + (sat >= 70 ? 10 * Math.floor((sat - 70) / 10) : 0));
  const n = r["年度服务企业数"]!;
  s[12] = cap(Math.min(80, (n >= 100 ? 50 : 0) + (n >= 100 ? 10 * Math.floor((n - 100) / 100) : 0)) + (r["服务企业数同比增长率"]! >= 10 ? 10 : 0) + (r["大型服务活动场数"]! >= 1 ? 10 : 0));
  const f = r["年均单一企业接受服务次数"]!;
  s[13] = cap((f >= 1 && f < 1.5 ? 50 : 0) + (f >= 1.5 && f <= 2 ? 30 : 0) + (f > 2 ? 10 * Math.floor(f - 2) : 0));
  for (let k = 0; k < 17; k++) out[k] = s[k]!;
  const c = [0.05 * (s[0]! + s[1]! + s[2]! + s[3]!), 0.05 * (s[4]! + s[5]! + s[6]!) + 0.07 * s[7]!, 0.07 * (s[8]! + s[9]!) + 0.05 * (s[10]! + s[11]!), 0.06 * (s[12]! + s[13]!) + 0.08 * s[14]!, 0.06 * s[15]! + 0.08 * s[16]!];
  let t = 0;
  for (let k = 0; k < 5; k++) {
    out[17 + k] = c[k]!;
    t += c[k]!;
  }
  out[22] = t;
  // 否决 (造成重大损失 或 违法违规效应) decides the grade; else the band of the total, compared at the rubric's 2 decimals
  // (in binary floats 8.35 + 18.55 + 8.7 + 16.4 + 8 is 59.99999999999999)
  const t2 = Math.round(t * 100) / 100;
  out[23] = r["造成重大损失"] || r["违法违规效应"] ? 0 : t2 < 60 ? 0 : t2 < 80 ? 1 : 2;
  return t;
}

let seed = 42;
const rand = (n: number) => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed % n;
};
const DISTINCT = 10_000;
/** Random valid values for every entered input, inside its declared range. */
function generate(): Record<string, string> {
  const rec: Record<string, string> = {};
  for (const i of rubric!.inputs) {
    if (i.kind === "derived" || i.type === "text") continue;
    if (i.type === "yesno") rec[i.name] = rand(3) > 0 ? "是" : "否";
    else if (i.type === "score") rec[i.name] = String(rand(Number(i.max ?? 100) + 1));
    else if (i.type === "percent") rec[i.name] = String(rand(1001) / 10);
    else if (i.type === "count") rec[i.name] = String(rand(i.unit === "家" ? 1200 : 12));
    else rec[i.name] = String(rand(50) / 10);
  }
  return rec;
}
const textRecords = Array.from({ length: DISTINCT }, generate);
const plain: Plain[] = textRecords.map((t) => Object.fromEntries(Object.entries(t).map(([k, v]) => [k, v === "是" ? 1 : v === "否" ? 0 : Number(v)])));
const read = textRecords.map((r) => scorer.read(r));
if (read.some((r) => r.errors.length > 0)) throw new Error(`generated data has errors: ${JSON.stringify(read.find((r) => r.errors.length)?.errors)}`);

// both must agree on every record before anything is timed (the hand-written one in binary floats)
for (let i = 0; i < DISTINCT; i++) {
  const a = Number(scorer.format(scorer.total(read[i]!.values, read[i]!.present)));
  const b = handWritten(plain[i]!);
  if (Math.abs(a - b) > 1e-9) throw new Error(`record ${i}: compiled ${a}, hand-written ${b}`);
  const v = scorer.score(textRecords[i]!);
  handWrittenVerdict(plain[i]!, handOut);
  const grades = ["不合格", "合格", "优秀"];
  const sameSubtotals = v.categories.every((cat, k) => Math.abs(Number(cat.score) - handOut[17 + k]!) < 1e-9);
  const sameIndicators = v.indicators.every((ind, k) => Math.abs(Number(ind.score) - handOut[k]!) < 1e-9);
  if (!sameSubtotals || !sameIndicators || v.grade !== grades[handOut[23]!]) throw new Error(`record ${i}: the generated verdict and the hand-written verdict differ: ${JSON.stringify({ grade: v.grade, hand: handOut[23], cats: v.categories.map((x) => x.score), handCats: [...handOut.slice(17, 22)], ind: v.indicators.map((x) => x.score), handInd: [...handOut.slice(0, 17)] })}`);
}

const N = QUICK ? 100_000 : 1_000_000;
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
  for (let k = 0; k < N; k++) sink += handWritten(plain[k % DISTINCT]!);
  const ms = performance.now() - t0;
  if (sink === -1) console.log(sink);
  return ms;
}
timeCompiled();
timeHand();
function timeHandVerdict(): number {
  let sink = 0;
  const t0 = performance.now();
  for (let k = 0; k < N; k++) sink += handWrittenVerdict(plain[k % DISTINCT]!, handOut);
  const ms = performance.now() - t0;
  if (sink === -1) console.log(sink);
  return ms;
}
timeHandVerdict();
const compiled: number[] = [];
const hand: number[] = [];
const handVerdict: number[] = [];
const SCORE_ROUNDS = QUICK ? 1 : 7;
for (let i = 0; i < SCORE_ROUNDS; i++) {
  compiled.push(timeCompiled());
  hand.push(timeHand());
  handVerdict.push(timeHandVerdict());
}
const rate = (ms: number) => perSecond(N, ms);
const c = median(compiled);
const h = median(hand);
console.log(`scoring ${N.toLocaleString("en")} records with the national norm (${rubric.indicators.length} weighted indicators; ${DISTINCT.toLocaleString("en")} distinct generated records, each checked equal first), median of ${SCORE_ROUNDS}:`);
console.log(`  compiled rubric (exact scaled integers): ${c.toFixed(0)} ms, ${rate(c)} records/s`);
console.log(`  hand-written TS (binary floats):         ${h.toFixed(0)} ms, ${rate(h)} records/s`);
console.log(`  ratio compiled/hand-written speed: ${(h / c).toFixed(2)} (target ≥ 0.5)`);
const hv = median(handVerdict);
console.log(`  hand-written TS, same outputs as the generated function (17 indicator scores, 5 subtotals, total, veto, grade): ${hv.toFixed(0)} ms, ${rate(hv)} records/s; ratio compiled/that: ${(hv / c).toFixed(2)}`);

