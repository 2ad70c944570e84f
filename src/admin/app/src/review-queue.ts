import type { Client, OperationResult } from "urql";
import type { EntityFieldsFragment, RelationFieldsFragment, ReviewSnapshotQuery as ReviewSnapshot, SourceFieldsFragment } from "./gql/graphql";
import { ReviewSnapshotQuery } from "./graphql/review";

/** One thing waiting for a reviewer. */
export interface ReviewItem {
  id: string;
  type: "Entity" | "Relation" | "Source";
  label: string;
  status: string;
  /** The version the reviewer is shown (editors' view), which publish and retract expect. */
  version: number;
  /** draft: never published; pending edit: published, with an edit waiting; retracted: hidden from the public. */
  change: "draft" | "pending edit" | "retracted";
  /** What the public sees (null when it sees nothing). */
  published: Record<string, unknown> | null;
  /** What editors see, pending edit applied. */
  proposed: Record<string, unknown>;
}

interface Snapshot {
  entities: (EntityFieldsFragment & { relations: RelationFieldsFragment[] })[];
  sources: SourceFieldsFragment[];
}

/** Reads every entity (with relations) and source, page by page, as editors or as the public see them. */
async function snapshot(client: Client, drafts: boolean): Promise<Snapshot> {
  const result: Snapshot = { entities: [], sources: [] };
  const cursors: { entities: string | null; sources: string | null } = { entities: null, sources: null };
  const more = { entities: true, sources: true };
  while (more.entities || more.sources) {
    const variables = { drafts, after: cursors.entities, sourcesAfter: cursors.sources };
    const answer: OperationResult<ReviewSnapshot> = await client.query(ReviewSnapshotQuery, variables).toPromise();
    if (answer.error || !answer.data) throw answer.error;
    const { entities, sources } = answer.data;
    if (more.entities) {
      result.entities.push(...entities.edges.map((edge) => edge.node));
      more.entities = entities.pageInfo.hasNextPage;
      cursors.entities = entities.pageInfo.endCursor ?? null;
    }
    if (more.sources) {
      result.sources.push(...sources.edges.map((edge) => edge.node));
      more.sources = sources.pageInfo.hasNextPage;
      cursors.sources = sources.pageInfo.endCursor ?? null;
    }
  }
  return result;
}

const entityFields = ({ kind, name, slug, aliases, summary }: EntityFieldsFragment) => ({ kind, name, slug, aliases, summary });
const relationFields = ({ subject, predicate, object, context, redFlag, urgency, note }: RelationFieldsFragment) => ({
  subject: subject.name,
  predicate,
  object: object.name,
  context,
  redFlag,
  urgency,
  note,
});
const sourceFields = ({ title, publisher, authors, url, doi, publishedOn }: SourceFieldsFragment) => ({ title, publisher, authors, url, doi, publishedOn });

/**
 * The review queue, built from the public API alone (it has no queue field yet): drafts, retracted
 * records, and published records whose editors' view differs from the public one (a pending edit).
 */
export async function loadReviewQueue(client: Client): Promise<ReviewItem[]> {
  const [editors, publicView] = await Promise.all([snapshot(client, true), snapshot(client, false)]);
  const items: ReviewItem[] = [];
  const add = (type: ReviewItem["type"], { id, status, version }: { id: string; status: string; version: number }, label: string, proposed: Record<string, unknown>, published: Record<string, unknown> | undefined) => {
    if (status === "PUBLISHED" && published && JSON.stringify(published) === JSON.stringify(proposed)) return;
    const change = status === "DRAFT" ? "draft" : status === "RETRACTED" ? "retracted" : "pending edit";
    items.push({ id, type, label, status, version, change, proposed, published: published ?? null });
  };
  const publicEntities = new Map(publicView.entities.map((entity) => [entity.id, entity]));
  const publicRelations = new Map(publicView.entities.flatMap((entity) => entity.relations).map((relation) => [relation.id, relation]));
  const publicSources = new Map(publicView.sources.map((source) => [source.id, source]));
  const seen = new Set<string>();
  for (const entity of editors.entities) {
    const published = publicEntities.get(entity.id);
    add("Entity", entity, entity.name, entityFields(entity), published && entityFields(published));
    for (const relation of entity.relations) {
      if (seen.has(relation.id)) continue;
      seen.add(relation.id);
      const publicRelation = publicRelations.get(relation.id);
      const label = `${relation.subject.name} ${relation.predicate.toLowerCase().replace(/_/g, " ")} ${relation.object.name}`;
      add("Relation", relation, label, relationFields(relation), publicRelation && relationFields(publicRelation));
    }
  }
  for (const source of editors.sources) {
    const published = publicSources.get(source.id);
    add("Source", source, source.title, sourceFields(source), published && sourceFields(published));
  }
  return items;
}
