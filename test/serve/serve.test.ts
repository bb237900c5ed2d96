/**
 * `zhunsheng serve` through real HTTP requests (issue 13): the documented API on the rules
 * library, answers validated against the JSON Schemas that `score --json` shares, bad and
 * oversized requests answered with Chinese errors and codes, rubric text never run, the rules
 * folder never written; and once as a user starts it, the CLI process on a port.
 */
import { execFileSync, spawn } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Ajv from "ajv";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildServer } from "../../packages/cli/src/serve/app.ts";
import { loadCatalogue } from "../../packages/cli/src/serve/catalogue.ts";
import { SCHEMAS } from "../../packages/cli/src/serve/schema.ts";

const root = new URL("../../", import.meta.url).pathname;
const NATIONAL = "national/2024/中小企业公共服务规范评价指标";
const sample = (id: string) => readFileSync(join(root, "rules/samples", `${id}.csv`), "utf8");

/** The sample CSV of a rubric as JSON records (strings, as a data system would send them). */
function sampleRecords(id: string): Record<string, string>[] {
  const [head, ...lines] = sample(id).trim().split("\n");
  const columns = head!.split(",");
  return lines.map((l) => Object.fromEntries(l.split(",").map((v, i) => [columns[i]!, v])));
}

let rules: string;
let app: FastifyInstance;
let base: string;
const ajv = new Ajv({ allErrors: true, strict: false });
for (const s of SCHEMAS) ajv.addSchema(s);
const valid = (schema: string, data: unknown) => {
  const ok = ajv.validate(schema, data);
  return ok ? "valid" : ajv.errorsText(ajv.errors);
};

/** Every file of a folder with its size and modification time: what a read-only service leaves alone. */
function snapshot(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .sort()
    .map((f) => {
      const st = statSync(join(dir, f));
      return `${f} ${st.size} ${st.mtimeMs}`;
    });
}

beforeAll(async () => {
  rules = mkdtempSync(join(tmpdir(), "zs-serve-rules-"));
  cpSync(join(root, "rules"), rules, { recursive: true, filter: (src) => !src.includes("/samples") });
  app = await buildServer(loadCatalogue(rules, root), { bodyBytes: 2 * 1024 * 1024, batch: 500, rubricChars: 200_000 });
  base = await app.listen({ port: 0, host: "127.0.0.1" });
});
afterAll(async () => {
  await app?.close();
});

const post = (path: string, body: string, type = "application/json") => fetch(base + path, { method: "POST", body, headers: { "content-type": type } });
const rubricPath = (id: string) => `/rubrics/${encodeURIComponent(id)}`;

