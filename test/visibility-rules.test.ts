import type { Database } from "../src/db/client";
import { readWith } from "../src/db/read-sql";
import {
  visibleCitation,
  visibleEntity,
  visibleReference,
  visibleRelation,
  visibleSource,
  visibleSql,
} from "../src/graph/review/visibility";
import { type Fragment, sql, toStatement } from "../src/graph/sql/fragment";
import { TABLES, type TableName, visibleRows } from "../src/graph/sql/tables";
import { connectTestDatabase, resetDatabase } from "./support/database";

// The visibility rules are written for Prisma and for SQL side by side (review/visibility.ts):
// on rows in every state, each table's two rules must select the same rows, for both kinds of reader.

const STATES = [
  { status: "PUBLISHED", deletedAt: null },
  { status: "DRAFT", deletedAt: null },
  { status: "RETRACTED", deletedAt: null },
  { status: "PUBLISHED", deletedAt: new Date() },
] as const;
// One predicate per state: a live claim is unique per (subject, predicate, object).
const PREDICATES = ["TREATED_BY", "CAUSES", "HAS_SYMPTOM", "INDICATES"] as const;

async function rowsInEveryState(db: Database): Promise<void> {
  await resetDatabase(db);
  const entities = await db.entity.createManyAndReturn({
    // Two published ones, so that the public sees some relations.
    data: [...STATES, STATES[0]].map((state, i) => ({ kind: "CONDITION" as const, slug: `e-${i}`, name: `Entity ${i}`, ...state })),
  });
  const sources = await db.source.createManyAndReturn({ data: STATES.map((state, i) => ({ title: `Source ${i}`, ...state })) });
  // A relation in every state between every pair of ends (the ends' states matter too).
  const relations = await db.relation.createManyAndReturn({
    data: entities.flatMap((subject) =>
      entities
        .filter((object) => object.id !== subject.id)
        .flatMap((object) =>
          STATES.map((state, i) => ({ subjectId: subject.id, predicate: PREDICATES[i], objectId: object.id, ...state })),
        ),
    ),
  });
  // Half the relations flagged for review (a source's retraction took their last visible citation): those whose
  // subject came after their object, so that of the two between published entities one is flagged and one is not.
  await db.relation.updateMany({
    where: { id: { in: relations.filter((relation) => relation.subjectId > relation.objectId).map((relation) => relation.id) } },
    data: { needsReview: true, needsReviewReason: "Source retracted.", flaggedAt: new Date() },
  });
  await db.citation.createMany({
    data: relations.flatMap((relation) =>
        sources.flatMap((source) => [null, new Date()].map((deletedAt) => ({ relationId: relation.id, sourceId: source.id, quote: "q", deletedAt }))),
      ),
  });
  await db.reference.createMany({
    data: sources.flatMap((citing, i) => sources.map((cited, k) => ({ citingId: citing.id, citedId: cited.id, number: i * 10 + k + 1 }))),
  });
}

