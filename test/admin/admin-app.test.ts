import type { Browser, Page } from "playwright-core";
import { issueToken } from "../../src/auth/token.service";
import type { Database } from "../../src/db/client";
import { dataOf } from "../support/editors";
import type { TestServer } from "../support/http";
import { closeScenario, openScenario } from "../support/scenario";
import { browserAvailable, ensureAdminBuilt, launchChromium, screenshot, seriousViolations, signedInPage } from "./browser";

// The admin app in Debian's Chromium, against the real server and database: an editor adds a
// treatment, a reviewer publishes it from the queue and reverts it, two tabs conflict, an admin issues
// and revokes a token. Each main screen passes axe-core with no serious or critical violation.
const describeInBrowser = browserAvailable() ? describe : describe.skip;
// Each step is a few seconds on an idle machine; a busy shared CI machine can make it a minute.
jest.setTimeout(240_000);

describeInBrowser("the admin app in a browser", () => {
  let db: Database;
  let server: TestServer;
  let browser: Browser;
  let baseUrl: string;
  const tokens: Record<string, string> = {};

  const open = (role: string, name: string) => signedInPage(browser, baseUrl, tokens[role], name);
  const close = (...tabs: Page[]) => Promise.all(tabs.map((tab) => tab.context().close()));
  const expectAccessible = async (page: Page) => expect(await seriousViolations(page)).toEqual([]);
  const chronicTreatments = async () => {
    const { entity } = dataOf(await server.graphql(`{ entity(slug: "back-spasms") { ... on Condition { treatments(context: CHRONIC) { object { name } } } } }`));
    return entity.treatments.map((relation: { object: { name: string } }) => relation.object.name);
  };
  const choose = async (page: Page, field: string | RegExp, option: string | RegExp, scope = page.locator("body")) => {
    await scope.getByRole("button", { name: field }).click();
    await page.getByRole("option", { name: option }).click();
  };

  beforeAll(async () => {
    ensureAdminBuilt();
    ({ db, server } = await openScenario({ seed: true }));
    baseUrl = server.url.replace(/\/graphql$/, "");
    for (const [name, role] of [["edna", "EDITOR"], ["rhea", "REVIEWER"], ["ada", "ADMIN"]] as const) {
      tokens[role] = (await issueToken(db, { name, role })).token;
    }
    browser = await launchChromium();
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    if (db) await closeScenario({ db, server });
  });

  it("serves the app at /admin, with its own routes surviving a reload, and a missing file as 404", async () => {
    for (const path of ["/admin", "/admin/", "/admin/review", "/admin/entities/RW50aXR5Ojg"]) {
      const response = await fetch(baseUrl + path);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('<div id="root">');
    }
    expect((await fetch(`${baseUrl}/admin/assets/missing.js`)).status).toBe(404);
  });

  it("answers an asset's unsatisfiable range and failed precondition as JSON errors whose code matches the status", async () => {
    const index = await (await fetch(`${baseUrl}/admin/`)).text();
    const asset = /src="(\/admin\/assets\/[^"]+\.js)"/.exec(index)![1];
    const refusal = async (headers: Record<string, string>) => {
      const response = await fetch(baseUrl + asset, { headers });
      return { status: response.status, code: ((await response.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code };
    };
    expect(await refusal({ range: "bytes=999999999-" })).toEqual({ status: 416, code: "RANGE_NOT_SATISFIABLE" });
    expect(await refusal({ "if-match": '"nope"' })).toEqual({ status: 412, code: "PRECONDITION_FAILED" });
  });

  it("signs an editor in with a pasted token and shows their role; signs out", async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${baseUrl}/admin/`);
    await expectAccessible(page);
    await screenshot(page, "1-sign-in");
    await page.getByLabel("API token").fill(tokens.EDITOR);
    await page.getByRole("button", { name: "Sign in" }).click();
    expect(await page.getByLabel("Signed in as").textContent()).toBe("edna editor");
    expect(await page.evaluate("sessionStorage.length + localStorage.length")).toBe(1);
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByLabel("API token").waitFor();
    expect(await page.evaluate("sessionStorage.length")).toBe(0);
    await page.context().close();
  });

  let editor: Page;
  let backSpasmsUrl: string;
  let painMedicationUrl: string;
  const RELATION = "Back spasms treated by Pain medication";

  it("searches “spasm”, opens back spasms, and draws its neighbourhood", async () => {
    editor = await open("EDITOR", "edna");
    await editor.getByLabel("Search by name, alias or summary").fill("spasm");
    await editor.keyboard.press("Enter");
    await editor.getByRole("link", { name: "Back spasms" }).waitFor();
    await expectAccessible(editor);
    await screenshot(editor, "2-search");

    await editor.getByRole("link", { name: "Back spasms" }).click();
    await editor.getByRole("heading", { level: 1, name: /Back spasms/ }).waitFor();
    const graph = editor.locator(".graph[data-nodes]");
    await graph.waitFor();
    expect(Number(await graph.getAttribute("data-nodes"))).toBeGreaterThan(10);
    expect(await editor.locator(".graph canvas").count()).toBeGreaterThan(0);
    // The article's own manifestation of a spasm (its red flags belong to back pain, which spasms cause).
    expect(await editor.getByRole("region", { name: "has symptom" }).getByText("Immobility").count()).toBeGreaterThan(0);
    expect(await editor.getByRole("region", { name: "causes" }).getByText("Back pain").count()).toBeGreaterThan(0);
    backSpasmsUrl = editor.url();
    await expectAccessible(editor);
    await screenshot(editor, "3-entity");
  });

  it("adds a treatment with a citation as an editor, with the API's errors next to the field; the public does not see it", async () => {
    await editor.getByRole("link", { name: "New entity" }).click();
    await choose(editor, /Kind/, "Treatment");
    await editor.getByLabel("Name").fill("Pain medication");
    await editor.getByRole("button", { name: "Create entity" }).click();
    await editor.getByRole("heading", { level: 1, name: /Pain medication/ }).waitFor();
    painMedicationUrl = editor.url();

    await editor.goto(backSpasmsUrl);
    const form = editor.getByRole("form", { name: "New relation" });
    await choose(editor, /Predicate/, "treated by", form);
    const otherEntity = form.getByRole("combobox", { name: "Other entity" });
    await otherEntity.fill("Pain medication");
    // As a keyboard user would: on a loaded machine the list did not always open on the
    // filled-in text alone (seen once in a full run; the option never appeared in 60 s).
    await otherEntity.press("ArrowDown");
    await editor.getByRole("option", { name: /Pain medication/ }).click();
    await choose(editor, /Care context/, "Chronic", form);
    await choose(editor, /Existing source/, /Crippling Back Spasms/, form);
    await form.getByRole("button", { name: "Create relation" }).click();
    const quote = form.getByRole("textbox", { name: /Quote/ });
    await form.locator(".field-error", { hasText: /quote/i }).waitFor();
    expect(await quote.getAttribute("aria-invalid")).toBe("true");

    await quote.fill("Pain medication, including NSAIDs and opioids (note that opioids come with a risk of addiction)");
    await form.getByLabel("Section").fill("Chronic Pain");
    await form.getByRole("button", { name: "Create relation" }).click();
    await editor.getByRole("listitem", { name: RELATION }).waitFor();
    expect(await chronicTreatments()).not.toContain("Pain medication");
    await close(editor);
  });

  it("publishes it as a reviewer from the queue, after a side-by-side look; then it is in treatments", async () => {
    const reviewer = await open("REVIEWER", "rhea");
    await reviewer.getByRole("link", { name: "Review queue" }).click();
    const item = reviewer.getByRole("listitem", { name: `Relation: ${RELATION}` });
    await item.getByRole("button", { name: /Show difference/ }).click();
    await item.getByRole("table").waitFor();
    await expectAccessible(reviewer);
    await screenshot(reviewer, "4-review-queue");
    await item.getByRole("button", { name: `Publish: Relation: ${RELATION}` }).click();
    await item.waitFor({ state: "detached" });
    expect(await chronicTreatments()).toContain("Pain medication");

    // Its history, with the difference per revision, and a revert of the publication.
    await reviewer.goto(backSpasmsUrl);
    await reviewer.getByRole("link", { name: `History: ${RELATION}` }).click();
    await reviewer.getByRole("heading", { level: 1, name: `History of ${RELATION}` }).waitFor();
    await reviewer.getByRole("listitem", { name: "create by edna" }).waitFor();
    await expectAccessible(reviewer);
    await screenshot(reviewer, "5-history");
    await reviewer.getByRole("button", { name: "Revert the publish by rhea" }).click();
    await reviewer.getByText("Reverted the publish").waitFor();
    await reviewer.getByRole("listitem", { name: "revert by rhea" }).waitFor();
    expect(await chronicTreatments()).not.toContain("Pain medication");
    await close(reviewer);
  });

  it("shows both versions when two tabs edit the same entity, and reloads the saved one", async () => {
    const [first, second] = [await open("EDITOR", "edna"), await open("EDITOR", "edna")];
    for (const tab of [first, second]) await tab.goto(painMedicationUrl);
    for (const tab of [first, second]) await tab.getByLabel("Summary").waitFor();
    const version = Number(/version (\d+)/.exec((await first.locator(".subtitle").textContent()) ?? "")?.[1]);
    await first.getByLabel("Summary").fill("Saved in the first tab.");
    await first.getByRole("button", { name: "Save changes" }).click();
    await first.locator(".subtitle").filter({ hasText: `version ${version + 1}` }).waitFor();

    await second.getByLabel("Summary").fill("Typed in the second tab.");
    await second.getByRole("button", { name: "Save changes" }).click();
    const conflict = second.getByLabel("Edit conflict");
    await conflict.getByText("Typed in the second tab.").waitFor();
    await conflict.getByText("Saved in the first tab.").waitFor();
    await expectAccessible(second);
    await screenshot(second, "6-conflict");
    await conflict.getByRole("button", { name: "Reload the saved version" }).click();
    await second.getByLabel("Edit conflict").waitFor({ state: "detached" });
    expect(await second.getByLabel("Summary").inputValue()).toBe("Saved in the first tab.");
    await close(first, second);
  });

  it("lets an admin issue a token (shown once) and revoke it", async () => {
    const admin = await open("ADMIN", "ada");
    await admin.getByRole("link", { name: "Tokens" }).click();
    await admin.getByLabel("Editor account name").fill("tess");
    await choose(admin, /Role/, "Reviewer");
    await admin.getByRole("button", { name: "Issue token" }).click();
    const shown = admin.getByLabel(/New token for tess/);
    await shown.waitFor();
    const token = await shown.inputValue();
    expect(token).toMatch(/^cg_/);
    expect(dataOf(await server.graphql("{ viewer { name role } }", {}, token)).viewer).toEqual({ name: "tess", role: "REVIEWER" });
    await expectAccessible(admin);
    await screenshot(admin, "7-tokens");

    await admin.getByRole("button", { name: /Revoke token \S+ of tess/ }).click();
    await admin.getByText(/Revoked token \S+ \(tess, reviewer\)/).waitFor();
    const refused = await server.graphql("{ viewer { name } }", {}, token);
    expect(refused.errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
    await close(admin);
  });
});
