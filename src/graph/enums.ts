import { registerEnumType } from "type-graphql";
import { CareContext, EntityKind, Predicate, ReviewStatus, Role, Urgency } from "../generated/prisma/enums";

// The database's enums are the API's enums: one list of values, defined in schema.prisma.
export { CareContext, EntityKind, Predicate, ReviewStatus, Role, Urgency };

/** Which way to follow relations from an entity. */
export enum Direction {
  OUTGOING = "OUTGOING",
  INCOMING = "INCOMING",
  BOTH = "BOTH",
}

registerEnumType(EntityKind, { name: "EntityKind", description: "What an entity is." });
registerEnumType(Predicate, { name: "Predicate", description: "What a relation states: subject -predicate-> object." });
registerEnumType(CareContext, {
  name: "CareContext",
  description: "When a relation holds: for acute or chronic presentations, or for any.",
});
registerEnumType(Urgency, { name: "Urgency", description: "How soon a red-flag sign needs care." });
registerEnumType(ReviewStatus, { name: "ReviewStatus", description: "Where a record is in editorial review." });
registerEnumType(Role, { name: "Role", description: "What a signed-in editor may do." });
registerEnumType(Direction, { name: "Direction", description: "Which way to follow relations from an entity." });