describe("the SQL visibility rules select what the Prisma rules select", () => {
  let db: Database;

  beforeAll(async () => {
    db = connectTestDatabase();
    await rowsInEveryState(db);
  });

  afterAll(() => db.$disconnect());

  /** The keys of the rows the SQL rule selects: ids, or "(citing_id,number)" for references. */
  async function sqlIds(table: TableName, includeDrafts: boolean): Promise<string[]> {
    const key = table === "reference" ? sql`(t.citing_id, t.number)::text` : sql`t.id::text`;
    const rows = await readWith(db, (read) => read<{ key: string }[]>`
      SELECT ${key} AS key FROM ${sql(table)} AS t WHERE ${visibleSql(table, "t", includeDrafts)}`);
    return rows.map((row) => row.key).sort();
  }

  const ids = (rows: { id: number }[]) => rows.map((row) => String(row.id)).sort();

  for (const includeDrafts of [false, true]) {
    const reader = includeDrafts ? "readers of drafts" : "the public";

    it(`entity, for ${reader}`, async () => {
      const expected = ids(await db.entity.findMany({ where: visibleEntity(includeDrafts) }));
      expect(expected.length).toBeGreaterThan(0);
      expect(await sqlIds("entity", includeDrafts)).toEqual(expected);
    });

    it(`source, for ${reader}`, async () => {
      expect(await sqlIds("source", includeDrafts)).toEqual(ids(await db.source.findMany({ where: visibleSource(includeDrafts) })));
    });

    it(`relation, for ${reader}`, async () => {
      const expected = ids(await db.relation.findMany({ where: visibleRelation(includeDrafts) }));
      expect(expected.length).toBeGreaterThan(0);
      expect(await sqlIds("relation", includeDrafts)).toEqual(expected);
    });

    it(`relation flagged for review, ${includeDrafts ? "shown to readers of drafts" : "hidden from the public"}`, async () => {
      const flagged = await db.relation.findMany({ where: { needsReview: true, status: "PUBLISHED", deletedAt: null, subject: { status: "PUBLISHED", deletedAt: null }, object: { status: "PUBLISHED", deletedAt: null } } });
      expect(flagged).toHaveLength(1);
      const [id] = ids(flagged);
      expect((await db.relation.findMany({ where: visibleRelation(includeDrafts) })).some((relation) => String(relation.id) === id)).toBe(includeDrafts);
      expect((await sqlIds("relation", includeDrafts)).includes(id)).toBe(includeDrafts);
    });

    it(`citation, for ${reader}`, async () => {
      const expected = ids(await db.citation.findMany({ where: visibleCitation(includeDrafts) }));
      expect(expected.length).toBeGreaterThan(0);
      expect(await sqlIds("citation", includeDrafts)).toEqual(expected);
    });

    // A row reached from a visible parent skips the parent's check: with the parent visible, the same rows.
    const reachedFrom = [
      ["citation", "relation_id", "relation"],
      ["citation", "source_id", "source"],
      ["relation", "subject_id", "entity"],
      ["relation", "object_id", "entity"],
    ] as const;
    for (const [table, column, parent] of reachedFrom) {
      it(`${table} reached from its visible ${parent} (${column}) looks that ${parent} up no more, for ${reader}`, async () => {
        const lookups = (rule: Fragment) => toStatement(rule).text.split(`FROM "${parent}" AS`).length - 1;
        expect(lookups(visibleSql(table, "t", includeDrafts, column))).toBe(lookups(visibleSql(table, "t", includeDrafts)) - 1);
      });

      it(`${table} reached from its visible ${parent} (${column}), for ${reader}`, async () => {
        const rows = await readWith(db, (read) => read<{ id: string }[]>`
          SELECT t.id::text AS id FROM ${sql(table)} AS t
          WHERE ${visibleSql(table, "t", includeDrafts, column)}
            AND EXISTS (SELECT 1 FROM ${sql(parent)} AS p WHERE p.id = ${sql("t")}.${sql(column)} AND ${visibleSql(parent, "p", includeDrafts)})`);
        const reached = rows.map((row) => row.id).sort();
        expect(reached.length).toBeGreaterThan(0);
        expect(reached).toEqual(await sqlIds(table, includeDrafts));
      });
    }

    it(`reference, for ${reader}`, async () => {
      const references = await db.reference.findMany({ where: visibleReference(includeDrafts) });
      expect(references.length).toBeGreaterThan(0);
      const expected = references.map((reference) => `(${reference.citingId},${reference.number})`).sort();
      expect(await sqlIds("reference", includeDrafts)).toEqual(expected);
    });

    // The compiled read path joins each parent beside the row instead (sql/tables.ts): the same rows.
    for (const table of Object.keys(TABLES) as TableName[]) {
      it(`${table} read with its parents joined, for ${reader}`, async () => {
        const key = table === "reference" ? sql`(t.citing_id, t.number)::text` : sql`t.id::text`;
        const rows = await readWith(db, (read) => read<{ key: string }[]>`
          SELECT ${key} AS key FROM ${visibleRows(TABLES[table], "t", includeDrafts)}`);
        expect(rows.map((row) => row.key).sort()).toEqual(await sqlIds(table, includeDrafts));
      });
    }
  }
});
