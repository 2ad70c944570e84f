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
});
