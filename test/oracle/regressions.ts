/**
 * Records on which the oracle and the engine disagreed (or which a past bug got wrong), kept so the
 * disagreement cannot come back. Each names the rubric (a file in rules/ or an inline text), the record,
 * and what the policy text says, checked by hand.
 */
import { expect } from "vitest";
import { cmp, dec } from "./fraction.ts";
import type { OracleVerdict } from "./oracle.ts";

export interface Regression {
  name: string;
  file?: string;
  text?: string;
  record: Record<string, string>;
  /** The hand-checked outcome, asserted on the oracle (the engine must then agree with the oracle). */
  expect?: (o: OracleVerdict) => void;
}

const QHD = "qinhuangdao/2020/市级中小企业公共服务示范平台认定条件.zs";
const QHD_ALL_MET: Record<string, string> = {
  独立法人单位: "是", 运营年限: "5", 资产总额: "860", 财务收支状况良好: "是", 经营规范有发展前景: "是", 服务中小企业集聚区域或行业: "是",
  满足需求有区域影响力: "是", 服务功能完善特色突出: "是", 从业人数: "32", 专业人员人数: "24", 有固定场所和服务设施: "是", 年服务中小企业数: "410",
  近两年服务企业数量稳定增长: "是", 用户满意度: "93", 有声誉和品牌影响力: "是", 管理制度完善: "是", 有发展规划和品牌建设方案: "是", 负责人素质: "是",
  服务业绩突出示范带动明显: "否",
};

const INNOVATIVE = "national/未注明年度/创新型中小企业评价标准.zs";
const INNOVATIVE_BASE: Record<string, string> = {
  "Ⅰ类高价值知识产权项数": "0", "自主研发的Ⅰ类知识产权项数": "0", "Ⅰ类知识产权项数": "0", "Ⅱ类知识产权项数": "0", 知识产权档次分: "0",
  上年度研发费用总额: "0", 上年度营业收入总额: "5000", 上年度主营业务收入: "2400", 主营业务收入增长率: "-1", 上年末负债总额: "4000", 上年末资产总额: "5000",
  主导产品属于战略性新兴产业: "否", 主导产品属于其他领域: "是", 近三年获得国家级省级科技奖励: "否", 获得高新技术企业等荣誉: "否", 拥有省部级以上研发机构: "否", 近三年新增股权融资总额: "0",
};
const indicator = (o: OracleVerdict, name: string) => o.indicators.find((i) => i.name === name)!.score!;

export const REGRESSIONS: Regression[] = [
  {
    // issue 9: 1190 of 2000 staff is 59.5%, which is below 不低于60% — the old engine rounded the ratio to 60% first
    name: "秦皇岛（三）专业人员比例 1190÷2000 = 59.5%，不满足不低于60%",
    file: QHD,
    record: { ...QHD_ALL_MET, 从业人数: "2000", 专业人员人数: "1190" },
    expect: (o) => {
      expect(cmp(o.derived.get("专业人员比例")!, dec("59.5"))).toBe(0);
      expect(o.eligible).toBe(false);
    },
  },
  {
    // the ratio is exact: 125 ÷ 5000 × 100 = 2.5%, in 「2%-3%」 (10分), not 3% (15分)
    name: "创新型中小企业 研发费用占比 125÷5000 = 2.5%，得10分",
    file: INNOVATIVE,
    record: { ...INNOVATIVE_BASE, 上年度研发费用总额: "125" },
    expect: (o) => expect(cmp(indicator(o, "上年度研发费用总额占营业收入总额比重"), dec("10"))).toBe(0),
  },
  {
    // 249.99 ÷ 5000 × 100 = 4.9998%: below 5%, in 「3%-5%」 (15分)
    name: "创新型中小企业 研发费用占比 249.99÷5000 = 4.9998%，得15分",
    file: INNOVATIVE,
    record: { ...INNOVATIVE_BASE, 上年度研发费用总额: "249.99" },
    expect: (o) => expect(cmp(indicator(o, "上年度研发费用总额占营业收入总额比重"), dec("15"))).toBe(0),
  },
];
