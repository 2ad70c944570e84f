import { hasRole } from "../../auth/roles";
import type { Context } from "../../context";
import { forbiddenError, notFoundError, userInputError } from "../../errors";
import type { Citation as CitationRow, Relation as RelationRow } from "../../generated/prisma/client";
import { type Actor, recordRevision, snapshot } from "../history/revision.service";
import { runMutation, type Tx } from "../editing/mutation";
import { optionalText, requiredText } from "../editing/validation";
import { lockRows } from "../editing/locks";
import { createRecord, findLive, updateRecord } from "../editing/versioned-record";
import { fromGlobalId, toGlobalId } from "../node/global-id";
import { visibleSource } from "../review/visibility";
import { newSourceColumns } from "../sources/source-fields";
import { anchorNewCitation } from "./anchor.service";
import type { CitationInput } from "./citation.input";
import { type Citation, toCitation } from "./citation.type";

const MAX_QUOTE = 2000;

/**
 * EDITOR on a draft relation, REVIEWER on any: adds a quote supporting the
 * relation. The relation's version moves on (with a revision): a reviewer
 * who approved the version before it sees CONFLICT.
 */
export function addCitation(ctx: Context, relationId: string, input: CitationInput): Promise<Citation> {
  return runMutation(ctx, "EDITOR", async (tx, actor) => {
    // Locks the relation, then the cited source (FOR SHARE): a merge of that source waits, or has finished.
    const relation = await findLive(tx, "Relation", fromGlobalId(relationId, "relationId", "Relation").rowId);
    assertMayChangeCitations(ctx, relation);
    const citation = await createCitation(tx, relation.id, input, actor);
    await recordCitationChange(tx, relation, "addCitation", citation, actor);
    return toCitation(citation, true);
  });
}

/**
 * EDITOR on a draft relation, REVIEWER on any: soft-deletes a citation. A
 * published relation keeps at least one citation of a published source, one
 * the public sees: the public never sees an unsupported claim.
 */
export function removeCitation(ctx: Context, id: string): Promise<Citation> {
  return runMutation(ctx, "EDITOR", async (tx, actor) => {
    const rowId = fromGlobalId(id, "id", "Citation").rowId;
    const found = await tx.citation.findUnique({ where: { id: rowId }, select: { relationId: true } });
    if (!found) throw notFoundError("There is no citation with this id.");
    // The relation's lock (FOR UPDATE) serialises every change of its citations, and its
    // publication: the count below cannot go stale before this transaction commits.
    const relation = await findLive(tx, "Relation", found.relationId);
    const current = await tx.citation.findUnique({ where: { id: rowId } });
    if (!current || current.deletedAt) throw notFoundError("There is no citation with this id.");
    assertMayChangeCitations(ctx, relation);
    const othersSeen = await tx.citation.count({ where: { relationId: relation.id, id: { not: current.id }, deletedAt: null, source: visibleSource(false) } });
    // A claim flagged for review is hidden already: the reviewer may clear out its retracted sources' citations.
    if (relation.status === "PUBLISHED" && !relation.needsReview && othersSeen === 0) {
      throw userInputError("This is the last citation the public sees of a published relation: add another first, or retract the relation.", "id");
    }
    const [removed] = await tx.citation.updateManyAndReturn({ where: { id: current.id, deletedAt: null }, data: { deletedAt: new Date() } });
    if (!removed) throw notFoundError("There is no citation with this id.");
    await recordRevision(tx, { recordType: "CITATION", recordId: current.id, action: "delete", actor, before: snapshot(current), after: snapshot(removed) });
    await recordCitationChange(tx, relation, "removeCitation", removed, actor);
    return toCitation(removed, true);
  });
}

/**
 * Inserts a citation of an existing live source (`sourceId`) or of a new
 * draft source (`source`), each with its revision, anchored in the source's
 * latest text snapshot (anchor.service.ts). Shared by createRelation.
 */
export async function createCitation(tx: Tx, relationRowId: number, input: CitationInput, actor: Actor): Promise<CitationRow> {
  if ((input.sourceId == null) === (input.source == null)) throw userInputError("Give exactly one of sourceId and source.", "sourceId");
  const quote = requiredText(input.quote, "quote", MAX_QUOTE);
  const section = optionalText(input.section, "section", 500);
  const sectionIsReconstructed = input.sectionIsReconstructed ?? false;
  if (sectionIsReconstructed && section === null) throw userInputError("sectionIsReconstructed needs the reconstructed heading in section.", "sectionIsReconstructed");
  const sourceRowId = input.sourceId != null ? await liveSourceId(tx, input.sourceId) : (await createRecord(tx, "Source", newSourceColumns(input.source!), { action: "create", actor })).id;
  // The server computes the W3C selectors in the source's latest snapshot; the editor never types them.
  const anchor = await anchorNewCitation(tx, sourceRowId, quote, { section, sectionIsReconstructed });
  const citation = await tx.citation.create({ data: { relationId: relationRowId, sourceId: sourceRowId, quote, section, sectionIsReconstructed, ...anchor } });
  await recordRevision(tx, { recordType: "CITATION", recordId: citation.id, action: "create", actor, before: null, after: snapshot(citation) });
  return citation;
}

/**
 * A citation added or removed changes what the relation claims to rest on:
 * its version moves on, with a revision (`addCitation` or `removeCitation`,
 * naming the citation), so a reviewer approving an older version gets CONFLICT.
 */
async function recordCitationChange(tx: Tx, relation: RelationRow, action: string, citation: CitationRow, actor: Actor): Promise<void> {
  await updateRecord(tx, "Relation", relation, {}, { action, actor, reason: `citation ${toGlobalId("Citation", citation.id)}` });
}

// A source referred to from inside an input is that input's field at fault, not a missing record.
// FOR SHARE: a merge or deletion of the source waits for this citation, or has finished before it.
async function liveSourceId(tx: Tx, sourceId: string): Promise<number> {
  const { rowId } = fromGlobalId(sourceId, "sourceId", "Source");
  await lockRows(tx, "Source", [rowId], "SHARE");
  const source = await tx.source.findUnique({ where: { id: rowId }, select: { deletedAt: true } });
  if (!source || source.deletedAt) throw userInputError("sourceId is not a source you can cite (missing or deleted).", "sourceId");
  return rowId;
}

/** Editors change the citations of drafts; once a relation is reviewed, that is a reviewer's call. */
function assertMayChangeCitations(ctx: Context, relation: RelationRow): void {
  if (relation.status !== "DRAFT" && !hasRole(ctx.viewer!, "REVIEWER")) {
    throw forbiddenError(`Editors change citations of draft relations only; this relation is ${relation.status}. Ask a reviewer.`);
  }
}
