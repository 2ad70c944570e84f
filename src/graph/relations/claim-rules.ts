import { userInputError } from "../../errors";
import { ClaimRank, KnowledgeLevel, type DeprecationReason } from "../enums";

/*
 * The rules on a claim's rank and evidence, checked on the state an edit
 * leads to (as readers of drafts will see it), before anything is written.
 * The database holds the same two rules as CHECK constraints
 * (relation_deprecation_reason_check, relation_entailment_note_check), for
 * writers that do not come through the API.
 */

export const MAX_RANK_NOTE = 2000;
export const MAX_HEDGE = 200;

interface ClaimState {
  rank: ClaimRank;
  deprecationReason: DeprecationReason | null;
  knowledgeLevel: KnowledgeLevel;
  note: string | null;
}

/**
 * BAD_USER_INPUT with `field` "deprecationReason" when a DEPRECATED claim has
 * no reason or another rank has one (Wikidata asks a reason of every
 * deprecation), and with `field` "note" when a LOGICAL_ENTAILMENT does not
 * say in its note what it was inferred from (Biolink: an entailment is the
 * curator's, not the source's, so its premises must be on record).
 */
export function assertClaimRules(claim: ClaimState): void {
  const deprecated = claim.rank === ClaimRank.DEPRECATED;
  if (deprecated && claim.deprecationReason === null) {
    throw userInputError("A DEPRECATED claim needs a deprecationReason.", "deprecationReason");
  }
  if (!deprecated && claim.deprecationReason !== null) {
    throw userInputError(`deprecationReason applies to DEPRECATED claims only; this one is ${claim.rank}.`, "deprecationReason");
  }
  if (claim.knowledgeLevel === KnowledgeLevel.LOGICAL_ENTAILMENT && (claim.note ?? "").trim() === "") {
    throw userInputError("A LOGICAL_ENTAILMENT must say in its note what it was inferred from.", "note");
  }
}
