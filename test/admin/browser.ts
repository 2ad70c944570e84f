import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { ADMIN_BUILD_DIR } from "../../src/admin/serve";
import { PROJECT_ROOT } from "../../src/paths";

/** Debian's Chromium (apt-get install chromium); CHROMIUM_PATH overrides. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/**
 * Browser tests run wherever Chromium is installed, and always in CI (where its absence fails them);
 * elsewhere, without Chromium, they are skipped with a message saying how to get it.
 */
export function browserAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (process.env.CI) throw new Error(`Chromium is missing at ${CHROMIUM}; CI installs it (apt-get install -y chromium).`);
  console.warn(`Skipping the admin browser tests: no Chromium at ${CHROMIUM} (apt-get update && apt-get install -y chromium).`);
  return false;
}

/** Screenshots of the main screens, for people to look at (git-ignored). */
export const SCREENSHOT_DIR = path.join(PROJECT_ROOT, "test-output", "admin");

const APP_SOURCES = [path.join(PROJECT_ROOT, "src", "admin", "app"), path.join(PROJECT_ROOT, "schema", "schema.graphql")];

function newestChange(entry: string): number {
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(
    stat.mtimeMs,
    ...readdirSync(entry)
      .filter((name) => name !== "gql" && name !== "node_modules")
      .map((name) => newestChange(path.join(entry, name))),
  );
}

/** Builds the admin app (as `npm start` does) when it is missing or older than its sources. */
export function ensureAdminBuilt(): void {
  const index = path.join(ADMIN_BUILD_DIR, "index.html");
  if (existsSync(index) && statSync(index).mtimeMs >= Math.max(...APP_SOURCES.map(newestChange))) return;
  // Jest sets NODE_ENV=test, which Vite would honour with a development build of React.
  execFileSync("npm", ["run", "--silent", "admin:build"], { cwd: PROJECT_ROOT, stdio: "inherit", env: { ...process.env, NODE_ENV: "production" } });
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
  });
}

/** A new tab of its own (session storage is per tab), at the admin app, signed in with `token`. */
export async function signedInPage(browser: Browser, baseUrl: string, token: string, expectName: string): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1366, height: 900 } })).newPage();
  // Generous: a busy CI machine can take seconds to load the app.
  page.setDefaultTimeout(60_000);
  await page.goto(`${baseUrl}/admin/`, { waitUntil: "domcontentloaded" });
  await page.getByLabel("API token").fill(token);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByLabel("Signed in as").filter({ hasText: expectName }).waitFor();
  return page;
}

const AXE_SOURCE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

/** Runs axe-core (WCAG 2.x A and AA rules) on the page; returns the serious and critical violations. */
export async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: AXE_SOURCE });
  // A string, not a function: the test code is compiled without the DOM's types.
  const violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] = await page.evaluate(
    `axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } }).then((result) => result.violations)`,
  );
  return violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => `${violation.impact} ${violation.id}: ${violation.help} at ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`);
}

/** Saves a screenshot of what a laptop screen shows of a main screen. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`) });
}
