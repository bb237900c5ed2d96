/** `<|>` marks the cursor in a test source (Langium's marker helpers). */
import { createDocument, type LanguageDocument } from "../../packages/language-service/src/index.ts";

export const MARKER = "<|>";

export function at(source: string): { doc: LanguageDocument; offset: number; text: string } {
  const offset = source.indexOf(MARKER);
  if (offset < 0) throw new Error("no <|> marker in test source");
  const text = source.slice(0, offset) + source.slice(offset + MARKER.length);
  return { doc: createDocument(text, "test.zs"), offset, text };
}

/** A small rubric around the Hunan 服务企业数 indicator, for most tests. */
export function hunan(indicatorBody: string, extraInputs = ""): string {
  return `评价体系 测试体系
  地区：湖南省
  满分：25分

输入
  服务企业家次：计数 家次 越多越好
  网站日常维护：是否
${extraInputs}
类别 平台活跃度（25分）
  指标 「服务企业数（家次）」15分
${indicatorBody}

  指标 网站 10分
    网站日常维护 得10分
`;
}