describe("the documented API", () => {
  it("serves its OpenAPI document and the shared schemas", async () => {
    const doc = (await (await fetch(`${base}/openapi.json`)).json()) as { openapi: string; paths: Record<string, unknown>; components: { schemas: Record<string, unknown> } };
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths).sort()).toEqual(["/check", "/rubrics", "/rubrics/{id}", "/rubrics/{id}/batch", "/rubrics/{id}/explain", "/rubrics/{id}/score"]);
    expect(Object.keys(doc.components.schemas)).toEqual(expect.arrayContaining(["record", "verdict", "explanation", "diagnostic", "error"]));
    const verdict = await (await fetch(`${base}/schemas/verdict.json`)).json();
    expect(verdict).toEqual(SCHEMAS.find((s) => s.$id === "verdict.json"));
  });

  it("lists every rubric of the folder with its version (sha256 of the text) and inputs", async () => {
    const { rubrics } = (await (await fetch(`${base}/rubrics`)).json()) as { rubrics: { id: string; version: string; scorable: boolean; inputs: { name: string }[] }[] };
    const national = rubrics.find((r) => r.id === NATIONAL)!;
    expect(national.version).toMatch(/^[0-9a-f]{64}$/);
    expect(national.scorable).toBe(true);
    expect(national.inputs.map((i) => i.name)).toContain("年度服务企业数");
    expect(rubrics.length).toBe(readdirSync(rules, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".zs")).length);
  });

  it("scores one platform exactly as `zhunsheng score --json` does, in the verdict schema", async () => {
    const [first] = sampleRecords(NATIONAL);
    const res = await post(`${rubricPath(NATIONAL)}/score`, JSON.stringify(first));
    expect(res.status).toBe(200);
    const v = await res.json();
    expect(valid("verdict.json", v)).toBe("valid");
    expect(v).toMatchObject({ platform: first!["名称"], total: "68.1", grade: "合格", categories: expect.arrayContaining([{ name: "需求响应", kind: "category", score: "15.5", max: "20" }]) });
  });

  it("scores a batch in order, with bad data as null totals and reasons, every answer in the schema", async () => {
    const records: Record<string, string>[] = sampleRecords(NATIONAL);
    records[1] = { ...records[1]!, 年度服务企业数: "很多" };
    const res = await post(`${rubricPath(NATIONAL)}/batch`, JSON.stringify(records));
    expect(res.status).toBe(200);
    const verdicts = (await res.json()) as { platform: string; row: number; total: string | null; errors: { message: string }[] }[];
    expect(verdicts.map((v) => v.platform)).toEqual(records.map((r) => r["名称"]));
    expect(verdicts.map((v) => v.row)).toEqual(records.map((_, i) => i + 1));
    expect(verdicts[1]!.total).toBeNull();
    expect(verdicts[1]!.errors[0]!.message).toContain("年度服务企业数");
    for (const v of verdicts) expect(valid("verdict.json", v)).toBe("valid");
  });

  it("keeps every digit of numbers written as JSON numbers (no float round trip)", async () => {
    const [first] = sampleRecords(NATIONAL);
    const body = JSON.stringify({ ...first, 公益服务年度占比: "__N__" }).replace('"__N__"', "9.99999999999999999");
    const v = (await (await post(`${rubricPath(NATIONAL)}/score`, body)).json()) as { total: string | null; errors: { field: string; message: string }[] };
    // as a binary float this is 10 and would meet 「不低于10%」 without a word; read exactly it is refused, naming its digits
    expect(v.total).toBeNull();
    expect(v.errors).toEqual([{ field: "公益服务年度占比", message: expect.stringContaining("「9.99999999999999999」") }]);
  });

  it("explains one platform with the explanation tree", async () => {
    const [first] = sampleRecords(NATIONAL);
    const res = await post(`${rubricPath(NATIONAL)}/explain`, JSON.stringify(first));
    const e = await res.json();
    expect(valid("explained.json", e)).toBe("valid");
    expect(e.explanation.children.map((c: { label: string }) => c.label)).toEqual(expect.arrayContaining(["需求响应", "服务执行", "质量管控", "服务成效", "服务保障"]));
    expect(e.total).toBe("68.1");
  });

  it("checks posted rubric text and answers its diagnostics", async () => {
    const text = readFileSync(join(rules, `${NATIONAL}.zs`), "utf8").replace("类别 需求响应 权重0.20", "类别 需求响应 权重0.30");
    const r = (await (await post("/check", text, "text/plain; charset=utf-8")).json()) as { scorable: boolean; errors: number; diagnostics: unknown[] };
    expect(r.scorable).toBe(false);
    expect(r.errors).toBeGreaterThan(0);
    for (const d of r.diagnostics) expect(valid("diagnostic.json", d)).toBe("valid");
  });
});

