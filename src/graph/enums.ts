import { registerEnumType } from "type-graphql";
import {
  AgentType,
  AnchorStatus,
  CareContext,
  ClaimRank,
  DeprecationReason,
  EntityKind,
  KnowledgeLevel,
  Predicate,
  ReviewStatus,
  Role,
  Urgency,
} from "../generated/prisma/enums";

// The database's enums are the API's enums: one list of values, defined in schema.prisma.
export { AgentType, AnchorStatus, CareContext, ClaimRank, DeprecationReason, EntityKind, KnowledgeLevel, Predicate, ReviewStatus, Role, Urgency };

/** Which way to follow relations from an entity. */
export enum Direction {
  OUTGOING = "OUTGOING",
  INCOMING = "INCOMING",
  BOTH = "BOTH",
}

registerEnumType(EntityKind, { name: "EntityKind", description: "What an entity is.",
  valuesConfig: {
    CONDITION: { description: "A disease, disorder or injury." },
    CAUSE: { description: "A mechanism, exposure or risk that brings on a condition." },
    SYMPTOM: { description: "Something a person notices or feels." },
    DIAGNOSTIC: { description: "A test or assessment." },
    TREATMENT: { description: "A treatment, self-care or prevention strategy." },
  },
});
registerEnumType(Predicate, { name: "Predicate", description: "What a relation states: subject -predicate-> object.",
  valuesConfig: {
    CAUSES: { description: "Cause or condition -> condition or symptom: the subject brings on the object." },
    HAS_SYMPTOM: { description: "Condition -> symptom." },
    DIAGNOSED_BY: { description: "Condition -> diagnostic." },
    TREATED_BY: { description: "Condition -> treatment." },
    PREVENTED_BY: { description: "Condition -> treatment that prevents it." },
    CONTRAINDICATED_FOR: { description: "Treatment -> condition it must not be used for." },
    INDICATES: { description: "Symptom -> condition it may signal." },
    SUBTYPE_OF: { description: "Specific -> general, between two entities of one kind." },
  },
});
registerEnumType(CareContext, {
  name: "CareContext",
  description: "When a relation holds: for acute or chronic presentations, or for any.",
  valuesConfig: {
    ACUTE: { description: "Sudden, recent presentations." },
    CHRONIC: { description: "Long-lasting presentations." },
    ANY: { description: "Acute and chronic alike." },
  },
});
registerEnumType(Urgency, { name: "Urgency", description: "How soon a red-flag sign needs care.",
  valuesConfig: {
    EMERGENCY: { description: "Get emergency care now." },
    SOON: { description: "See a healthcare provider soon." },
    ROUTINE: { description: "Raise it at a routine visit." },
  },
});
registerEnumType(ReviewStatus, { name: "ReviewStatus", description: "Where a record is in editorial review.",
  valuesConfig: {
    DRAFT: { description: "New or unpublished; editors only." },
    PUBLISHED: { description: "Public." },
    RETRACTED: { description: "Withdrawn from the public; editors still see it." },
  },
});
registerEnumType(AnchorStatus, {
  name: "AnchorStatus",
  description: "Where a citation's quote stands in the latest text snapshot of its source (see Citation.selector).",
  valuesConfig: {
    UNANCHORED: { description: "Its source has no text snapshot: there is nothing to anchor the quote in." },
    ANCHORED: { description: "Found word for word (up to whitespace) in the source's latest snapshot; the selector points there." },
    QUOTE_NOT_FOUND: {
      description: "Not found in the source's latest snapshot: a reviewer should check the claim. The selector still points into the last snapshot that had the quote.",
    },
  },
});
registerEnumType(Role, { name: "Role", description: "What a signed-in editor may do.",
  valuesConfig: {
    EDITOR: { description: "Reads drafts, creates and edits." },
    REVIEWER: { description: "Also publishes, retracts, deletes, restores, merges and reverts." },
    ADMIN: { description: "Also issues and revokes tokens." },
  },
});
registerEnumType(Direction, { name: "Direction", description: "Which way to follow relations from an entity.",
  valuesConfig: {
    OUTGOING: { description: "Relations whose subject is the entity." },
    INCOMING: { description: "Relations whose object is the entity." },
    BOTH: { description: "Either way." },
  },
});
registerEnumType(ClaimRank, { name: "ClaimRank", description: "How a claim stands among the claims of its predicate (Wikidata's statement ranks).",
  valuesConfig: {
    PREFERRED: { description: "The best-supported claim: listed first within its predicate." },
    NORMAL: { description: "A claim as good as the others (the default)." },
    DEPRECATED: { description: "Known to be wrong or outdated, kept for the record: hidden from lists unless includeDeprecated." },
  },
});
registerEnumType(DeprecationReason, { name: "DeprecationReason", description: "Why a claim was deprecated.",
  valuesConfig: {
    SUPERSEDED: { description: "A newer claim replaces it." },
    CONTRADICTED_BY_BETTER_EVIDENCE: { description: "Better evidence says otherwise." },
    SOURCE_RETRACTED: { description: "The source it rested on was retracted." },
    EDITORIAL_ERROR: { description: "It was extracted or entered wrongly." },
  },
});
registerEnumType(KnowledgeLevel, { name: "KnowledgeLevel", description: "How the claim came to be known (Biolink's knowledge_level).",
  valuesConfig: {
    KNOWLEDGE_ASSERTION: { description: "The source states it." },
    LOGICAL_ENTAILMENT: { description: "An editor inferred it from what sources state; the note says from what." },
    OBSERVATION: { description: "Reported as observed (a case, a measurement)." },
    STATISTICAL_ASSOCIATION: { description: "A statistical association found in data." },
    PREDICTION: { description: "Predicted, not yet observed or stated." },
  },
});
registerEnumType(AgentType, { name: "AgentType", description: "Who or what made the claim (Biolink's agent_type).",
  valuesConfig: {
    MANUAL_AGENT: { description: "A person curated it." },
    AUTOMATED_AGENT: { description: "Software made it without a person checking." },
    TEXT_MINING_AGENT: { description: "Text mining extracted it without a person checking." },
    MANUAL_VALIDATION_OF_AUTOMATED_AGENT: { description: "Software made it and a person checked it." },
  },
});
