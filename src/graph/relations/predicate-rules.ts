import type { EntityKind, Predicate } from "../enums";

/** Which kinds of entity each predicate may join, subject -> object. */
const ALLOWED_KINDS: Record<Exclude<Predicate, "SUBTYPE_OF">, { subject: EntityKind[]; object: EntityKind[] }> = {
  CAUSES: { subject: ["CAUSE", "CONDITION"], object: ["CONDITION", "SYMPTOM"] },
  HAS_SYMPTOM: { subject: ["CONDITION"], object: ["SYMPTOM"] },
  INDICATES: { subject: ["SYMPTOM"], object: ["CONDITION"] },
  DIAGNOSED_BY: { subject: ["CONDITION"], object: ["DIAGNOSTIC"] },
  TREATED_BY: { subject: ["CONDITION"], object: ["TREATMENT"] },
  PREVENTED_BY: { subject: ["CONDITION"], object: ["TREATMENT"] },
  CONTRAINDICATED_FOR: { subject: ["TREATMENT"], object: ["CONDITION"] },
};

/**
 * Why `subject -predicate-> object` does not fit the kinds it joins, or null
 * when it does. SUBTYPE_OF joins two entities of the same kind (specific -> general).
 */
export function predicateMismatch(predicate: Predicate, subjectKind: EntityKind, objectKind: EntityKind): string | null {
  if (predicate === "SUBTYPE_OF") {
    return subjectKind === objectKind ? null : `SUBTYPE_OF joins two entities of one kind, not a ${subjectKind} and a ${objectKind}.`;
  }
  const allowed = ALLOWED_KINDS[predicate];
  if (allowed.subject.includes(subjectKind) && allowed.object.includes(objectKind)) return null;
  return `${predicate} goes from a ${allowed.subject.join(" or ")} to a ${allowed.object.join(" or ")}, not from a ${subjectKind} to a ${objectKind}.`;
}