describe("bad and oversized requests: a Chinese error with a code, never a crash", () => {
  const expectError = async (res: Response, status: number, code: string, message: RegExp) => {
    expect(res.status).toBe(status);
    const body = await res.json();
    expect(valid("error.json", body)).toBe("valid");
    expect(body.error.code).toBe(code);
    expect(body.error.message).toMatch(message);
  };
  it("an unknown rubric, an unknown path", async () => {
    await expectError(await post(`${rubricPath("national/2099/没有")}/score`, "{}"), 404, "ZS7001", /找不到评价体系「national\/2099\/没有」/);
    await expectError(await fetch(`${base}/nothing`), 404, "ZS7007", /没有这个接口：GET \/nothing/);
  });
  it("broken JSON, a non-object, an empty body, a wrong content type; a non-scalar value is that platform's bad data", async () => {
    const score = `${rubricPath(NATIONAL)}/score`;
    await expectError(await post(score, '{"名称": "甲",'), 400, "ZS6007", /JSON/);
    await expectError(await post(score, "[1,2]"), 400, "ZS7010", /一个平台的数据（JSON 对象）/);
    const nonScalar = await post(score, JSON.stringify({ 名称: "甲", 年度服务企业数: [1200] }));
    expect(nonScalar.status).toBe(200);
    expect(await nonScalar.json()).toMatchObject({ total: null, errors: [{ message: expect.stringContaining("年度服务企业数") }] });
    await expectError(await post(score, ""), 400, "ZS7008", /请求体为空/);
    await expectError(await post(score, "名称=甲", "application/x-www-form-urlencoded"), 415, "ZS7006", /不支持的请求体类型/);
  });
  it("a body over the limit and a batch over the limit", async () => {
    const big = JSON.stringify([{ 名称: "x".repeat(3 * 1024 * 1024) }]);
    await expectError(await post(`${rubricPath(NATIONAL)}/batch`, big), 413, "ZS7004", /请求体超过上限 2 MB/);
    const many = JSON.stringify(Array.from({ length: 501 }, (_, i) => ({ 名称: `平台${i}` })));
    await expectError(await post(`${rubricPath(NATIONAL)}/batch`, many), 413, "ZS7005", /一次最多提交 500 个平台，本次 501 个/);
  });
  it("rubric text is analysed, never run as code; the server stays up", async () => {
    const hostile = "评价体系 x\n输入\n  a\");process.exit(1);(\"：计数\n  `${process.exit(2)}`：计数\n  constructor：计数\n  __proto__：计数\n类别 c（10分）\n  指标 i 10分\n    a\");process.exit(1);(\" 达1家得10分\n";
    const r = await post("/check", hostile, "text/plain");
    expect(r.status).toBe(200);
    expect(((await r.json()) as { diagnostics: unknown[] }).diagnostics.length).toBeGreaterThan(0);
    expect((await fetch(`${base}/rubrics`)).status).toBe(200);
  });
  it("leaves the rules folder as it found it", async () => {
    const before = snapshot(rules);
    await post(`${rubricPath(NATIONAL)}/batch`, JSON.stringify(sampleRecords(NATIONAL)));
    await post("/check", "评价体系 x\n", "text/plain");
    expect(snapshot(rules)).toEqual(before);
  });
});

describe("one schema everywhere", () => {
  it("zhunsheng score --json / --jsonl and explain --json validate against the schemas the service serves", () => {
    const bin = join(root, "packages/cli/bin/zhunsheng.js");
    const rubric = join(rules, `${NATIONAL}.zs`);
    const data = join(root, "rules/samples", `${NATIONAL}.csv`);
    const json = JSON.parse(execFileSync(process.execPath, [bin, "score", rubric, "--data", data, "--json"], { encoding: "utf8" })) as unknown[];
    expect(json.length).toBeGreaterThan(5);
    for (const v of json) expect(valid("verdict.json", v)).toBe("valid");
    const lines = execFileSync(process.execPath, [bin, "score", rubric, "--data", data, "--jsonl"], { encoding: "utf8" }).trim().split("\n").map((l) => JSON.parse(l));
    expect(lines).toEqual(json);
    const name = (json[0] as { platform: string }).platform;
    const explained = JSON.parse(execFileSync(process.execPath, [bin, "explain", rubric, "--data", data, "--platform", name, "--json"], { encoding: "utf8" }));
    expect(valid("explained.json", explained)).toBe("valid");
  });
});

describe("zhunsheng serve as a user starts it", () => {
  it("listens, says where, answers, and stops on SIGTERM", async () => {
    const child = spawn(process.execPath, [join(root, "packages/cli/bin/zhunsheng.js"), "serve", rules, "--port", "0"], { stdio: ["ignore", "pipe", "pipe"] });
    try {
      const address = await new Promise<string>((resolve, reject) => {
        let err = "";
        child.stderr.on("data", (d: Buffer) => {
          err += d.toString();
          const m = /准绳评分服务：(http:\/\/[^（]+)（/.exec(err);
          if (m) resolve(m[1]!);
        });
        child.on("exit", (code) => reject(new Error(`serve exited ${code}: ${err}`)));
      });
      const { rubrics } = (await (await fetch(`${address}/rubrics`)).json()) as { rubrics: unknown[] };
      expect(rubrics.length).toBeGreaterThan(10);
    } finally {
      child.kill("SIGTERM");
    }
    const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
    expect(code).toBe(0);
  });
});
