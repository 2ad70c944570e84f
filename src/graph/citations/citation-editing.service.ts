import { hasRole } from "../../auth/roles";
import type { Context } from "../../context";
import { forbiddenError, notFoundError, userInputError } from "../../errors";
import type { Citation as CitationRow, Relation as RelationRow } from "../../generated/prisma/client";
import { type Actor, recordRevision, snapshot } from "../history/revision.service";
import { runMutation, type Tx } from "../editing/mutation";
import { optionalText, requiredText } from "../editing/validation";
import { createRecord, findLive } from "../editing/versioned-record";
import { fromGlobalId } from "../node/global-id";
import { visibleSource } from "../review/visibility";
import { newSourceColumns } from "../sources/source-fields";
import type { CitationInput } from "./citation.input";
import { type Citation, toCitation } from "./citation.type";

const MAX_QUOTE = 2000;

/** EDITOR on a draft relation, REVIEWER on any: adds a quote supporting the relation. */
export function addCitation(ctx: Context, relationId: string, input: CitationInput): Promise<Citation> {
  return runMutation(ctx, "EDITOR", async (tx, actor) => {
    const relation = await findLive(tx, "Relation", fromGlobalId(relationId, "relationId", "Relation").rowId);
    assertMayChangeCitations(ctx, relation);
    return toCitation(await createCitation(tx, relation.id, input, actor), true);
  });
}

/**
 * EDITOR on a draft relation, REVIEWER on any: soft-deletes a citation. A
 * published relation keeps at least one citation of a published source, one
 * the public sees: the public never sees an unsupported claim.
 */
export function removeCitation(ctx: Context, id: string): Promise<Citation> {
  return runMutation(ctx, "EDITOR", async (tx, actor) => {
    const current = await tx.citation.findUnique({ where: { id: fromGlobalId(id, "id", "Citation").rowId } });
    if (!current || current.deletedAt) throw notFoundError("There is no citation with this id.");
    const relation = await findLive(tx, "Relation", current.relationId);
    assertMayChangeCitations(ctx, relation);
    const othersSeen = await tx.citation.count({ where: { relationId: relation.id, id: { not: current.id }, deletedAt: null, source: visibleSource(false) } });
    if (relation.status === "PUBLISHED" && othersSeen === 0) {
      throw userInputError("This is the last citation the public sees of a published relation: add another first, or retract the relation.", "id");
    }
    const [removed] = await tx.citation.updateManyAndReturn({ where: { id: current.id, deletedAt: null }, data: { deletedAt: new Date() } });
    if (!removed) throw notFoundError("There is no citation with this id.");
    await recordRevision(tx, { recordType: "CITATION", recordId: current.id, action: "delete", actor, before: snapshot(current), after: snapshot(removed) });
    return toCitation(removed, true);
  });
}

/**
 * Inserts a citation of an existing live source (`sourceId`) or of a new
 * draft source (`source`), each with its revision. Shared by createRelation.
 */
export async function createCitation(tx: Tx, relationRowId: number, input: CitationInput, actor: Actor): Promise<CitationRow> {
  if ((input.sourceId == null) === (input.source == null)) throw userInputError("Give exactly one of sourceId and source.", "sourceId");
  const quote = requiredText(input.quote, "quote", MAX_QUOTE);
  const section = optionalText(input.section, "section", 500);
  const sourceRowId = input.sourceId != null ? await liveSourceId(tx, input.sourceId) : (await createRecord(tx, "Source", newSourceColumns(input.source!), { action: "create", actor })).id;
  const citation = await tx.citation.create({ data: { relationId: relationRowId, sourceId: sourceRowId, quote, section } });
  await recordRevision(tx, { recordType: "CITATION", recordId: citation.id, action: "create", actor, before: null, after: snapshot(citation) });
  return citation;
}

// A source referred to from inside an input is that input's field at fault, not a missing record.
async function liveSourceId(tx: Tx, sourceId: string): Promise<number> {
  const { rowId } = fromGlobalId(sourceId, "sourceId", "Source");
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
