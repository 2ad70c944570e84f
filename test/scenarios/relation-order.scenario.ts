import type { Database } from "../../src/db/client";
import type { CareContext, EntityKind, Predicate } from "../../src/generated/prisma/enums";

// Scenario "relations of back spasms in a scrambled order": every relation
// touches back spasms, and they are created so that neither creation (id)
// order nor alphabetical order of predicates gives the documented order.

/** Entities by the key the relations below use: [kind, name, slug]. Slugs sort unlike names on purpose. */
export const RELATION_ORDER_ENTITIES: Record<string, [EntityKind, string, string]> = {
  "back-spasms": ["CONDITION", "Back spasms", "back-spasms"],
  yoga: ["TREATMENT", "Yoga", "treatment-a"],
  massage: ["TREATMENT", "Massage", "treatment-b"],
  acupuncture: ["TREATMENT", "Acupuncture", "treatment-c"],
  stiffness: ["SYMPTOM", "Stiffness", "symptom-a"],
  cramp: ["SYMPTOM", "Cramp", "symptom-b"],
  overuse: ["CAUSE", "Overuse", "cause-a"],
  dehydration: ["CAUSE", "Dehydration", "cause-b"],
  "x-ray": ["DIAGNOSTIC", "X-ray", "diagnostic-a"],
  "muscle-spasm": ["CONDITION", "Muscle spasm", "a-muscle-spasm"],
  "night-spasms": ["CONDITION", "Night spasms", "condition-c"],
};

/** Relations, published, in creation order: [subject, predicate, object, context, red flag], by the keys above. */
export const RELATION_ORDER_RELATIONS: [string, Predicate, string, CareContext, boolean?][] = [
  ["back-spasms", "TREATED_BY", "yoga", "ANY"],
  ["back-spasms", "SUBTYPE_OF", "muscle-spasm", "ANY"],
  ["back-spasms", "TREATED_BY", "massage", "CHRONIC"],
  ["overuse", "CAUSES", "back-spasms", "ANY"],
  ["back-spasms", "HAS_SYMPTOM", "stiffness", "ANY"],
  ["back-spasms", "DIAGNOSED_BY", "x-ray", "ANY"],
  ["back-spasms", "TREATED_BY", "acupuncture", "ANY"],
  ["night-spasms", "SUBTYPE_OF", "back-spasms", "ANY"],
  ["dehydration", "CAUSES", "back-spasms", "ANY"],
  ["back-spasms", "HAS_SYMPTOM", "cramp", "ANY", true],
  ["back-spasms", "TREATED_BY", "massage", "ACUTE"],
];

/** Loads the scenario into an empty database, all of it published. */
export async function loadRelationOrderScenario(db: Database): Promise<void> {
  const ids = new Map<string, number>();
  for (const [key, [kind, name, slug]] of Object.entries(RELATION_ORDER_ENTITIES)) {
    ids.set(key, (await db.entity.create({ data: { slug, kind, name, status: "PUBLISHED" } })).id);
  }
  for (const [subject, predicate, object, context, redFlag = false] of RELATION_ORDER_RELATIONS) {
    await db.relation.create({ data: { subjectId: ids.get(subject)!, predicate, objectId: ids.get(object)!, context, redFlag, status: "PUBLISHED" } });
  }
}
