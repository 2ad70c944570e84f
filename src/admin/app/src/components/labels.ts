import type { CareContext, EntityKind, Predicate, Role, Urgency } from "../gql/graphql";

// Words for the API's enums, in the order the screens offer them.

export const KINDS: { id: EntityKind; label: string }[] = [
  { id: "CONDITION", label: "Condition" },
  { id: "CAUSE", label: "Cause" },
  { id: "SYMPTOM", label: "Symptom" },
  { id: "DIAGNOSTIC", label: "Diagnostic" },
  { id: "TREATMENT", label: "Treatment" },
];

export const PREDICATES: { id: Predicate; label: string }[] = [
  { id: "CAUSES", label: "causes" },
  { id: "HAS_SYMPTOM", label: "has symptom" },
  { id: "INDICATES", label: "indicates" },
  { id: "DIAGNOSED_BY", label: "diagnosed by" },
  { id: "TREATED_BY", label: "treated by" },
  { id: "PREVENTED_BY", label: "prevented by" },
  { id: "CONTRAINDICATED_FOR", label: "contraindicated for" },
  { id: "SUBTYPE_OF", label: "subtype of" },
];

/** How a predicate reads from its object's side (the entity page lists incoming relations too). */
export const INVERSE_PREDICATES: { id: Predicate; label: string }[] = [
  { id: "CAUSES", label: "caused by" },
  { id: "HAS_SYMPTOM", label: "symptom of" },
  { id: "INDICATES", label: "indicated by" },
  { id: "DIAGNOSED_BY", label: "diagnoses" },
  { id: "TREATED_BY", label: "treats" },
  { id: "PREVENTED_BY", label: "prevents" },
  { id: "CONTRAINDICATED_FOR", label: "contraindicated treatments" },
  { id: "SUBTYPE_OF", label: "subtypes" },
];

export const CONTEXTS: { id: CareContext; label: string }[] = [
  { id: "ANY", label: "Any" },
  { id: "ACUTE", label: "Acute" },
  { id: "CHRONIC", label: "Chronic" },
];

export const URGENCIES: { id: Urgency; label: string }[] = [
  { id: "EMERGENCY", label: "Emergency" },
  { id: "SOON", label: "Soon" },
  { id: "ROUTINE", label: "Routine" },
];

export const ROLES: { id: Role; label: string }[] = [
  { id: "EDITOR", label: "Editor" },
  { id: "REVIEWER", label: "Reviewer" },
  { id: "ADMIN", label: "Admin" },
];

export const labelOf = <Id extends string>(list: { id: Id; label: string }[], id: Id): string =>
  list.find((entry) => entry.id === id)?.label ?? id;

/** Kind colours of the neighbourhood picture and its legend (each at least 4.5:1 against white text). */
export const KIND_COLOURS: Record<EntityKind, string> = {
  CONDITION: "#1d4e89",
  CAUSE: "#7a4419",
  SYMPTOM: "#a4243b",
  DIAGNOSTIC: "#2e6b30",
  TREATMENT: "#5b3c88",
};
