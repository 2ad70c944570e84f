import { Client } from "pg";
import { shapeOf } from "./graph-shape";

/*
 * The query mix of the benchmark, as each peer spells it. Caregraph's texts
 * follow the committed SDL; PostGraphile's use what PostGraphile 4 generates
 * over the same tables (null where it cannot express the query); the floor
 * speaks Caregraph's names. `content` reduces an answer to what every peer
 * must agree on, so that the bench checks the peers answer the same question.
 */

export type Peer = "caregraph" | "postgraphile" | "floor";

/** The peer whose spelling a server speaks: "caregraph-embedded" speaks Caregraph's. */
export function peerOf(server: string): Peer {
  return server.startsWith("caregraph") ? "caregraph" : (server as Peer);
}

/** What the queries ask about, chosen in the bench database. */
export interface Targets {
  /** The condition whose treatments, red flags and neighbourhood are asked for. */
  conditionSlug: string;
  /** A condition that shares a treatment with it: the other end of `paths`. */
  otherConditionSlug: string;
  commonWord: string;
  /** A made-up word from one entity's name, found in a handful of entities. */
  rareWord: string;
  /** The entity in the middle of the list by (name, id): the page starts after it. */
  middle: { slug: string; name: string; id: number };
  /** Filled in from the running servers: Caregraph's global ids, PostGraphile's cursor. */
  conditionId?: string;
  otherConditionId?: string;
  postgraphileMiddleCursor?: string;
}

/** Picks the targets for the graph of `entities` (the condition at 61.7% of the list: condition-1234 at 10k). */
export async function findTargets(databaseUrl: string, entities: number): Promise<Targets> {
  const conditionSlug = `condition-${Math.round(shapeOf(entities).conditions * 0.617)}`;
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const other = await client.query<{ slug: string }>(
      `SELECT o.slug FROM entity c
         JOIN relation r1 ON r1.subject_id = c.id AND r1.predicate = 'TREATED_BY'
         JOIN relation r2 ON r2.object_id = r1.object_id AND r2.predicate = 'TREATED_BY' AND r2.subject_id <> c.id
         JOIN entity o ON o.id = r2.subject_id
       WHERE c.slug = $1 ORDER BY o.id LIMIT 1`,
      [conditionSlug],
    );
    const rare = await client.query<{ name: string }>(
      "SELECT t.name FROM relation r JOIN entity t ON t.id = r.object_id JOIN entity c ON c.id = r.subject_id WHERE c.slug = $1 AND r.predicate = 'TREATED_BY' ORDER BY t.id LIMIT 1",
      [conditionSlug],
    );
    const middle = await client.query<{ slug: string; name: string; id: number }>(
      "SELECT slug, name, id FROM entity ORDER BY name, id OFFSET $1 LIMIT 1",
      [Math.floor(entities / 2)],
    );
    if (!other.rows[0] || !rare.rows[0] || !middle.rows[0]) throw new Error("The bench database does not hold the expected graph; rebuild it with --rebuild.");
    return {
      conditionSlug,
      otherConditionSlug: other.rows[0].slug,
      commonWord: "pain",
      rareWord: rare.rows[0].name.split(" ")[0].toLowerCase(),
      middle: middle.rows[0],
    };
  } finally {
    await client.end();
  }
}

// Answers are untyped JSON here; each `content` knows its own shape.
type Answer = any;

export interface MixQuery {
  id: string;
  title: string;
  /** The GraphQL text for `peer`, or null where that peer cannot express it. */
  text(peer: Peer, targets: Targets): string | null;
  /** The answer reduced to what every peer must agree on. */
  content(peer: Peer, data: Answer): unknown;
}

const sorted = <T>(items: T[]) => items.map((item) => JSON.stringify(item)).sort();

const TREATMENT_FIELDS = "context note object { name } citations { quote section source { title } }";
const PG_TREATMENT_FIELDS =
  "context note entityByObjectId { name } citationsByRelationId { nodes { quote section sourceBySourceId { title } } }";

interface Treatment {
  object: string;
  context: string;
  note: string | null;
  citations: string[];
}

