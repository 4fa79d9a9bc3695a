// Reads a generated Allure 3 report the way a person does: in Chromium, through the UI.
// Selectors are the report's own data-testid attributes (stable across its themes).
import { chromium, type Browser, type Locator, type Page } from "playwright-core";
import { testSettings } from "../../engine/settings/env.ts";
import { ensureDebianPackages, PACKAGES } from "../../engine/host/debian.ts";

const DEBIAN_CHROMIUM = "/usr/bin/chromium";
export const CHROMIUM = testSettings().chromium;
export const ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

export interface ReportPage {
  page: Page;
  /** Requests to anything but the report itself; they are aborted and must stay empty. */
  outsideRequests: string[];
  close(): Promise<void>;
}

export interface LeafInfo {
  title: string;
  /** passed | failed | broken | skipped | unknown, from the leaf's status icon. */
  status: string;
}

export interface AttachmentInfo {
  name: string;
  /** Text content, for the attachments that were expanded. */
  content?: string;
}

export async function openReport(url: string): Promise<ReportPage> {
  // A fresh Debian machine has no Chromium yet: install it (as root) or say how.
  // Debian's Chromium and the CJK font the zh-CN scenario names need (installs only what is missing)
  if (CHROMIUM === DEBIAN_CHROMIUM) await ensureDebianPackages(PACKAGES.reportBrowser, { why: "the report's browser test", log: (l) => console.error(l) });
  const browser: Browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  page.setDefaultTimeout(15_000);
  const outsideRequests: string[] = [];
  const base = new URL(url);
  await page.route("**/*", (route) => {
    const u = new URL(route.request().url());
    const local = u.protocol === "data:" || u.protocol === "blob:" || (base.protocol === "file:" ? u.protocol === "file:" : u.origin === base.origin);
    if (local) return route.continue();
    outsideRequests.push(u.href);
    return route.abort();
  });
  await page.goto(url);
  await page.getByTestId("tree-leaf").first().waitFor();
  return { page, outsideRequests, close: () => browser.close() };
}

/** Opens every collapsed tree section (the report collapses groups that only passed). */
export async function expandTree(page: Page): Promise<void> {
  // Opening a section can reveal collapsed sub-sections: repeat until none is left.
  for (let round = 0; round < 10; round++) {
    const closed = page.locator('[data-testid="tree-section"] > [data-testid="tree-arrow"]:not(:has([class*="opened"]))');
    const n = await closed.count();
    if (n === 0) return;
    for (let i = n - 1; i >= 0; i--) await closed.nth(i).click();
  }
  throw new Error("expand the report tree: sections still collapsed after 10 rounds");
}

/** Every scenario in the tree, with its status; expands collapsed sections first. */
export async function listLeaves(page: Page): Promise<LeafInfo[]> {
  const leaves = page.getByTestId("tree-leaf");
  await leaves.first().waitFor();
  await expandTree(page);
  return leaves.evaluateAll((els) =>
    els.map((el) => {
      const title = el.querySelector('[data-testid="tree-leaf-title"]')?.textContent?.trim() ?? "";
      const icon = el.querySelector('[data-testid^="tree-leaf-status-"]')?.getAttribute("data-testid") ?? "";
      return { title, status: icon.replace("tree-leaf-status-", "") };
    }),
  );
}

/** Opens a scenario and its Attachments tab (the steps' attachments); expands those matching. */
export async function scenarioAttachments(page: Page, title: string, expand: RegExp): Promise<AttachmentInfo[]> {
  await openScenario(page, title);
  await page.getByTestId("test-result-tab-attachments").click();
  return readAttachments(page.getByTestId("test-result-attachment"), expand);
}

/**
 * Attachments of the scenario's After hooks, where failure diagnostics are: the report shows
 * them under "Tear down", one step per hook; each step is opened like a reader would.
 */
export async function teardownAttachments(page: Page, title: string, hook: RegExp, expand: RegExp): Promise<AttachmentInfo[]> {
  await openScenario(page, title);
  const teardown = page.getByTestId("test-result-teardown-dropdown").locator("xpath=..");
  await teardown.waitFor();
  const step = teardown.getByTestId("test-result-step").filter({ has: page.getByTestId("test-result-step-title").getByText(hook) });
  await step.getByTestId("test-result-step-header").click();
  return readAttachments(step.getByTestId("test-result-attachment"), expand);
}

async function openScenario(page: Page, title: string): Promise<void> {
  // A scenario page replaces the tree: start from the report's front page each time.
  if (page.url().includes("#")) {
    await page.goto(page.url().split("#")[0]!);
    await page.getByTestId("tree-leaf").first().waitFor();
  }
  await expandTree(page);
  await page.getByTestId("tree-leaf-title").getByText(title, { exact: true }).click();
  await page.getByTestId("test-result-info-title").getByText(title, { exact: true }).waitFor();
}

async function readAttachments(items: Locator, expand: RegExp): Promise<AttachmentInfo[]> {
  await items.first().waitFor();
  const out: AttachmentInfo[] = [];
  for (let i = 0; i < (await items.count()); i++) {
    const item = items.nth(i);
    const header = item.getByTestId("test-result-attachment-header");
    // The header shows "<n> <name> <type> <size>"; the name is the text between index and type.
    const name = (await header.innerText()).split("\n").map((s) => s.trim()).filter(Boolean)[1] ?? "";
    if (!expand.test(name)) {
      out.push({ name });
      continue;
    }
    await header.click();
    const content = item.getByTestId("code-attachment-content");
    await content.waitFor();
    out.push({ name, content: await content.innerText() });
  }
  return out;
}

/** The Environment block of the overview page, as key → value. */
export async function environmentInfo(page: Page): Promise<Record<string, string>> {
  const items = page.getByTestId("metadata-list").getByTestId("metadata-item");
  await items.first().waitFor();
  const pairs = await items.evaluateAll((els) =>
    els.map((el) => [
      el.querySelector('[data-testid="metadata-item-key"]')?.textContent?.trim() ?? "",
      el.querySelector('[data-testid="metadata-item-value"]')?.textContent?.trim() ?? "",
    ]),
  );
  return Object.fromEntries(pairs);
}
