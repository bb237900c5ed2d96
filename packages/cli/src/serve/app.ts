/**
 * The HTTP service of `zhunsheng serve`: the rubrics of a rules folder for the systems that
 * collect platforms' data. Fastify (low overhead, JSON-Schema routes, request limits and an
 * OpenAPI generator that are maintained with it). Every answer is JSON in the shapes of
 * schema.ts; every error is `{ error: { code, message } }` in Chinese with a stable code.
 * Platform data is read by @zhunsheng/data's JSON reader (digits kept exactly, no float round
 * trip, non-scalar values refused); rubric text posted to /check is analysed, never run.
 */
import { Readable } from "node:stream";
import Fastify, { type FastifyError, type FastifyInstance, type FastifyRequest } from "fastify";
import swagger from "@fastify/swagger";
import { analyze, type RowScorer } from "@zhunsheng/core";
import { expectedColumnsOf, formatDataError, readDataBytes, type DataRow } from "@zhunsheng/data";
import { version as cliVersion } from "../main.ts";
import { createVerdictText, diagnosticJson, explanationJson, unnamedPlatform, unreadableRowJson, verdictJson } from "../results.ts";
import { SCHEMAS } from "./schema.ts";
import type { Catalogue, CatalogueEntry } from "./catalogue.ts";

export interface Limits {
  /** Largest request body, bytes. */
  bodyBytes: number;
  /** Most platforms in one batch. */
  batch: number;
  /** Largest rubric text posted to /check, characters. */
  rubricChars: number;
}

export const DEFAULT_LIMITS: Limits = { bodyBytes: 256 * 1024 * 1024, batch: 100_000, rubricChars: 1_000_000 };

/** The service's error codes (ZS7xxx); data errors keep their ZS6xxx codes. */
const ERRORS = {
  ZS7001: [404, "找不到评价体系"],
  ZS7002: [409, "评价体系有错误，无法评分"],
  ZS7003: [400, "请求体不是合法的 JSON"],
  ZS7004: [413, "请求体过大"],
  ZS7005: [413, "一次评分的平台过多"],
  ZS7006: [415, "不支持的请求体类型"],
  ZS7007: [404, "没有这个接口"],
  ZS7008: [400, "请求缺少内容"],
  ZS7009: [500, "服务内部错误"],
  ZS7010: [400, "数据无法读取"],
} as const;
type ErrorCode = keyof typeof ERRORS;

class ServiceError extends Error {
  constructor(
    readonly code: ErrorCode | `ZS6${string}`,
    message: string,
    readonly status: number = ERRORS[code as ErrorCode]?.[0] ?? 400,
    readonly extra: { row?: number; diagnostics?: unknown[] } = {},
  ) {
    super(message);
  }
}

const errorBody = (code: string, message: string, extra: object = {}) => ({ error: { code, message, ...extra } });

const ref = (id: string) => ({ $ref: `${id}#` });
const errorResponses = (...statuses: number[]) => Object.fromEntries(statuses.map((s) => [s, { description: "错误", ...ref("error.json") }]));
const idParam = { type: "object", required: ["id"], properties: { id: { type: "string", description: "体系编号：规则目录中的路径，去掉 .zs（如 national/2024/中小企业公共服务规范评价指标），URL 编码" } } };