function caregraphTreatments(data: Answer): Treatment[] {
  return data.entity.treatments.map((r: Answer) => ({
    object: r.object.name,
    context: r.context,
    note: r.note,
    citations: sorted(r.citations.map((c: Answer) => [c.quote, c.section, c.source.title])),
  }));
}

function postgraphileTreatments(nodes: Answer[]): Treatment[] {
  return nodes.map((r: Answer) => ({
    object: r.entityByObjectId.name,
    context: r.context,
    note: r.note,
    citations: sorted(r.citationsByRelationId.nodes.map((c: Answer) => [c.quote, c.section, c.sourceBySourceId.title])),
  }));
}

const entityText = (slug: string, fields: string) => `{ entity(slug: ${JSON.stringify(slug)}) { name ... on Condition { ${fields} } } }`;
const allEntitiesText = (slug: string, fields: string) =>
  `{ allEntities(condition: { slug: ${JSON.stringify(slug)} }) { nodes { name ${fields} } } }`;

export const QUERY_MIX: MixQuery[] = [
  {
    id: "treatments",
    title: "a condition's treatments with citations and sources",
    text: (peer, t) =>
      peer === "postgraphile"
        ? allEntitiesText(t.conditionSlug, `relationsBySubjectId(condition: { predicate: TREATED_BY }) { nodes { ${PG_TREATMENT_FIELDS} } }`)
        : entityText(t.conditionSlug, `treatments { ${TREATMENT_FIELDS} }`),
    content: (peer, data) =>
      sorted(peer === "postgraphile" ? postgraphileTreatments(data.allEntities.nodes[0].relationsBySubjectId.nodes) : caregraphTreatments(data)),
  },
  {
    id: "treatments-acute",
    title: "the same, treatments(context: ACUTE) (ACUTE and ANY)",
    // PostGraphile's condition filters are equalities: ACUTE and ANY as two lists.
    text: (peer, t) =>
      peer === "postgraphile"
        ? allEntitiesText(
            t.conditionSlug,
            `acute: relationsBySubjectId(condition: { predicate: TREATED_BY, context: ACUTE }) { nodes { ${PG_TREATMENT_FIELDS} } }
             any: relationsBySubjectId(condition: { predicate: TREATED_BY, context: ANY }) { nodes { ${PG_TREATMENT_FIELDS} } }`,
          )
        : entityText(t.conditionSlug, `treatments(context: ACUTE) { ${TREATMENT_FIELDS} }`),
    content: (peer, data) => {
      if (peer !== "postgraphile") return sorted(caregraphTreatments(data));
      const condition = data.allEntities.nodes[0];
      return sorted(postgraphileTreatments([...condition.acute.nodes, ...condition.any.nodes]));
    },
  },
  {
    id: "red-flags",
    title: "a condition's red flags with what each signals",
    text: (peer, t) =>
      peer === "postgraphile"
        ? allEntitiesText(
            t.conditionSlug,
            `relationsBySubjectId(condition: { predicate: HAS_SYMPTOM, redFlag: true }) { nodes { urgency note
               entityByObjectId { name relationsBySubjectId(condition: { predicate: INDICATES }) { nodes { entityByObjectId { name } } } } } }`,
          )
        : entityText(
            t.conditionSlug,
            "redFlags { urgency note object { name relations(predicates: [INDICATES], direction: OUTGOING) { object { name } } } }",
          ),
    content: (peer, data) =>
      sorted(
        peer === "postgraphile"
          ? data.allEntities.nodes[0].relationsBySubjectId.nodes.map((r: Answer) => [
              r.urgency, r.note, r.entityByObjectId.name,
              sorted(r.entityByObjectId.relationsBySubjectId.nodes.map((i: Answer) => i.entityByObjectId.name)),
            ])
          : data.entity.redFlags.map((r: Answer) => [
              r.urgency, r.note, r.object.name, sorted(r.object.relations.map((i: Answer) => i.object.name)),
            ]),
      ),
  },
  {
    id: "search-common",
    title: "search for a common word",
    text: (peer, t) => (peer === "postgraphile" ? null : `{ search(query: ${JSON.stringify(t.commonWord)}) { slug name kind } }`),
    content: (_peer, data) => data.search.map((e: Answer) => e.slug),
  },
  {
    id: "search-rare",
    title: "search for a rare word",
    text: (peer, t) => (peer === "postgraphile" ? null : `{ search(query: ${JSON.stringify(t.rareWord)}) { slug name kind } }`),
    content: (_peer, data) => data.search.map((e: Answer) => e.slug),
  },
  {
    id: "entities-page",
    title: "a Relay page of 20 entities in the middle of the list",
    text: (peer, t) =>
      peer === "postgraphile"
        ? `{ allEntities(orderBy: [NAME_ASC, ID_ASC], first: 20, after: ${JSON.stringify(t.postgraphileMiddleCursor)}) {
             edges { cursor node { slug name kind } } pageInfo { hasNextPage endCursor } } }`
        : `{ entities(first: 20, after: ${JSON.stringify(caregraphCursor(t.middle))}) {
             edges { cursor node { slug name kind } } pageInfo { hasNextPage endCursor } } }`,
    content: (peer, data) => {
      const connection = peer === "postgraphile" ? data.allEntities : data.entities;
      return [connection.edges.map((edge: Answer) => edge.node.slug), connection.pageInfo.hasNextPage];
    },
  },
  {
    id: "neighborhood",
    title: "neighborhood(depth: 2) of the condition",
    text: (peer, t) =>
      peer !== "postgraphile"
        ? `{ neighborhood(id: ${JSON.stringify(t.conditionId)}, depth: 2) { entities { slug name kind } relations { predicate subject { slug } object { slug } } } }`
        : null,
    content: (_peer, data) => [
      sorted(data.neighborhood.entities.map((e: Answer) => e.slug)),
      sorted(data.neighborhood.relations.map((r: Answer) => [r.subject.slug, r.predicate, r.object.slug])),
    ],
  },
  {
    id: "paths",
    title: "paths(maxDepth: 3) between two conditions sharing a treatment",
    text: (peer, t) =>
      peer !== "postgraphile"
        ? `{ paths(fromId: ${JSON.stringify(t.conditionId)}, toId: ${JSON.stringify(t.otherConditionId)}, maxDepth: 3) { length entities { slug } relations { predicate } } }`
        : null,
    content: (_peer, data) => data.paths.map((p: Answer) => [p.length, p.entities.map((e: Answer) => e.slug), p.relations.map((r: Answer) => r.predicate)]),
  },
];

