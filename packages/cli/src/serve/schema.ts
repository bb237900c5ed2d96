/**
 * JSON Schemas (draft-07) of what 准绳 reads and writes as JSON: a platform's data record, the
 * verdict (`score --json`, `score --jsonl`, the service's score and batch), the explanation tree
 * (`explain --json`, the service's explain), diagnostics, and the service's errors. The service
 * serves them and its OpenAPI document is built from them; a test validates the CLI's and the
 * service's output against them, so the shapes in results.ts and these cannot drift apart.
 */

const decimal = { type: "string", pattern: "^-?\\d+(\\.\\d+)?$", description: "精确小数，以字符串表示（4.05 即 \"4.05\"）" } as const;

export const RECORD_SCHEMA = {
  $id: "record.json",
  title: "平台数据记录",
  description: "一个平台的数据：字段名为体系的输入名称，另有「名称」或「平台名称」。值为字符串、数字、是否（true/false、是/否）或 null（缺失）；数字尽量写成字符串以保留全部位数。",
  type: "object",
  additionalProperties: { type: ["string", "number", "boolean", "null"] },
  examples: [{ 名称: "示例·甲平台", 服务企业家次: "1200", 网站维护: "是" }],
} as const;

export const VERDICT_SCHEMA = {
  $id: "verdict.json",
  title: "评分结果",
  type: "object",
  required: ["platform", "total", "grade", "eligible", "categories", "indicators", "errors"],
  additionalProperties: false,
  properties: {
    platform: { type: "string", description: "平台名称（数据中没有名称时为「第N个平台」）" },
    row: { type: "integer", minimum: 1, description: "平台在数据中的位置：CSV 的行号，JSON 数组或批量请求中的第几个（从1起）" },
    total: { anyOf: [decimal, { type: "null" }], description: "总分；数据有误时为 null" },
    grade: { type: ["string", "null"], description: "等级或星级；体系没有等级时为 null" },
    eligible: { type: ["boolean", "null"], description: "是否符合认定条件；体系没有认定条件时为 null" },
    vetoed: { type: "string", description: "被否决时的结论" },
    relaxed: { type: "array", items: { type: "string" }, description: "放宽适用的条件" },
    categories: {
      type: "array",
      description: "各类别（及加分项）小计",
      items: {
        type: "object",
        required: ["name", "kind", "score", "max"],
        additionalProperties: false,
        properties: {
          name: { type: "string" },
          kind: { enum: ["category", "bonus", "deduction"], description: "category 类别，bonus 加分项，deduction 扣分项" },
          score: decimal,
          max: decimal,
        },
      },
    },
    indicators: {
      type: "array",
      description: "各指标得分",
      items: {
        type: "object",
        required: ["path", "name", "category", "score", "max"],
        additionalProperties: false,
        properties: {
          path: { type: "string", description: "「类别/指标」，说明树和编辑器用它指称指标（名称中可能含「/」，以 name 和 category 为准）" },
          name: { type: "string", description: "指标名称" },
          category: { type: "string", description: "所属类别（或加分项、扣分项）的名称" },
          score: { anyOf: [decimal, { type: "null" }], description: "得分；数据有误时为 null" },
          max: decimal,
          weight: decimal,
        },
      },
    },
    errors: {
      type: "array",
      description: "该平台的数据错误（缺项、非数字、超出范围…）",
      items: { type: "object", required: ["field", "message"], additionalProperties: false, properties: { field: { type: "string" }, message: { type: "string" } } },
    },
  },
} as const;

export const EXPLANATION_SCHEMA = {
  $id: "explanation.json",
  title: "得分说明树",
  type: "object",
  required: ["label", "text", "children"],
  additionalProperties: false,
  properties: {
    label: { type: "string" },
    text: { type: "string", description: "中文说明句" },
    score: decimal,
    max: decimal,
    children: { type: "array", items: { $ref: "explanation.json" } },
  },
} as const;

export const EXPLAINED_SCHEMA = {
  $id: "explained.json",
  title: "评分结果与说明",
  description: "评分结果的全部字段，另加 explanation（说明树）",
  type: "object",
  required: [...VERDICT_SCHEMA.required, "explanation"],
  additionalProperties: false,
  properties: { ...VERDICT_SCHEMA.properties, explanation: { $ref: "explanation.json" } },
} as const;

export const DIAGNOSTIC_SCHEMA = {
  $id: "diagnostic.json",
  title: "诊断",
  type: "object",
  required: ["line", "column", "endLine", "endColumn", "severity", "code", "message"],
  additionalProperties: false,
  properties: {
    file: { type: "string" },
    line: { type: "integer" },
    column: { type: "integer" },
    endLine: { type: "integer" },
    endColumn: { type: "integer" },
    severity: { enum: ["error", "warning", "info", "hint"] },
    code: { type: "string", pattern: "^ZS\\d{4}$" },
    message: { type: "string" },
    fix: {
      type: "object",
      description: "首选的快速修复：把每段范围替换为 newText",
      required: ["title", "edits"],
      additionalProperties: false,
      properties: {
        title: { type: "string" },
        edits: {
          type: "array",
          items: {
            type: "object",
            required: ["line", "column", "endLine", "endColumn", "newText"],
            additionalProperties: false,
            properties: { line: { type: "integer" }, column: { type: "integer" }, endLine: { type: "integer" }, endColumn: { type: "integer" }, newText: { type: "string" } },
          },
        },
      },
    },
  },
} as const;

export const ERROR_SCHEMA = {
  $id: "error.json",
  title: "错误",
  type: "object",
  required: ["error"],
  additionalProperties: false,
  properties: {
    error: {
      type: "object",
      required: ["code", "message"],
      additionalProperties: false,
      properties: {
        code: { type: "string", description: "稳定的错误代码（ZS7xxx 服务，ZS6xxx 数据）" },
        message: { type: "string", description: "中文，说明哪里不对、怎么办" },
        row: { type: "integer", description: "出错的平台在请求中的位置（从1起）" },
        diagnostics: { type: "array", items: { $ref: "diagnostic.json" } },
      },
    },
  },
} as const;

export const SCHEMAS = [RECORD_SCHEMA, VERDICT_SCHEMA, EXPLANATION_SCHEMA, EXPLAINED_SCHEMA, DIAGNOSTIC_SCHEMA, ERROR_SCHEMA] as const;
