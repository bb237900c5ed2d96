import { describe, expect, it } from "vitest";
import { curve, intervalNotation, keyPoints, partMeaning } from "../../packages/core/src/index.ts";
import { load, rubricText } from "./helpers.ts";

const t = rubricText(
  "  服务企业家次：计数 家次 越多越好\n  资产总额：金额 万元",
  `类别 甲（17分）\n  指标 服务企业数 15分\n    服务企业家次 达1500家次得15分，每少100家次减1分\n  指标 资产 2分\n    资产总额 基准200万元，满分1000万元，其间按线性计`,
);

describe("curve and meaning", () => {
  const { rubric } = load(t);
  it("samples the score where it changes, with the threshold closed at 1500", () => {
    const c = curve(rubric, "服务企业数", "服务企业家次")!;
    const at = (x: string) => c.points.find((p) => p.x === x)?.y;
    expect(at("1500")).toBe("15");
    expect(at("1499")).toBe("15");
    expect(at("1400")).toBe("14");
    expect(at("1399")).toBe("14"); // 101 short: one complete step
    expect(at("1300")).toBe("13");
    expect(at("0")).toBe("0");
    expect(c.thresholds).toContainEqual({ x: "1500", closed: true, label: "达1500家次" });
    expect(keyPoints(c).map((p) => p.x)).toContain("1500");
  });
  it("samples a count at whole values only and lists each threshold once", () => {
    const c = curve(rubric, "服务企业数", "服务企业家次")!;
    expect(c.points.every((p) => Number.isInteger(Number(p.x)))).toBe(true);
    const keys = c.thresholds.map((t) => `${t.x}${t.closed}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
  it("is straight between baseline and full score", () => {
    const c = curve(rubric, "资产", "资产总额")!;
    const ys = c.points.filter((p) => Number(p.x) >= 200 && Number(p.x) <= 1000).map((p) => Number(p.y));
    expect(ys[0]).toBe(0);
    expect(ys[ys.length - 1]).toBe(2);
    expect([...ys].sort((a, b) => a - b)).toEqual(ys);
  });
  it("states the exact meaning in words", () => {
    const ind = rubric.indicators[0]!;
    const text = partMeaning(ind.rules[0]!.parts[0]!, ind.rules[0]!.subjects[0]!, ind.max);
    expect(text).toBe("服务企业家次 ≥ 1500家次 得15分；不足时每差100家次减1分（不足一档不计，默认读法），最低0分");
    expect(intervalNotation({ lo: { value: "60", closed: true }, hi: { value: "70", closed: false }, text: "" }, "%")).toBe("[60%, 70%)");
  });
});