/** Caregraph's cursor for a row of the entity list (opaque to clients; it encodes the row's (name, id)). */
function caregraphCursor(row: { name: string; id: number }): string {
  return Buffer.from(JSON.stringify([row.name, row.id]), "utf8").toString("base64url");
}

/** POSTs a query; returns the raw body and its parsed `data`, or throws with the errors. */
export async function ask(url: string, query: string): Promise<{ body: string; data: Answer }> {
  const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query }) });
  const body = await response.text();
  const parsed = JSON.parse(body) as { data?: Answer; errors?: { message: string }[] };
  if (!response.ok || parsed.errors || !parsed.data) throw new Error(`${response.status} ${body.slice(0, 500)}`);
  return { body, data: parsed.data };
}

/** Asks the running servers for the targets only they can name (Caregraph's global ids, PostGraphile's cursor). */
export async function resolveTargets(targets: Targets, urls: Partial<Record<Peer, string>>): Promise<Targets> {
  const resolved = { ...targets };
  if (urls.caregraph) {
    const idOf = async (slug: string) => (await ask(urls.caregraph!, `{ entity(slug: ${JSON.stringify(slug)}) { id } }`)).data.entity.id as string;
    resolved.conditionId = await idOf(targets.conditionSlug);
    resolved.otherConditionId = await idOf(targets.otherConditionSlug);
  }
  if (urls.postgraphile) {
    // A cursor holds the order and the row's values, so the filtered list's cursor is valid in the whole list.
    const { data } = await ask(
      urls.postgraphile,
      `{ allEntities(orderBy: [NAME_ASC, ID_ASC], condition: { slug: ${JSON.stringify(targets.middle.slug)} }) { edges { cursor } } }`,
    );
    resolved.postgraphileMiddleCursor = data.allEntities.edges[0].cursor;
  }
  return resolved;
}
