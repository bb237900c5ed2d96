/**
 * The hand-written baseline of the end-to-end score benchmark, as an engineer would write it
 * without 准绳: a plain split-based CSV reader, the national norm hand-coded on binary floats,
 * and the same JSON array `zhunsheng score --json` prints (same keys, same order, same decimals;
 * the benchmark compares the two outputs before it reports a ratio).
 *   usage: node --import tsx/esm test/bench/score-baseline.ts <data.csv>  (JSON on stdout)
 */
import { closeSync, openSync, readSync, writeSync } from "node:fs";

type Row = (name: string) => number;

const cap = (v: number) => (v > 100 ? 100 : v);
const yes = (v: number, points: number) => (v ? points : 0);

/** [category, its maximum, [indicator, weight, score(row)][]] in the rubric's order. */
const RUBRIC: [string, string, [string, string, (r: Row) => number][]][] = [
  [
    "需求响应",
    "20",
    [
      ["与中小企业沟通交流的渠道", "0.05", (r) => cap(20 * r("沟通渠道种数"))],
      ["对中小企业实际服务需求的把握", "0.05", (r) => cap(5 * r("服务对接个数"))],
      ["服务方案的针对性、可操作性", "0.05", (r) => cap(yes(r("方案及时制定"), 30) + r("方案内容要素酌情分"))],
      ["服务收费的科学性、合理性", "0.05", (r) => cap(yes(r("收费标准公示"), 50) + (r("公益服务年度占比") >= 10 ? 30 : 0) + r("小微优惠酌情分"))],
    ],
  ],
  [
    "服务执行",
    "22",
    [
      ["服务执行人员的配置", "0.05", (r) => cap(yes(r("服务专家库"), 50) + (r("执行人员服务经验年数") >= 1 ? 30 : 0) + yes(r("执行人员执业资格"), 10) + r("人员安排酌情分"))],
      ["服务场地、设施、设备等物资的调配", "0.05", (r) => cap(yes(r("服务场地落实"), 50) + yes(r("服务设备物资充足"), 40) + r("其他资源调配酌情分"))],
      ["服务成本的支出管理", "0.05", (r) => cap(yes(r("费用支出规范"), 50) + yes(r("费用核算规范"), 40) + r("合理支出酌情分"))],
      ["服务方案执行", "0.07", (r) => cap(yes(r("按时完成服务"), 50) + yes(r("实现方案预定目标"), 30) + yes(r("及时调整优化举措"), 20))],
    ],
  ],
  [
    "质量管控",
    "24",
    [
      ["服务质量管控体系的建立", "0.07", (r) => cap(yes(r("管理制度匹配"), 40) + yes(r("服务标准不低于行业要求"), 20) + yes(r("服务流程科学"), 20) + yes(r("评价投诉机制"), 20))],
      ["制度执行和质量管理", "0.07", (r) => cap(2 * r("服务记录条数") + 5 * r("服务意见条数"))],
      [
        "服务的自评估与企业评价",
        "0.05",
        (r) => {
          const sat = r("企业满意度");
          return r("第三方抽样满意度") < 60 ? 0 : cap(yes(r("满意度调查评价"), 50) + (sat >= 60 && sat < 70 ? 20 : 0) + (sat >= 70 ? 10 * Math.floor((sat - 70) / 10) : 0));
        },
      ],
      ["服务工作归档及经验总结", "0.05", (r) => cap(yes(r("服务台账清晰"), 50) + 5 * r("服务档案份数"))],
    ],
  ],
  [
    "服务成效",
    "20",
    [
      [
        "服务项目年度服务企业数量",
        "0.06",
        (r) => {
          const n = r("年度服务企业数");
          return cap(Math.min(80, (n >= 100 ? 50 : 0) + (n >= 100 ? 10 * Math.floor((n - 100) / 100) : 0)) + (r("服务企业数同比增长率") >= 10 ? 10 : 0) + (r("大型服务活动场数") >= 1 ? 10 : 0));
        },
      ],
      [
        "服务项目服务单一企业频次",
        "0.06",
        (r) => {
          const f = r("年均单一企业接受服务次数");
          return cap((f >= 1 && f < 1.5 ? 50 : 0) + (f >= 1.5 && f <= 2 ? 30 : 0) + (f > 2 ? 10 * Math.floor(f - 2) : 0));
        },
      ],
      ["中小企业获得的服务收益", "0.08", (r) => cap(yes(r("满足基本服务需求"), 60) + yes(r("服务效益超过预期"), 30) + r("额外服务效益酌情分"))],
    ],
  ],
  [
    "服务保障",
    "14",
    [
      ["服务人员能力提升和继续教育", "0.06", (r) => (r("培训计划完整开展") ? cap(20 * r("培训记录次数")) : 0)],
      ["持续创新服务的内容、形式等", "0.08", (r) => cap(yes(r("服务规划衔接需求"), 40) + 40 * r("创新点个数") + 20 * r("市级以上认可项数"))],
    ],
  ],
];

/** Two decimals, as the rubric's 精度 says, without trailing zeros. */
const decimal = (x: number) => String(Math.round(x * 100) / 100);

function main(path: string): void {
  const fd = openSync(path, "r");
  const chunk = Buffer.alloc(1 << 20);
  const decoder = new TextDecoder("utf-8");
  let column = new Map<string, number>();
  let header = true;
  let line = 1;
  let rest = "";
  let out = "[";
  let first = true;
  const flush = (force: boolean) => {
    if (out.length >= 1 << 16 || force) {
      writeSync(1, out);
      out = "";
    }
  };
  const scoreLine = (text: string) => {
    line++;
    if (text === "") return;
    const cells = text.split(",");
    if (header) {
      column = new Map(cells.map((c, i) => [c.replace(/^\uFEFF/, ""), i]));
      header = false;
      return;
    }
    const r: Row = (name) => {
      const v = cells[column.get(name)!]!;
      return v === "是" ? 1 : v === "否" ? 0 : Number(v);
    };
    const categories: { name: string; kind: string; score: string; max: string }[] = [];
    const indicators: { path: string; name: string; category: string; score: string; max: string; weight: string }[] = [];
    let total = 0;
    for (const [category, max, list] of RUBRIC) {
      let subtotal = 0;
      for (const [name, weight, score] of list) {
        const s = score(r);
        subtotal += Number(weight) * s;
        indicators.push({ path: `${category}/${name}`, name, category, score: String(s), max: "100", weight });
      }
      total += subtotal;
      categories.push({ name: category, kind: "category", score: decimal(subtotal), max });
    }
    const vetoed = r("造成重大损失") === 1 || r("违法违规效应") === 1;
    const t = Math.round(total * 100) / 100;
    const verdict = {
      platform: cells[column.get("名称")!]!,
      row: line - 1,
      total: String(t),
      grade: vetoed || t < 60 ? "不合格" : t < 80 ? "合格" : "优秀",
      eligible: null,
      ...(vetoed ? { vetoed: "不合格" } : {}),
      categories,
      indicators,
      errors: [],
    };
    out += (first ? "\n" : ",\n") + JSON.stringify(verdict);
    first = false;
    flush(false);
  };
  for (let n = readSync(fd, chunk); n > 0; n = readSync(fd, chunk)) {
    const lines = (rest + decoder.decode(chunk.subarray(0, n), { stream: true })).split("\n");
    rest = lines.pop()!;
    for (const l of lines) scoreLine(l);
  }
  scoreLine(rest + decoder.decode());
  closeSync(fd);
  out += first ? "]\n" : "\n]\n";
  flush(true);
}

main(process.argv[2]!);
