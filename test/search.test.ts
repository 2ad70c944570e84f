import type { Database } from "../src/db/client";
import { issueTokens } from "./support/editors";
import type { TestServer } from "./support/http";
import { closeScenario, openScenario } from "./support/scenario";

const SEARCH = `query Search($query: String!, $kinds: [EntityKind!], $first: Int, $includeDrafts: Boolean) {
  search(query: $query, kinds: $kinds, first: $first, includeDrafts: $includeDrafts) { id name kind status }
}`;

interface Found {
  id: string;
  name: string;
  kind: string;
  status: string;
}

describe("search", () => {
  let db: Database;
  let server: TestServer;
  let editorToken: string;

  beforeAll(async () => {
    ({ db, server } = await openScenario({ seed: true }));
    // A draft an editor is still writing: hidden from the public.
    await db.entity.create({
      data: { slug: "spasm-diary", kind: "TREATMENT", name: "Spasm diary", summary: "Noting when back spasms start.", status: "DRAFT" },
    });
    // More matches than a default page holds.
    await db.entity.createMany({
      data: Array.from({ length: 12 }, (_, index) => ({
        slug: `lumbar-roll-${index + 1}`,
        kind: "TREATMENT" as const,
        name: `Lumbar roll model ${index + 1}`,
        status: "PUBLISHED" as const,
      })),
    });
    editorToken = (await issueTokens(db)).editor;
  });

  afterAll(() => closeScenario({ db, server }));

  async function search(variables: Record<string, unknown>, token?: string): Promise<Found[]> {
    const response = await server.graphql<{ search: Found[] }>(SEARCH, variables, token);
    expect(response.errors).toBeUndefined();
    return response.data!.search;
  }

  async function searchError(variables: Record<string, unknown>, token?: string): Promise<string | undefined> {
    const response = await server.graphql(SEARCH, variables, token);
    expect(response.data ?? null).toBeNull();
    return response.errors?.[0].extensions?.code;
  }

  it.each([
    ["a singular for a plural", "spasm", "Back spasms"],
    ["disk for disc", "herniated disk", "Herniated disc"],
    ["a missing letter", "sciatia", "Sciatica"],
    ["an alias", "NSAIDs", "Non-steroidal anti-inflammatories"],
    ["another case and stray spaces", "  MAGNETIC resonance  imaging ", "Magnetic resonance imaging"],
  ])("forgives %s: %p finds %p first", async (_case, query, name) => {
    const found = await search({ query });
    expect(found[0].name).toBe(name);
    // Asked for one: the ranking is decided over every match, not within the first rows read.
    expect((await search({ query, first: 1 })).map((entity) => entity.name)).toEqual([name]);
  });

  // Each tolerance pinned to its own mechanism: "disks" shares too few trigrams with "discs" (0.5, under
  // the 0.6 threshold) and stems differently, so only the spelling-variant map finds it; upper case
  // reaches that map (and the exact-name rank) only through the query's lower-casing.
  it("maps a spelling variant that neither stemming nor trigrams would find: disks for discs", async () => {
    expect((await search({ query: "disks" })).map((entity) => entity.name).sort()).toEqual(["Degenerative disc disease", "Herniated disc"]);
  });

  it("maps a spelling variant typed in upper case", async () => {
    expect((await search({ query: "DISKS" })).map((entity) => entity.name).sort()).toEqual(["Degenerative disc disease", "Herniated disc"]);
  });

  it("ranks the exact name first whatever its case", async () => {
    expect((await search({ query: "PAIN" }))[0].name).toBe("Pain");
    expect((await search({ query: "mri" }))[0].name).toBe("Magnetic resonance imaging");
  });

  it("ranks the exact name above names that merely contain the word", async () => {
    const found = await search({ query: "pain" });
    expect(found[0].name).toBe("Pain");
    expect(found.map((entity) => entity.name)).toEqual(expect.arrayContaining(["Sudden pain", "Sharp pain", "Radiating pain"]));
  });

  it("ranks a match in the name above a match in the summary only", async () => {
    const names = (await search({ query: "nerve", first: 100 })).map((entity) => entity.name);
    // Sciatica's summary reads "Irritation of the sciatic nerve..."; its name does not say nerve.
    expect(names).toContain("Sciatica");
    const firstByItsSummary = names.findIndex((name) => !/nerve/i.test(name));
    expect(firstByItsSummary).toBeGreaterThan(0);
    expect(names.slice(firstByItsSummary).some((name) => /nerve/i.test(name))).toBe(false);
  });

  it("returns only the kinds asked for", async () => {
    const found = await search({ query: "pain", kinds: ["TREATMENT"] });
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((entity) => entity.kind === "TREATMENT")).toBe(true);
    expect(found.map((entity) => entity.name)).toContain("Topical pain creams or gels");
  });

  it("returns at most `first` results, ten by default", async () => {
    expect(await search({ query: "pain", first: 2 })).toHaveLength(2);
    expect(await search({ query: "lumbar roll" })).toHaveLength(10);
    expect(await search({ query: "lumbar roll", first: 100 })).toHaveLength(12);
  });

  it("matches no kind when given an empty list of kinds", async () => {
    expect(await search({ query: "pain", kinds: [] })).toEqual([]);
  });

  it("returns an empty list when nothing matches", async () => {
    expect(await search({ query: "xylophone" })).toEqual([]);
  });

  it.each([
    ["an empty query", { query: "" }],
    ["a blank query", { query: "   " }],
    ["first = 0", { query: "pain", first: 0 }],
    ["first = 101", { query: "pain", first: 101 }],
    ["an explicit first: null", { query: "pain", first: null }],
    ["a NUL character", { query: "pa\u0000in" }],
    ["a query longer than 200 characters", { query: "pain ".repeat(41) }],
  ])("refuses %s with BAD_USER_INPUT", async (_case, variables) => {
    expect(await searchError(variables)).toBe("BAD_USER_INPUT");
  });

  it("does not show drafts to anonymous readers", async () => {
    const names = (await search({ query: "spasm diary" })).map((entity) => entity.name);
    expect(names).not.toContain("Spasm diary");
  });

  it("shows drafts to a signed-in editor who asks for them", async () => {
    const found = await search({ query: "spasm diary", includeDrafts: true }, editorToken);
    expect(found[0]).toMatchObject({ name: "Spasm diary", status: "DRAFT" });
  });

  it("refuses includeDrafts without a sign-in with UNAUTHENTICATED", async () => {
    expect(await searchError({ query: "spasm", includeDrafts: true })).toBe("UNAUTHENTICATED");
  });

  it("does not find deleted entities, even with drafts", async () => {
    await db.entity.update({ where: { slug: "spasm-diary" }, data: { deletedAt: new Date() } });
    const names = (await search({ query: "spasm diary", includeDrafts: true }, editorToken)).map((entity) => entity.name);
    expect(names).not.toContain("Spasm diary");
  });
});
