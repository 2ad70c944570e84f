import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import {
  buildSchema, type DocumentNode, execute, type FieldNode, getArgumentValues, type GraphQLInterfaceType, type GraphQLObjectType,
  type GraphQLResolveInfo, type GraphQLSchema, parse, type SelectionSetNode, validate,
} from "graphql";
import { Pool } from "pg";
import { ENTITY_BY_SLUG, ENTITY_PAGE, NEIGHBORHOOD, PATHS, SEARCH } from "./floor-sql";

/*
 * The floor: the least a GraphQL server over these tables can cost. Plain
 * node:http, graphql-js, pg, and one prepared statement per root field that
 * builds the JSON in PostgreSQL (json_agg). It speaks the same SDL names as
 * Caregraph for the benchmark's query mix, and nothing more.
 *
 * Usage: DATABASE_URL=... node floor-server.js   (prints its URL, port chosen by the system)
 */

const SDL = `
enum EntityKind { CONDITION CAUSE SYMPTOM DIAGNOSTIC TREATMENT }
enum Predicate { CAUSES HAS_SYMPTOM INDICATES DIAGNOSED_BY TREATED_BY PREVENTED_BY CONTRAINDICATED_FOR SUBTYPE_OF }
enum Direction { OUTGOING INCOMING BOTH }
enum CareContext { ACUTE CHRONIC ANY }
enum Urgency { EMERGENCY SOON ROUTINE }
interface Entity {
  id: ID! slug: String! name: String! kind: EntityKind!
  relations(predicates: [Predicate!], direction: Direction = BOTH, context: CareContext): [Relation!]!
}
${["Cause", "Symptom", "Diagnostic", "Treatment"].map((type) => `type ${type} implements Entity {
  id: ID! slug: String! name: String! kind: EntityKind!
  relations(predicates: [Predicate!], direction: Direction = BOTH, context: CareContext): [Relation!]!
}`).join("\n")}
type Condition implements Entity {
  id: ID! slug: String! name: String! kind: EntityKind!
  relations(predicates: [Predicate!], direction: Direction = BOTH, context: CareContext): [Relation!]!
  redFlags: [Relation!]!
  treatments(context: CareContext): [Relation!]!
}
type Relation {
  id: ID! predicate: Predicate! context: CareContext! redFlag: Boolean! urgency: Urgency note: String
  subject: Entity! object: Entity! citations: [Citation!]!
}
type Citation { id: ID! quote: String! section: String source: Source! }
type Source { id: ID! title: String! }
type PageInfo { hasNextPage: Boolean! endCursor: String }
type EntityEdge { cursor: String! node: Entity! }
type EntityConnection { edges: [EntityEdge!]! pageInfo: PageInfo! }
type Subgraph { entities: [Entity!]! relations: [Relation!]! }
type Path { length: Int! entities: [Entity!]! relations: [Relation!]! }
type Query {
  entity(slug: String!): Entity
  search(query: String!, first: Int = 10): [Entity!]!
  entities(first: Int = 20, after: String): EntityConnection!
  neighborhood(id: ID!, depth: Int = 1): Subgraph
  paths(fromId: ID!, toId: ID!, maxDepth: Int = 3): [Path!]!
}`;

interface EntityRow {
  id: number;
  name: string;
  kind: string;
}

/** The fields selected on the root field, looking through inline fragments (one level is all the mix needs). */
function selectedFields(selectionSet: SelectionSetNode | undefined): FieldNode[] {
  return (selectionSet?.selections ?? []).flatMap((selection) =>
    selection.kind === "Field" ? [selection] : selection.kind === "InlineFragment" ? selectedFields(selection.selectionSet) : [],
  );
}

// Same opaque form as Caregraph's cursors, so that both answer the same page query byte for byte.
const encodeCursor = (row: EntityRow) => Buffer.from(JSON.stringify([row.name, row.id]), "utf8").toString("base64url");
const decodeCursor = (cursor: string) => JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as [string, number];
// Caregraph's global ids ("Entity:<row id>", base64url), read the same way.
const entityRowId = (id: string) => Number(Buffer.from(id, "base64url").toString("utf8").replace(/^Entity:/, ""));

function buildFloorSchema(pool: Pool): GraphQLSchema {
  const schema = buildSchema(SDL);
  const one = async (name: string, text: string, values: unknown[]) => (await pool.query({ name, text, values })).rows[0]?.json ?? null;
  const resolveType = (value: EntityRow) => value.kind[0] + value.kind.slice(1).toLowerCase();
  (schema.getType("Entity") as GraphQLInterfaceType).resolveType = resolveType as never;
  const query = schema.getQueryType()!.getFields();
  query.entity.resolve = (_root, args: { slug: string }, _context, info: GraphQLResolveInfo) => {
    const fields = selectedFields(info.fieldNodes[0].selectionSet);
    const treatments = fields.find((field) => field.name.value === "treatments");
    const careContext = treatments
      ? (getArgumentValues((info.schema.getType("Condition") as GraphQLObjectType).getFields().treatments, treatments, info.variableValues).context ?? null)
      : null;
    const redFlags = fields.some((field) => field.name.value === "redFlags");
    return one("floor_entity", ENTITY_BY_SLUG, [args.slug, treatments !== undefined, careContext, redFlags]);
  };
  query.search.resolve = (_root, args: { query: string; first: number }) =>
    one("floor_search", SEARCH, [args.query.trim().toLowerCase().split(/\s+/).join(" "), args.first]);
  query.entities.resolve = async (_root, args: { first: number; after?: string }) => {
    const [name, id] = args.after ? decodeCursor(args.after) : [null, null];
    const rows = (await one("floor_page", ENTITY_PAGE, [name, id, args.first + 1])) as EntityRow[];
    const page = rows.slice(0, args.first);
    return {
      edges: page.map((row) => ({ cursor: encodeCursor(row), node: row })),
      pageInfo: { hasNextPage: rows.length > args.first, endCursor: page.length ? encodeCursor(page[page.length - 1]) : null },
    };
  };
  query.neighborhood.resolve = (_root, args: { id: string; depth: number }) =>
    one("floor_neighborhood", NEIGHBORHOOD, [entityRowId(args.id), args.depth]);
  query.paths.resolve = (_root, args: { fromId: string; toId: string; maxDepth: number }) =>
    one("floor_paths", PATHS, [entityRowId(args.fromId), entityRowId(args.toId), args.maxDepth]);
  return schema;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function main(): void {
  const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
  const schema = buildFloorSchema(pool);
  // Parsed and validated documents, by query text (as Apollo's and PostGraphile's caches do).
  const documents = new Map<string, DocumentNode>();
  const send = (response: ServerResponse, status: number, body: unknown) => {
    response.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
  };
  const server = createServer((request, response) => {
    void (async () => {
      try {
        const { query, variables } = JSON.parse(await readBody(request)) as { query: string; variables?: Record<string, unknown> };
        let document = documents.get(query);
        if (!document) {
          document = parse(query);
          const errors = validate(schema, document);
          if (errors.length > 0) return send(response, 400, { errors });
          documents.set(query, document);
        }
        send(response, 200, await execute({ schema, document, variableValues: variables }));
      } catch (error) {
        send(response, 500, { errors: [{ message: String(error) }] });
      }
    })();
  });
  server.listen(0, "127.0.0.1", () => {
    console.log(`floor at http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`);
  });
  process.on("SIGTERM", () => {
    server.close(() => void pool.end().then(() => process.exit(0)));
    server.closeAllConnections();
  });
}

main();
