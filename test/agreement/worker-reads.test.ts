/**
 * The workbench worker keeps a dataset's records read across edits while the reading key holds
 * (Scorer.readingKey). Every version must still give what a fresh read and score give: an edit of
 * an input's range, type or expression brings the new errors (not the cached ones), an edit of a
 * threshold changes the totals, and the data check follows.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { analyze } from "../../packages/core/src/index.ts";
import type { AnalysisResult, ScoreRow } from "../../playground/src/protocol.ts";
import { startAnalysisWorker, type WorkerDriver } from "./worker-driver.ts";

const INPUTS = `输入
  服务企业家次：计数 家次
  满意度：百分比
  专业人员：计数 人
  从业人员：计数 人
派生
  专业人员比例：百分比 = 专业人员 ÷ 从业人员 × 100`;

function rubric(inputs = INPUTS, threshold = "1500"): string {
  return `评价体系 缓存读取
${inputs}
类别 服务 20分
  指标 服务规模 10分
    服务企业家次 达${threshold}家次得10分，每少100家次减1分
  指标 服务满意度 10分
    满意度 90%以上得10分，80%以上得6分
类别 队伍 10分
  指标 专业队伍 10分
    专业人员比例 60%以上得10分，40%以上得5分
`;
}

const RECORDS = [
  { 名称: "甲平台", 服务企业家次: "1600", 满意度: "95%", 专业人员: "13", 从业人员: "20" },
  { 名称: "乙平台", 服务企业家次: "1250", 满意度: "85", 专业人员: "9", 从业人员: "20" },
  { 名称: "丙平台", 服务企业家次: "900", 满意度: "70", 专业人员: "30", 从业人员: "20" },
];
const HEADER = Object.keys(RECORDS[0]!) as (keyof (typeof RECORDS)[0])[];
const CSV = [HEADER.join(","), ...RECORDS.map((r) => HEADER.map((h) => r[h]).join(","))].join("\n") + "\n";

let worker: WorkerDriver;
const URI = "test:/worker-reads.zs";
let version = 1;

beforeAll(async () => {
  worker = await startAnalysisWorker();
  const done = worker.analysis(URI, 1);
  await worker.request("open", { uri: URI, text: rubric(), version: 1, data: { name: "platforms.csv", kind: "csv", text: CSV } });
  await done;
});

async function edit(text: string): Promise<{ result: AnalysisResult; rows: ScoreRow[] }> {
  const v = ++version;
  const done = worker.analysis(URI, v);
  await worker.request("update", { uri: URI, text, version: v });
  const result = await done;
  const page = await worker.request("scoreView", { uri: URI, sort: { key: "rank", ascending: true }, start: 0, count: 100 });
  return { result, rows: [...(page?.rows ?? [])].sort((a, b) => a.index - b.index) };
}

/** What a fresh analysis of `text` scores each record: total and 「字段：消息」 errors. */
function fresh(text: string): { total: string | null; errors: string[] }[] {
  const scoring = analyze(text).scoring;
  if (!scoring.scorable) throw new Error(scoring.reason);
  return RECORDS.map((r) => {
    const v = scoring.scorer.score(r);
    return { total: v.total, errors: v.errors.map((e) => `${e.field}：${e.message}`) };
  });
}

const seen = (rows: ScoreRow[]) => rows.map((r) => ({ total: r.total, errors: r.errors }));

