/**
 * The CLI as a process, the way a user or a CI script meets it (issue 9, "a CLI that behaves"):
 * exit codes 0/1/2, one Chinese line naming the file for every I/O error and never a stack
 * trace, unknown options refused, --help per command without running it, --version, `-` for
 * stdin and stdout, --json on every command that prints results.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { COMMANDS } from "../../packages/cli/src/commands.ts";
import { bin, expectOneLine, workspace, zs } from "./process.ts";

const pkg = JSON.parse(readFileSync(new URL("../../packages/cli/package.json", import.meta.url), "utf8")) as { version: string };

const RUBRIC = `评价体系 测试体系
  满分：20分

输入
  服务企业家次：计数 家次 越多越好
  网站维护：是否

类别 活跃度（20分）

  指标 服务企业数 15分
    服务企业家次 达1000家次得15分，每少100家次减1分（不足一档不计）

  指标 网站 5分
    网站维护 得5分

用例 满分平台
  输入 服务企业家次 1000，网站维护 是
  期望 总分 20分
`;
const BROKEN = RUBRIC.replace("类别 活跃度（20分）", "类别 活跃度（25分）");
const DATA = "名称,服务企业家次,网站维护\n甲平台,1200,是\n乙平台,850,否\n";

describe("usage", () => {
  it("an unknown option exits 2 with a line naming it, and does not run the command", () => {
    const dir = workspace({ "a.zs": BROKEN });
    const r = zs(["check", ".", "--frob"], dir);
    expect(r.code).toBe(2);
    expectOneLine(r.err, /^未知选项 --frob（zhunsheng check --help 查看用法）$/);
    expect(r.out).toBe("");
  });
  it("a missing option value, a value outside the choices and a missing argument exit 2", () => {
    const dir = workspace({ "a.zs": RUBRIC });
    expectOneLine(zs(["score", "a.zs", "--data"], dir).err, /^选项 --data 缺少值/);
    const bad = zs(["export", "a.zs", "--format", "pdf"], dir);
    expect(bad.code).toBe(2);
    expectOneLine(bad.err, /--format 不接受「pdf」，可用：docx、xlsx、html、md/);
    const none = zs(["score"], dir);
    expect(none.code).toBe(2);
    expectOneLine(none.err, /^缺少参数/);
    expect(zs(["frobnicate"], dir).code).toBe(2);
  });
  it.each(COMMANDS.map((c) => c.command))("%s --help prints its usage and runs nothing", (command) => {
    // a broken rubric in the folder: `check --help` used to check it
    const dir = workspace({ "a.zs": BROKEN });
    const r = zs([command, "--help"], dir);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`用法：zhunsheng ${command}`);
    expect(r.out).toContain("-h, --help");
    expect(r.err).toBe("");
  });
  it("--help lists every command and the exit codes; --version prints the package's version", () => {
    const dir = workspace();
    const help = zs(["--help"], dir);
    expect(help.code).toBe(0);
    for (const c of COMMANDS) expect(help.out).toContain(`  ${c.command}`);
    expect(help.out).toContain("退出码：0 正常；1 发现问题");
    const v = zs(["--version"], dir);
    expect(v.code).toBe(0);
    expect(v.out).toBe(`zhunsheng ${pkg.version}\n`);
  });
});

describe("exit codes", () => {
  it("check: 0 clean, 1 errors, 1 for a folder without rubrics", () => {
    expect(zs(["check", "."], workspace({ "a.zs": RUBRIC })).code).toBe(0);
    expect(zs(["check", "."], workspace({ "a.zs": BROKEN })).code).toBe(1);
    const empty = zs(["check", "."], workspace({ "notes.txt": "x" }));
    expect(empty.code).toBe(1);
    expectOneLine(empty.err, /^没有找到评价体系文件（\.zs）：\.$/);
  });
  it("test: 1 when no file has a case (never 0 passed, 0 failed as a pass)", () => {
    const r = zs(["test", "."], workspace({ "a.zs": RUBRIC.slice(0, RUBRIC.indexOf("用例")) }));
    expect(r.out).toContain("0 passed, 0 failed");
    expect(r.code).toBe(1);
  });
  it("score: 1 when any platform has bad data, 1 for a file with no platform", () => {
    const dir = workspace({ "a.zs": RUBRIC, "ok.csv": DATA, "bad.csv": DATA + "丙平台,很多,是\n", "empty.csv": "名称,服务企业家次,网站维护\n" });
    expect(zs(["score", "a.zs", "--data", "ok.csv"], dir).code).toBe(0);
    const bad = zs(["score", "a.zs", "--data", "bad.csv", "--json"], dir);
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.out)[2]).toMatchObject({ platform: "丙平台", total: null });
    expectOneLine(bad.err, /^1个平台的数据有误/);
    const empty = zs(["score", "a.zs", "--data", "empty.csv"], dir);
    expect(empty.code).toBe(1);
    expectOneLine(empty.err, /empty\.csv：数据文件中没有平台/);
  });
  it("a rubric that is not UTF-8 is refused, not read as garbage", () => {
    const dir = workspace();
    // 「评价体系」 in GBK
    writeFileSync(join(dir, "gbk.zs"), Buffer.from([0xc6, 0xc0, 0xbc, 0xdb, 0xcc, 0xe5, 0xcf, 0xb5, 0x0a]));
    const r = zs(["check", "gbk.zs"], dir);
    expect(r.code).toBe(2);
    expectOneLine(r.err, /^gbk\.zs：是 GBK\/GB18030 编码的文本，不是 UTF-8，请用 UTF-8 另存后再试$/);
  });
  it("a rubric with errors is refused by score with its errors and exit 1", () => {
    const r = zs(["score", "b.zs", "--data", "d.csv"], workspace({ "b.zs": BROKEN, "d.csv": DATA }));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^b\.zs:8:4 错误 ZS3001 /m);
    expect(r.err).toMatch(/b\.zs：评价体系有\d+个错误，无法评分（第2行：.+ 等）\n$/);
  });
});

describe("I/O errors: one Chinese line naming the file, exit 2", () => {
  it("a missing file", () => {
    const r = zs(["score", "a.zs", "--data", "nope.csv"], workspace({ "a.zs": RUBRIC }));
    expect(r.code).toBe(2);
    expectOneLine(r.err, /^找不到文件：nope\.csv$/);
  });
  it("a folder where a file belongs", () => {
    const dir = workspace({ "a.zs": RUBRIC, "sub/x": "" });
    const r = zs(["score", "a.zs", "--data", "sub"], dir);
    expect(r.code).toBe(2);
    expectOneLine(r.err, /^sub 是目录，这里需要一个文件$/);
  });
  it("an unreadable file (run as an unprivileged user when the suite runs as root)", () => {
    const dir = workspace({ "a.zs": RUBRIC, "secret.zs": RUBRIC });
    chmodSync(join(dir, "secret.zs"), 0o000);
    chmodSync(dir, 0o755);
    const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
    const r = zs(["check", "."], dir, asUser);
    expect(r.code).toBe(2);
    expectOneLine(r.err, /^没有读取权限：secret\.zs$/);
    expect(r.out).toContain("检查了1个文件");
  });
  it("a symlink loop and a dangling symlink among good files: the others are still checked", () => {
    const dir = workspace({ "a.zs": RUBRIC, "c.zs": RUBRIC });
    symlinkSync("loop2.zs", join(dir, "loop1.zs"));
    symlinkSync("loop1.zs", join(dir, "loop2.zs"));
    symlinkSync("gone.zs", join(dir, "b.zs"));
    const r = zs(["check", "."], dir);
    expect(r.code).toBe(2);
    expect(r.err.trim().split("\n")).toEqual(["符号链接指向的文件不存在：b.zs", "符号链接构成循环，无法打开：loop1.zs", "符号链接构成循环，无法打开：loop2.zs"]);
    expect(r.out).toContain("检查了2个文件：0个错误");
  });
  it("a folder symlinked into itself is walked once", () => {
    const dir = workspace({ "rules/a.zs": RUBRIC });
    symlinkSync(".", join(dir, "rules", "up"));
    const r = zs(["check", "rules"], dir);
    expect(r.out).toContain("检查了1个文件");
    expectOneLine(r.err, /^符号链接指回已读过的目录，已跳过：rules\/up$/);
  });
  it("a full disk behind --out and behind stdout", () => {
    const dir = workspace({ "a.zs": RUBRIC, "d.csv": DATA });
    const out = zs(["score", "a.zs", "--data", "d.csv", "--json", "--out", "/dev/full"], dir);
    expect(out.code).toBe(2);
    expectOneLine(out.err, /^磁盘已满，无法写入：\/dev\/full$/);
    const full = spawnSync("bash", ["-c", `"${process.execPath}" "${bin}" score a.zs --data d.csv --json > /dev/full`], { cwd: dir, encoding: "utf8" });
    expect(full.status).toBe(2);
    expectOneLine(full.stderr, /^磁盘已满，无法写入：标准输出$/);
  });
  it("a closed pipe ends the command quietly", () => {
    const rows = Array.from({ length: 30_000 }, (_, i) => `平台${i},${i % 2000},是`).join("\n");
    const dir = workspace({ "a.zs": RUBRIC, "d.csv": `名称,服务企业家次,网站维护\n${rows}\n` });
    const r = spawnSync("bash", ["-c", `set -o pipefail; "${process.execPath}" "${bin}" score a.zs --data d.csv --jsonl | head -1`], { cwd: dir, encoding: "utf8" });
    expect(JSON.parse(r.stdout)).toMatchObject({ platform: "平台0" });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
  });
});

describe("- for stdin and stdout", () => {
  it("check - reads the rubric from stdin", () => {
    const r = zs(["check", "-"], workspace(), { input: BROKEN });
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^标准输入:8:4 错误 ZS3001 /m);
  });
  it("score --data - reads the data from stdin; --out - writes to stdout", () => {
    const r = zs(["score", "a.zs", "--data", "-", "--jsonl", "--out", "-"], workspace({ "a.zs": RUBRIC }), { input: DATA });
    expect(r.code).toBe(0);
    expect(r.out.trim().split("\n").map((l) => JSON.parse(l).total)).toEqual(["20", "14"]);
  });
  it("fmt - filters stdin to stdout", () => {
    const messy = RUBRIC.replace(/^ {4}服务企业家次/m, "      服务企业家次");
    const r = zs(["fmt", "-"], workspace(), { input: messy });
    expect(r.code).toBe(0);
    expect(r.out).toBe(RUBRIC);
  });
});

describe("--json on every command that prints results", () => {
  it("explain --json gives the verdict and the explanation tree", () => {
    const r = zs(["explain", "a.zs", "--data", "d.csv", "--platform", "乙平台", "--json"], workspace({ "a.zs": RUBRIC, "d.csv": DATA }));
    expect(r.code).toBe(0);
    const e = JSON.parse(r.out);
    expect(e).toMatchObject({ platform: "乙平台", total: "14", categories: [{ name: "活跃度", score: "14", max: "20" }] });
    expect(e.explanation.children[0]).toMatchObject({ label: "活跃度", score: "14", max: "20" });
    const indicator = e.explanation.children[0].children[0];
    expect(indicator).toMatchObject({ label: "服务企业数", score: "14", max: "15" });
    expect(JSON.stringify(indicator)).toContain("850家次");
  });
  it("test --json gives every case with its result", () => {
    const failing = RUBRIC.replace("期望 总分 20分", "期望 总分 19分");
    const r = zs(["test", ".", "--json"], workspace({ "a.zs": RUBRIC, "b.zs": failing }));
    expect(r.code).toBe(1);
    const t = JSON.parse(r.out);
    expect(t).toMatchObject({ passed: 1, failed: 1 });
    expect(t.files[1]).toMatchObject({ file: "b.zs", cases: [{ name: "满分平台", passed: false }] });
    expect(t.files[1].cases[0].problems[0].message).toContain("19");
  });
  it("fmt --check --json lists the files and whether each needs formatting", () => {
    const messy = RUBRIC.replace(/^ {4}服务企业家次/m, "      服务企业家次");
    const r = zs(["fmt", ".", "--check", "--json"], workspace({ "a.zs": RUBRIC, "b.zs": messy }));
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out)).toEqual([
      { file: "a.zs", changed: false, diagnostics: [] },
      { file: "b.zs", changed: true, diagnostics: [] },
    ]);
  });
  it("score --json prints one array; --jsonl one object per line, with category subtotals", () => {
    const dir = workspace({ "a.zs": RUBRIC, "d.csv": DATA });
    const json = JSON.parse(zs(["score", "a.zs", "--data", "d.csv", "--json"], dir).out);
    const lines = zs(["score", "a.zs", "--data", "d.csv", "--jsonl"], dir).out.trim().split("\n").map((l) => JSON.parse(l));
    expect(lines).toEqual(json);
    expect(json[1]).toMatchObject({ platform: "乙平台", total: "14", categories: [{ name: "活跃度", kind: "category", score: "14", max: "20" }] });
    expect(json[1].indicators).toEqual([
      { path: "活跃度/服务企业数", name: "服务企业数", category: "活跃度", score: "14", max: "15" },
      { path: "活跃度/网站", name: "网站", category: "活跃度", score: "0", max: "5" },
    ]);
  });
  it("score --json names each indicator with its category: a 「/」 in a name leaves no doubt which one it is", () => {
    const slashed = RUBRIC.replace("类别 活跃度（20分）", "类别 活跃/服务（20分）").replace("指标 服务企业数 15分", "指标 服务/企业数 15分");
    const json = JSON.parse(zs(["score", "a.zs", "--data", "d.csv", "--json"], workspace({ "a.zs": slashed, "d.csv": DATA })).out);
    expect(json[1].indicators[0]).toEqual({ path: "活跃/服务/服务/企业数", name: "服务/企业数", category: "活跃/服务", score: "14", max: "15" });
    expect(json[1].categories).toEqual([{ name: "活跃/服务", kind: "category", score: "14", max: "20" }]);
  });
});
