import { Direction, Predicate } from "../src/graph/enums";
import { relationSlice } from "../src/graph/relations/relation.sql";
import type { FieldSql } from "../src/graph/sql/declarations";
import { toStatement } from "../src/graph/sql/fragment";
import { parentAlias } from "../src/graph/review/visibility";
import type { Scope } from "../src/graph/sql/scope";
import { issueTokens } from "./support/editors";
import { closeScenario, openScenario, type Scenario } from "./support/scenario";
import { loadRelationOrderScenario } from "./scenarios/relation-order.scenario";

// README: "Relation lists are ordered by predicate, then rank, then the object's
// name, then the subject's name, then id". Predicates follow the enum's order;
// every claim here has rank NORMAL (test/claim-rank.test.ts orders by rank).
describe("relation lists", () => {
  let scenario: Scenario;

  beforeAll(async () => {
    scenario = await openScenario();
    await loadRelationOrderScenario(scenario.db);
  });

  afterAll(() => closeScenario(scenario));

  async function backSpasms(selection: string) {
    const response = await scenario.server.graphql(`{ entity(slug: "back-spasms") { ${selection} } }`);
    expect(response.errors).toBeUndefined();
    return response.data!.entity;
  }

  const line = (relation: { predicate: string; context: string; subject: { name: string }; object: { name: string } }) =>
    `${relation.subject.name} ${relation.predicate} ${relation.object.name} (${relation.context})`;

  it("read by predicate in the enum's order, then object, then subject, then id", async () => {
    const { relations } = await backSpasms(`relations { predicate context subject { name } object { name } }`);
    expect(relations.map(line)).toEqual([
      "Dehydration CAUSES Back spasms (ANY)",
      "Overuse CAUSES Back spasms (ANY)",
      "Back spasms HAS_SYMPTOM Cramp (ANY)",
      "Back spasms HAS_SYMPTOM Stiffness (ANY)",
      "Back spasms DIAGNOSED_BY X-ray (ANY)",
      "Back spasms TREATED_BY Acupuncture (ANY)",
      "Back spasms TREATED_BY Massage (CHRONIC)",
      "Back spasms TREATED_BY Massage (ACUTE)",
      "Back spasms TREATED_BY Yoga (ANY)",
      "Night spasms SUBTYPE_OF Back spasms (ANY)",
      "Back spasms SUBTYPE_OF Muscle spasm (ANY)",
    ]);
  });

  it("read a one-way list by the other entity's name", async () => {
    const condition = await backSpasms(`... on Condition {
      treatments { predicate context subject { name } object { name } }
      causes { predicate context subject { name } object { name } }
    }`);
    expect(condition.treatments.map(line)).toEqual([
      "Back spasms TREATED_BY Acupuncture (ANY)",
      "Back spasms TREATED_BY Massage (CHRONIC)",
      "Back spasms TREATED_BY Massage (ACUTE)",
      "Back spasms TREATED_BY Yoga (ANY)",
    ]);
    expect(condition.causes.map(line)).toEqual(["Dehydration CAUSES Back spasms (ANY)", "Overuse CAUSES Back spasms (ANY)"]);
  });

  // The filters that narrow a list, in the same order.
  it("read one way: OUTGOING what the entity states, INCOMING what others state of it", async () => {
    const entity = await backSpasms(`
      outgoing: relations(direction: OUTGOING, predicates: [CAUSES, SUBTYPE_OF]) { predicate context subject { name } object { name } }
      incoming: relations(direction: INCOMING, predicates: [CAUSES, SUBTYPE_OF]) { predicate context subject { name } object { name } }`);
    expect(entity.outgoing.map(line)).toEqual(["Back spasms SUBTYPE_OF Muscle spasm (ANY)"]);
    expect(entity.incoming.map(line)).toEqual([
      "Dehydration CAUSES Back spasms (ANY)",
      "Overuse CAUSES Back spasms (ANY)",
      "Night spasms SUBTYPE_OF Back spasms (ANY)",
    ]);
  });

  it("read treatments in a care context: ACUTE or CHRONIC with those for ANY context, ANY alone", async () => {
    const condition = await backSpasms(`... on Condition {
      acute: treatments(context: ACUTE) { predicate context subject { name } object { name } }
      chronic: treatments(context: CHRONIC) { predicate context subject { name } object { name } }
      any: treatments(context: ANY) { predicate context subject { name } object { name } }
    }`);
    expect(condition.acute.map(line)).toEqual(["Back spasms TREATED_BY Acupuncture (ANY)", "Back spasms TREATED_BY Massage (ACUTE)", "Back spasms TREATED_BY Yoga (ANY)"]);
    expect(condition.chronic.map(line)).toEqual(["Back spasms TREATED_BY Acupuncture (ANY)", "Back spasms TREATED_BY Massage (CHRONIC)", "Back spasms TREATED_BY Yoga (ANY)"]);
    expect(condition.any.map(line)).toEqual(["Back spasms TREATED_BY Acupuncture (ANY)", "Back spasms TREATED_BY Yoga (ANY)"]);
  });

  it("read red flags: only the symptoms flagged as warning signs", async () => {
    const condition = await backSpasms(`... on Condition {
      redFlags { predicate context subject { name } object { name } }
      symptoms { predicate context subject { name } object { name } }
    }`);
    expect(condition.redFlags.map(line)).toEqual(["Back spasms HAS_SYMPTOM Cramp (ANY)"]);
    expect(condition.symptoms.map(line)).toEqual(["Back spasms HAS_SYMPTOM Cramp (ANY)", "Back spasms HAS_SYMPTOM Stiffness (ANY)"]);
  });

  // An editor reading drafts sees each end as withPendingChanges shapes it (name and kind edited, not yet
  // published): the list is ordered by those names and each end typed by that kind. The public sees neither.
  it("read with drafts by the ends' pending names, each end typed by its pending kind", async () => {
    const { db, server } = scenario;
    const token = (await issueTokens(db)).editor;
    await db.entity.update({ where: { slug: "treatment-a" }, data: { pendingChanges: { name: "Abdominal yoga", kind: "DIAGNOSTIC" } } });
    await db.entity.update({ where: { slug: "cause-b" }, data: { pendingChanges: { name: "Water loss" } } });
    const query = `query ($drafts: Boolean!) { entity(slug: "back-spasms", includeDrafts: $drafts) { ... on Condition {
      treatments { object { __typename name } } causes { subject { name } } } } }`;
    const read = async (drafts: boolean) => {
      const response = await server.graphql(query, { drafts }, token);
      expect(response.errors).toBeUndefined();
      const { treatments, causes } = response.data!.entity;
      return {
        treatments: treatments.map((relation: any) => `${relation.object.__typename} ${relation.object.name}`),
        causes: causes.map((relation: any) => relation.subject.name),
      };
    };
    expect(await read(true)).toEqual({
      treatments: ["Diagnostic Abdominal yoga", "Treatment Acupuncture", "Treatment Massage", "Treatment Massage"],
      causes: ["Overuse", "Water loss"],
    });
    expect(await read(false)).toEqual({
      treatments: ["Treatment Acupuncture", "Treatment Massage", "Treatment Massage", "Treatment Yoga"],
      causes: ["Dehydration", "Overuse"],
    });
  });

  // A one-way list hangs from one entity, the same for every row: its name orders nothing, and it is visible already.
  it.each([
    [Direction.OUTGOING, "subject_id", "object_id"],
    [Direction.INCOMING, "object_id", "subject_id"],
  ])("read %s neither ordering by nor checking again the entity the list hangs from", (direction, anchored, other) => {
    const slice = relationSlice(direction, Predicate.TREATED_BY) as Extract<FieldSql, { kind: "many" }>;
    expect(slice.reachedFrom).toBe(anchored);
    const order = toStatement(slice.orderBy("r", {} as Scope)).text;
    expect(order).toContain(`"${parentAlias("r", other)}"."name"`);
    expect(order).not.toContain(`"${parentAlias("r", anchored)}"`);
  });

  it("read both ways ordering by both entities' names, checking both", () => {
    const both = relationSlice(Direction.BOTH, Predicate.TREATED_BY) as Extract<FieldSql, { kind: "many" }>;
    expect(both.reachedFrom).toBeUndefined();
    const order = toStatement(both.orderBy("r", {} as Scope)).text;
    expect(order).toContain(`"${parentAlias("r", "object_id")}"."name"`);
    expect(order).toContain(`"${parentAlias("r", "subject_id")}"."name"`);
  });
});