describe("records read once, scored for every version", () => {
  it("an edit that makes a value out of range gives the new error (in the table and the data check), and undoing it removes it", async () => {
    const base = await edit(rubric());
    expect(seen(base.rows)).toEqual(fresh(rubric()));
    expect(base.result.dataCheck?.cellCount).toBe(1); // 丙: 30 ÷ 20 × 100 = 150% is above a percentage's range

    const narrowed = rubric(INPUTS.replace("满意度：百分比", "满意度：百分比 范围 0～90"));
    const { result, rows } = await edit(narrowed);
    expect(seen(rows)).toEqual(fresh(narrowed));
    expect(rows[0]!.total).toBeNull();
    expect(rows[0]!.errors.join()).toContain("满意度");
    expect(result.dataCheck?.cells.map((c) => [c.row, c.field])).toEqual([
      [0, "满意度"],
      [2, "专业人员比例"],
    ]);

    const back = await edit(rubric());
    expect(seen(back.rows)).toEqual(seen(base.rows));
    expect(back.result.dataCheck?.cellCount).toBe(1);
  });

  it("an edit of an input's type or of a derived expression reads the data again", async () => {
    const asNumber = rubric(INPUTS.replace("满意度：百分比", "满意度：数值"));
    // 「95%」 is no 数值
    const typed = await edit(asNumber);
    expect(seen(typed.rows)).toEqual(fresh(asNumber));
    expect(typed.rows[0]!.errors.join()).toContain("不能带百分号");

    const inverted = rubric(INPUTS.replace("专业人员 ÷ 从业人员 × 100", "从业人员 ÷ 专业人员 × 100"));
    const { rows, result } = await edit(inverted);
    expect(seen(rows)).toEqual(fresh(inverted));
    // 甲 and 乙 now above 100%, 丙 (20 ÷ 30) within it
    expect(rows.map((r) => r.total === null)).toEqual([true, true, false]);
    expect(result.dataCheck?.cells.map((c) => c.row)).toEqual([0, 1]);
  });

  it("an edit of a threshold changes the totals", async () => {
    const before = await edit(rubric());
    const raised = rubric(INPUTS, "1800");
    const after = await edit(raised);
    expect(seen(after.rows)).toEqual(fresh(raised));
    expect(after.rows[0]!.total).not.toBe(before.rows[0]!.total);
    expect(after.rows.map((r) => r.total)).toEqual(fresh(raised).map((r) => r.total));
    // the table marks what changed since the data was loaded
    expect(after.result.scores?.changed).toBeGreaterThan(0);
  });

  it("an edit of a threshold on a derived input changes the totals (the generated function is the same, its rule is not)", async () => {
    const before = await edit(rubric());
    // 甲: 13 ÷ 20 = 65%, 10 points at 60% and above, 5 when 70% is needed
    const raised = rubric().replace("专业人员比例 60%以上得10分", "专业人员比例 70%以上得10分");
    const after = await edit(raised);
    expect(after.rows.map((r) => r.total)).toEqual(fresh(raised).map((r) => r.total));
    expect(Number(after.rows[0]!.total)).toBe(Number(before.rows[0]!.total) - 5);
    const back = await edit(rubric());
    expect(back.rows.map((r) => r.total)).toEqual(before.rows.map((r) => r.total));
  });
});

describe("a table kept across edits that leave every score (same scoring key)", () => {
  // no rule on a derived input: the scorer has a scoring key
  const plain = (threshold = "1500", top = "优秀") => `评价体系 保留评分
输入
  服务企业家次：计数 家次
  满意度：百分比
类别 服务 20分
  指标 服务规模 10分
    服务企业家次 达${threshold}家次得10分，每少100家次减1分
  指标 服务满意度 10分
    满意度 90%以上得10分，80%以上得6分
等级
  不足15分：一般
  15分以上：${top}
`;
  const uri = "test:/worker-kept.zs";
  let v = 1;
  const editPlain = async (text: string) => {
    const version = ++v;
    const done = worker.analysis(uri, version);
    await worker.request("update", { uri, text, version });
    const result = await done;
    const page = await worker.request("scoreView", { uri, sort: { key: "rank", ascending: true }, start: 0, count: 100 });
    return { result, rows: [...(page?.rows ?? [])].sort((a, b) => a.index - b.index) };
  };
  const freshPlain = (text: string) => {
    const scoring = analyze(text).scoring;
    if (!scoring.scorable) throw new Error(scoring.reason);
    return RECORDS.map((r) => ({ total: scoring.scorer.score(r).total, grade: scoring.scorer.score(r).grade }));
  };
  const shown = (rows: ScoreRow[]) => rows.map((r) => ({ total: r.total, grade: r.grade }));

  beforeAll(async () => {
    const done = worker.analysis(uri, 1);
    await worker.request("open", { uri, text: plain(), version: 1, data: { name: "platforms.csv", kind: "csv", text: CSV } });
    await done;
  });

  it("shows each version's own scores, grade names and fields: a comment and a 描述 keep them, a grade's name and a threshold change them", async () => {
    const base = await editPlain(plain());
    expect(shown(base.rows)).toEqual(freshPlain(plain()));
    const commented = `# 一行注释\n${plain()}`.replace("  满意度：百分比\n", "  满意度：百分比 「第三方抽样调查」\n");
    const kept = await editPlain(commented);
    expect(kept.result.version).toBe(v);
    expect(kept.result.stale).toBe(false);
    expect(shown(kept.rows)).toEqual(freshPlain(commented));
    expect(kept.result.scores?.fields.find((f) => f.name === "满意度")?.description).toBe("第三方抽样调查");
    const renamed = await editPlain(plain("1500", "卓越"));
    expect(shown(renamed.rows)).toEqual(freshPlain(plain("1500", "卓越")));
    expect(renamed.rows.map((r) => r.grade)).toContain("卓越");
    const raised = await editPlain(plain("1800", "卓越"));
    expect(shown(raised.rows)).toEqual(freshPlain(plain("1800", "卓越")));
    expect(raised.rows[0]!.total).not.toBe(renamed.rows[0]!.total);
  });
});
