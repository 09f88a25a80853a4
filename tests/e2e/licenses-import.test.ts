import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { logIn, openPhone } from "./support/browser";
import { e2eAvailable } from "./support/require";
import { startAppServer, type AppServer } from "./support/server";

const run = e2eAvailable();

/** Screenshots of the screen at 390×844 (looked at by hand; kept in a temporary folder named in the output). */
const shots = mkdtempSync(path.join(tmpdir(), "tm-licenses-"));

const HEADER = "进网许可证号,标志编码,申请单位,设备名称,型号,发证日期,有效期至,备注";
/** Two new licenses, one bad license number (line 3), one changed seed license (line 5), one formula (line 6). */
const FILE = [
  HEADER,
  "05-A100-300001,,深圳市新讯通信有限公司,数字无绳电话机,XT-100,2025-01-10,2030-01-09,新型号",
  "05-A100-30002,,坏号码公司,电话机,BAD-1,2025-01-10,2030-01-09,",
  '05-A100-300003,2025011000300003,"华为技术有限公司, 深圳",GPON 光网络单元 ONU,HG8546M,2025/1/10,2030年1月9日,',
  "00-E620-230556,,兄弟(中国)商业有限公司,G3 传真机,FAX-2890,2022-01-01,2031-12-31,续期",
  '05-A100-300004,,=HYPERLINK("http://x"),电话机,M1,2025-01-10,2030-01-09,',
].join("\r\n");