export async function buildServer(catalogue: Catalogue, limits: Limits = DEFAULT_LIMITS): Promise<FastifyInstance> {
  const app = Fastify({
    bodyLimit: limits.bodyBytes,
    // our own validation gives Chinese messages with codes; schemas document and are tested against
    ajv: { customOptions: { strict: false } },
    logger: false,
    requestTimeout: 120_000,
  });
  app.setValidatorCompiler(() => () => true);
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  for (const s of SCHEMAS) app.addSchema(s);
  await app.register(swagger, {
    openapi: {
      openapi: "3.0.3",
      info: {
        title: "准绳评分服务",
        version: cliVersion(),
        description: "用规则目录中的评价指标体系为平台评分、说明得分、检查体系文本。所有数值为精确小数字符串；错误为 { error: { code, message } }，消息为中文。",
      },
    },
    refResolver: { buildLocalReference: (json) => String(json["$id"]).replace(/\.json$/, "") },
  });

  // raw bytes for JSON bodies: platform data is read by @zhunsheng/data (exact digits), rubric text by the core
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(["application/json", "text/plain"], { parseAs: "buffer", bodyLimit: limits.bodyBytes }, (_req, body, done) => done(null, body));
  app.addContentTypeParser("*", (req, _payload, done) => done(new ServiceError("ZS7006", `不支持的请求体类型「${req.headers["content-type"] ?? "无"}」：请用 application/json（平台数据）或 text/plain（体系文本）`), undefined));

  app.setErrorHandler((error: FastifyError | ServiceError, _req, reply) => {
    if (error instanceof ServiceError) return reply.code(error.status).send(errorBody(error.code, error.message, error.extra));
    if (error.code === "FST_ERR_CTP_BODY_TOO_LARGE") return reply.code(413).send(errorBody("ZS7004", `请求体超过上限 ${(limits.bodyBytes / 1024 / 1024).toFixed(0)} MB：请分批提交`));
    if (error.code === "FST_ERR_CTP_EMPTY_JSON_BODY" || error.code === "FST_ERR_CTP_EMPTY_TYPE") return reply.code(400).send(errorBody("ZS7008", "请求体为空"));
    if (error.code === "FST_ERR_CTP_INVALID_MEDIA_TYPE") return reply.code(415).send(errorBody("ZS7006", "不支持的请求体类型：请用 application/json 或 text/plain"));
    if (typeof error.statusCode === "number" && error.statusCode < 500) return reply.code(error.statusCode).send(errorBody("ZS7008", `请求有误：${error.message}`));
    return reply.code(500).send(errorBody("ZS7009", "服务内部错误，请报告此问题（请求已记录）"));
  });
  app.setNotFoundHandler((req, reply) => reply.code(404).send(errorBody("ZS7007", `没有这个接口：${req.method} ${req.url.split("?")[0]}（接口列表见 /openapi.json）`)));

  const entry = (req: FastifyRequest): CatalogueEntry => {
    const id = (req.params as { id: string }).id;
    const e = catalogue.entries.get(id);
    if (!e) {
      const near = [...catalogue.entries.keys()].filter((k) => k.endsWith(id) || k.includes(id)).slice(0, 3);
      throw new ServiceError("ZS7001", `找不到评价体系「${id}」${near.length ? `，你是不是想找「${near.join("」「")}」？` : ""}（体系列表见 GET /rubrics）`);
    }
    return e;
  };
  const scorable = (e: CatalogueEntry) => {
    if (!e.scorer) throw new ServiceError("ZS7002", `评价体系「${e.id}」有${e.blocking.length}个错误，无法评分`, 409, { diagnostics: e.blocking });
    return e.scorer;
  };

  app.get("/openapi.json", { schema: { hide: true } }, async () => app.swagger());
  app.get("/schemas/:name", { schema: { hide: true } }, async (req) => {
    const name = (req.params as { name: string }).name;
    const s = SCHEMAS.find((x) => x.$id === name);
    if (!s) throw new ServiceError("ZS7007", `没有这个模式：${name}（可用：${SCHEMAS.map((x) => x.$id).join("、")}）`, 404);
    return s;
  });

  const rubricSummary = {
    type: "object",
    properties: {
      id: { type: "string" },
      file: { type: "string" },
      version: { type: "string", description: "体系文本的 SHA-256" },
      name: { type: "string" },
      region: { type: "string" },
      year: { type: "string" },
      platformType: { type: "string" },
      scorable: { type: "boolean" },
      inputs: { type: "array", items: { type: "object", properties: { name: { type: "string" }, kind: { type: "string" }, type: { type: "string" }, unit: { type: "string" }, min: { type: "string" }, max: { type: "string" }, description: { type: "string" } } } },
    },
  };
  const summary = (e: CatalogueEntry) => {
    const r = e.rubric;
    return {
      id: e.id,
      file: e.file,
      version: e.version,
      name: r?.header.title ?? "",
      ...(r?.header.region ? { region: r.header.region } : {}),
      ...(r?.header.year ? { year: r.header.year } : {}),
      ...(r?.header.platformType ? { platformType: r.header.platformType } : {}),
      scorable: e.scorer !== undefined,
      inputs: (r?.inputs ?? []).map((i) => ({
        name: i.name,
        kind: i.kind,
        type: i.type,
        ...(i.unit ? { unit: i.unit } : {}),
        ...(i.min !== undefined ? { min: i.min } : {}),
        ...(i.max !== undefined ? { max: i.max } : {}),
        ...(i.description ? { description: i.description } : {}),
      })),
    };
  };

  app.get("/rubrics", { schema: { summary: "列出评价体系及其版本和输入", response: { 200: { type: "object", properties: { rubrics: { type: "array", items: rubricSummary } } } } } }, async () => ({
    rubrics: [...catalogue.entries.values()].map(summary),
  }));

  app.get("/rubrics/:id", { schema: { summary: "一个评价体系：版本、输入、能否评分及其错误", params: idParam, response: { 200: rubricSummary, ...errorResponses(404) } } }, async (req) => {
    const e = entry(req);
    return { ...summary(e), diagnostics: e.analysis.diagnostics.map((d) => diagnosticJson(d)) };
  });

  /** The posted platforms, read exactly; `single` requires one object. */
  const platformsOf = async (req: FastifyRequest, e: CatalogueEntry, single: boolean): Promise<DataRow[]> => {
    const body = req.body as Buffer | undefined;
    if (!body || body.length === 0) throw new ServiceError("ZS7008", single ? "请求体为空：请提交一个平台的数据（JSON 对象）" : "请求体为空：请提交平台数据的 JSON 数组");
    const text = body.toString("utf8").trim();
    if (single && !text.startsWith("{")) throw new ServiceError("ZS7010", "请求体应为一个平台的数据（JSON 对象）；多个平台请用 /batch");
    if (!single && !text.startsWith("[")) throw new ServiceError("ZS7010", "请求体应为平台数据的 JSON 数组；单个平台请用 /score");
    const bytes = single ? Buffer.concat([Buffer.from("["), body, Buffer.from("]")]) : body;
    const table = await readDataBytes(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), { format: "json", expected: expectedColumnsOf(e.rubric!.inputs) });
    const fatal = table.errors.find((x) => x.severity === "error" && (table.failed || x.row === undefined));
    if (fatal) throw new ServiceError(fatal.code, formatDataError("请求体", fatal), 400, fatal.row !== undefined ? { row: fatal.row } : {});
    if (!single && table.rows.length > limits.batch) throw new ServiceError("ZS7005", `一次最多提交 ${limits.batch.toLocaleString("en")} 个平台，本次 ${table.rows.length.toLocaleString("en")} 个：请分批提交`);
    return table.rows;
  };

  /** Verdicts of rows, each row's columns bound once (JSON objects may differ in their fields). */
  const scoreRows = (e: CatalogueEntry) => {
    const scorer = scorable(e);
    let bound: { columns: readonly string[]; rows: RowScorer } | undefined;
    return (row: DataRow, n: number) => {
      if (row.columns !== bound?.columns) bound = { columns: row.columns, rows: scorer.bindColumns(row.columns) };
      return { row, verdict: row.errors ? undefined : bound.rows.score(row.values), name: row.platform ?? unnamedPlatform(n), rowScorer: bound.rows };
    };
  };
  const unreadable = (row: DataRow, name: string, n: number) => unreadableRowJson(name, n, row.errors ?? []);

  app.post(
    "/rubrics/:id/score",
    { schema: { summary: "为一个平台评分", params: idParam, body: ref("record.json"), response: { 200: ref("verdict.json"), ...errorResponses(400, 404, 409, 413, 415) } } },
    async (req, reply) => {
      const e = entry(req);
      const rows = await platformsOf(req, e, true);
      const scored = scoreRows(e)(rows[0]!, 1);
      reply.type("application/json");
      return scored.verdict ? verdictJson(scored.verdict, scored.name, 1) : unreadable(scored.row, scored.name, 1);
    },
  );

  app.post(
    "/rubrics/:id/explain",
    { schema: { summary: "为一个平台评分并说明每一项得分", params: idParam, body: ref("record.json"), response: { 200: ref("explained.json"), ...errorResponses(400, 404, 409, 413, 415) } } },
    async (req) => {
      const e = entry(req);
      const rows = await platformsOf(req, e, true);
      const scored = scoreRows(e)(rows[0]!, 1);
      if (!scored.verdict) throw new ServiceError(scored.row.errors![0]!.code, scored.row.errors!.map((x) => x.message).join("；"), 400, { row: 1 });
      return { ...verdictJson(scored.verdict, scored.name, 1), explanation: explanationJson(scored.rowScorer.explain(scored.row.values)) };
    },
  );

  app.post(
    "/rubrics/:id/batch",
    {
      schema: {
        summary: `为一批平台评分（一次最多 ${limits.batch.toLocaleString("en")} 个）`,
        description: "请求体为平台数据的 JSON 数组；结果为同样顺序的评分结果数组，逐个写出（流式）。某个平台数据有误时，它的 total 为 null，errors 列出原因。",
        params: idParam,
        body: { type: "array", items: ref("record.json") },
        response: { 200: { type: "array", items: ref("verdict.json") }, ...errorResponses(400, 404, 409, 413, 415) },
      },
    },
    async (req, reply) => {
      const e = entry(req);
      const rows = await platformsOf(req, e, false);
      const score = scoreRows(e);
      const text = createVerdictText();
      // the answer is written as it is scored: a 100,000-platform batch never becomes one string
      const chunks = function* () {
        let out = "[";
        for (let n = 1; n <= rows.length; n++) {
          const s = score(rows[n - 1]!, n);
          out += (n === 1 ? "\n" : ",\n") + (s.verdict ? text(s.verdict, s.name, n) : JSON.stringify(unreadable(s.row, s.name, n)));
          if (out.length >= 1 << 16) {
            yield out;
            out = "";
          }
        }
        yield out + (rows.length === 0 ? "]\n" : "\n]\n");
      };
      reply.type("application/json; charset=utf-8");
      return reply.send(Readable.from(chunks(), { objectMode: false }));
    },
  );

  app.post(
    "/check",
    {
      schema: {
        summary: "检查一段体系文本（只分析，不保存、不执行）",
        body: { type: "string", description: "体系文本（text/plain，UTF-8）" },
        response: { 200: { type: "object", properties: { scorable: { type: "boolean" }, errors: { type: "integer" }, diagnostics: { type: "array", items: ref("diagnostic.json") } } }, ...errorResponses(400, 413, 415) },
      },
    },
    async (req) => {
      const body = req.body as Buffer | undefined;
      if (!body || body.length === 0) throw new ServiceError("ZS7008", "请求体为空：请提交体系文本（text/plain）");
      let text: string;
      try {
        text = new TextDecoder("utf-8", { fatal: true }).decode(body);
      } catch {
        throw new ServiceError("ZS7010", "体系文本不是 UTF-8 编码");
      }
      if (text.length > limits.rubricChars) throw new ServiceError("ZS7004", `体系文本超过 ${limits.rubricChars.toLocaleString("en")} 个字符`, 413);
      const a = analyze(text, "提交的体系.zs");
      const errors = a.diagnostics.filter((d) => d.severity === "error").length;
      return { scorable: a.scoring.scorable, errors, diagnostics: a.diagnostics.map((d) => diagnosticJson(d)) };
    },
  );

  await app.ready();
  return app;
}