describe.runIf(run)("license registry import on a phone-sized screen", () => {
  let server: AppServer;
  const contexts: BrowserContext[] = [];
  const phone = async (locale: string): Promise<Page> => {
    const p = await openPhone({ locale });
    contexts.push(p.context);
    return p.page;
  };

  beforeAll(async () => {
    server = await startAppServer({ port: 3241 });
  });
  afterAll(async () => {
    await Promise.all(contexts.map((c) => c.close()));
    await server?.stop();
    console.info(`license import screenshots: ${shots}`);
  });

  test("an admin imports a CSV with bad rows: good rows kept, each bad row shown with its line and reasons (zh-CN)", async () => {
    const page = await phone("zh-CN");
    await logIn(page, server.baseUrl, "admin", "admin-demo-1");
    await page.waitForURL("**/home");
    await page.getByTestId("admin-licenses").click();
    await page.waitForURL("**/admin/licenses");
    await page.getByRole("heading", { name: "进网许可证库" }).waitFor();
    // the demo registry (server/seed/demo.ts), whatever its size
    await page
      .getByTestId("license-count")
      .getByText(/^共 \d+ 条许可证$/)
      .waitFor();
    const countBefore = Number((await page.getByTestId("license-count").textContent())!.match(/\d+/)![0]);
    const versionBefore = await page.getByTestId("license-version").textContent();
    await page.screenshot({ path: path.join(shots, "licenses-start-zh.png") });

    // nothing to import yet: the import button waits for a file
    expect(await page.getByTestId("license-import").isDisabled()).toBe(true);

    await page.getByTestId("license-file").setInputFiles({ name: "进网许可证-2026.csv", mimeType: "text/csv", buffer: Buffer.from(`\uFEFF${FILE}`, "utf8") });
    await page.getByTestId("license-file-chosen").getByText("进网许可证-2026.csv").waitFor();
    await page.getByTestId("license-import").click();

    const result = page.getByTestId("license-import-result");
    await result.waitFor();
    expect(await result.getByTestId("result-imported").textContent()).toBe("新增 2 条");
    expect(await result.getByTestId("result-updated").textContent()).toBe("更新 1 条");
    expect(await result.getByTestId("result-bad").textContent()).toBe("2 行有问题（未导入）");
    expect(await result.getByTestId("result-unchanged").count()).toBe(0); // a zero count is not shown
    expect(await result.getByTestId("result-ignored").textContent()).toContain("备注");
    expect(await page.getByTestId("bad-row-3").textContent()).toContain("进网许可证号：格式应为 00-D710-208870 这样。");
    expect(await page.getByTestId("bad-row-3").textContent()).toContain("第 3 行");
    expect(await page.getByTestId("bad-row-6").textContent()).toContain("申请单位：以 = + - 或 @ 开头");
    expect(await page.locator("[data-testid^=bad-row-]").count()).toBe(2);
    // the status follows: two more licenses, a newer version
    await expect.poll(() => page.getByTestId("license-count").textContent()).toBe(`共 ${countBefore + 2} 条许可证`);
    const versionAfter = await page.getByTestId("license-version").textContent();
    expect(versionAfter).toMatch(/^许可证库版本：/);
    expect(versionAfter).not.toBe(versionBefore);
    // the result is scrolled into view, its top below the sticky top bar
    const top = await result.evaluate((el) => el.getBoundingClientRect().top);
    expect(top).toBeGreaterThanOrEqual(60);
    expect(top).toBeLessThan(844 / 2);
    await page.screenshot({ path: path.join(shots, "licenses-result-zh.png") });
    await page.getByTestId("bad-rows").scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(shots, "licenses-bad-rows-zh.png") });

    // the renewed license is found with its new expiry date, in force again
    await page.getByTestId("license-lookup-input").fill("00-E620-230556");
    await page.getByTestId("license-lookup-find").click();
    const entry = page.getByTestId("license-lookup-entry");
    await entry.waitFor();
    expect(await entry.textContent()).toContain("2031-12-31");
    expect(await entry.locator(".badge").textContent()).toBe("有效");
    // layout: nothing wider than the phone
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  });

  test("English: a pasted file missing columns is refused whole with the columns named; a template is offered", async () => {
    const page = await phone("en-US");
    await logIn(page, server.baseUrl, "admin", "admin-demo-1");
    await page.waitForURL("**/home");
    await page.goto(`${server.baseUrl}/admin/licenses`);
    await page.getByRole("heading", { name: "License registry" }).waitFor();
    await page.getByTestId("license-mode").click();
    expect(await page.getByTestId("license-import").isDisabled()).toBe(true);
    await page.getByTestId("license-paste").fill("license_no\tmodel\n05-A100-300009\tM1\n");
    await page.getByTestId("license-import").click();
    const error = page.getByTestId("license-file-error");
    await error.waitFor();
    expect(await error.getAttribute("data-code")).toBe("missing_columns");
    expect(await error.textContent()).toContain("Applicant, Equipment name, Issue date, and Expiry date");
    const href = await page.getByTestId("template-en").getAttribute("href");
    expect(decodeURIComponent(href!.split(",").slice(1).join(","))).toBe(
      "\uFEFFlicense_no,mark_code,applicant,equipment_name,model,issue_date,expiry_date\r\n",
    );
    await page.screenshot({ path: path.join(shots, "licenses-refused-en.png") });
  });

  test("a file saved as plain “CSV” by Excel on Chinese Windows (GB18030, not UTF-8) is read correctly", async () => {
    // made with Python: "进网许可证号,…\r\n05-B200-300010,,深圳市国威电子有限公司,用户交换机,WS824(5)Q,2025-02-01,2030-01-31\r\n".encode("gb18030")
    const gb18030 = Buffer.from(
      "vfjN+NDtv8nWpLrFLLHq1r6x4MLrLMnqx+u1pc67LMnosbjD+7PGLNDNusUst6LWpMjVxtos09DQp8ba1sENCjA1LUIyMDAtMzAwMDEwLCzJ7tvaytC5+s3+tefX09PQz965q8u+LNPDu6e9u7u7u/osV1M4MjQoNSlRLDIwMjUtMDItMDEsMjAzMC0wMS0zMQ0K",
      "base64",
    );
    const page = await phone("zh-CN");
    await logIn(page, server.baseUrl, "admin", "admin-demo-1");
    await page.waitForURL("**/home");
    await page.goto(`${server.baseUrl}/admin/licenses`);
    // a file chosen before the page hydrated would be lost (the import stays disabled)
    await page.waitForFunction(() => (window as unknown as { __tmHydrated?: boolean }).__tmHydrated === true, null, { timeout: 60_000 });
    await page.getByTestId("license-file").setInputFiles({ name: "gbk.csv", mimeType: "text/csv", buffer: gb18030 });
    await page.getByTestId("license-import").click();
    const result = page.getByTestId("license-import-result");
    await result.waitFor();
    expect(await result.getByTestId("result-imported").textContent()).toBe("新增 1 条");
    await page.getByTestId("license-lookup-input").fill("05-B200-300010");
    await page.getByTestId("license-lookup-find").click();
    expect(await page.getByTestId("license-lookup-entry").textContent()).toContain("深圳市国威电子有限公司");
  });

  test("a lineman is not shown the screen", async () => {
    const page = await phone("zh-CN");
    await logIn(page, server.baseUrl, "lineman", "lineman-demo");
    await page.waitForURL("**/home");
    await page.goto(`${server.baseUrl}/admin/licenses`);
    await page.getByTestId("forbidden").waitFor();
  });
});
