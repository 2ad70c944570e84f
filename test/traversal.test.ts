import type { Database } from "../src/db/client";
import { toGlobalId } from "../src/graph/node/global-id";
import { issueTokens } from "./support/editors";
import type { TestServer } from "./support/http";
import { closeScenario, openScenario } from "./support/scenario";

interface EntityRef {
  id: string;
  name: string;
}
interface RelationRef {
  id: string;
  predicate: string;
  subject: EntityRef;
  object: EntityRef;
}
interface Graph {
  entities: EntityRef[];
  relations: RelationRef[];
}
interface PathResult extends Graph {
  length: number;
}

const GRAPH_FIELDS = "entities { id name } relations { id predicate subject { id name } object { id name } }";
const NEIGHBORHOOD = `query Neighborhood($id: ID!, $depth: Int, $predicates: [Predicate!], $includeDrafts: Boolean) {
  neighborhood(id: $id, depth: $depth, predicates: $predicates, includeDrafts: $includeDrafts) { ${GRAPH_FIELDS} }
}`;
const PATHS = `query Paths($fromId: ID!, $toId: ID!, $maxDepth: Int, $includeDrafts: Boolean) {
  paths(fromId: $fromId, toId: $toId, maxDepth: $maxDepth, includeDrafts: $includeDrafts) { length ${GRAPH_FIELDS} }
}`;

const names = (entities: EntityRef[]) => entities.map((entity) => entity.name);
const unique = <T>(items: T[]) => new Set(items).size === items.length;

describe("neighborhood and paths", () => {
  let db: Database;
  let server: TestServer;
  let statements = 0;
  let editorToken: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    ({ db, server } = await openScenario({ seed: true, onQuery: () => statements++ }));
    // A draft condition, linked to back spasms by a draft relation: hidden from the public.
    const draft = await db.entity.create({ data: { slug: "draft-condition", kind: "CONDITION", name: "Draft condition", status: "DRAFT" } });
    const backSpasms = await db.entity.findUniqueOrThrow({ where: { slug: "back-spasms" } });
    await db.relation.create({ data: { subjectId: draft.id, predicate: "CAUSES", objectId: backSpasms.id, status: "DRAFT" } });
    for (const entity of await db.entity.findMany()) ids[entity.slug] = toGlobalId("Entity", entity.id);
    editorToken = (await issueTokens(db)).editor;
  });

  afterAll(() => closeScenario({ db, server }));

  async function neighborhood(variables: Record<string, unknown>, token?: string): Promise<Graph> {
    const response = await server.graphql<{ neighborhood: Graph }>(NEIGHBORHOOD, variables, token);
    expect(response.errors).toBeUndefined();
    return response.data!.neighborhood;
  }

  async function paths(variables: Record<string, unknown>): Promise<PathResult[]> {
    const response = await server.graphql<{ paths: PathResult[] }>(PATHS, variables);
    expect(response.errors).toBeUndefined();
    return response.data!.paths;
  }

  async function errorCode(query: string, variables: Record<string, unknown>, token?: string): Promise<string | undefined> {
    const response = await server.graphql(query, variables, token);
    expect(response.data ?? null).toBeNull();
    return response.errors?.[0].extensions?.code;
  }

  function expectClosedSubgraph(graph: Graph): void {
    const listed = new Set(graph.entities.map((entity) => entity.id));
    expect(unique(graph.entities.map((entity) => entity.id))).toBe(true);
    expect(unique(graph.relations.map((relation) => relation.id))).toBe(true);
    for (const relation of graph.relations) {
      expect(listed.has(relation.subject.id) && listed.has(relation.object.id)).toBe(true);
    }
  }

  describe("neighborhood", () => {
    it("returns back spasms and every entity one relation away, each once", async () => {
      const graph = await neighborhood({ id: ids["back-spasms"] });
      expect(graph.entities[0].name).toBe("Back spasms");
      expectClosedSubgraph(graph);
      expect(names(graph.entities)).toEqual(
        expect.arrayContaining(["Herniated disc", "Back pain", "Non-steroidal anti-inflammatories", "Magnetic resonance imaging"]),
      );
      // Two steps away: aging causes a herniated disc, which causes back spasms.
      expect(names(graph.entities)).not.toContain("Aging");
      // Every relation touches the start.
      expect(graph.relations.every((relation) => [relation.subject.id, relation.object.id].includes(ids["back-spasms"]))).toBe(true);
    });

    it("lists both relations between the same two entities (NSAIDs for acute and for chronic spasms)", async () => {
      const graph = await neighborhood({ id: ids["back-spasms"] });
      const nsaids = graph.relations.filter((relation) => relation.object.id === ids.nsaids);
      expect(nsaids).toHaveLength(2);
    });

    it("reaches two relations away at depth 2, following relations both ways", async () => {
      const one = await neighborhood({ id: ids["back-spasms"], depth: 1 });
      const two = await neighborhood({ id: ids["back-spasms"], depth: 2 });
      expectClosedSubgraph(two);
      expect(names(two.entities)).toEqual(
        expect.arrayContaining([...names(one.entities), "Aging", "Sciatica", "Spinal arthritis", "Sudden weakness in the legs"]),
      );
      expect(two.entities.length).toBeGreaterThan(one.entities.length);
      expect(two.relations.length).toBeGreaterThan(one.relations.length);
    });

    it("follows only the predicates asked for", async () => {
      const graph = await neighborhood({ id: ids["back-spasms"], predicates: ["HAS_SYMPTOM"] });
      expect(graph.relations.every((relation) => relation.predicate === "HAS_SYMPTOM")).toBe(true);
      expect(names(graph.entities).sort()).toEqual(
        ["Back spasms", "Immobility", "Struggling to complete everyday tasks"].sort(),
      );
    });

    it("follows a predicate over several levels", async () => {
      const graph = await neighborhood({ id: ids["back-spasms"], depth: 2, predicates: ["CAUSES"] });
      expectClosedSubgraph(graph);
      expect(graph.relations.every((relation) => relation.predicate === "CAUSES")).toBe(true);
      expect(names(graph.entities)).toEqual(expect.arrayContaining(["Herniated disc", "Aging", "Repeated strain", "Sciatica"]));
    });

    it("follows nothing when given an empty list of predicates", async () => {
      const graph = await neighborhood({ id: ids["back-spasms"], predicates: [] });
      expect(names(graph.entities)).toEqual(["Back spasms"]);
      expect(graph.relations).toEqual([]);
    });

    it("runs one SQL statement per level plus one for the entities", async () => {
      for (const depth of [1, 2, 3]) {
        statements = 0;
        await neighborhood({ id: ids["back-spasms"], depth });
        expect(statements).toBe(depth + 1);
      }
    });

    it("hides drafts from anonymous readers and shows them to an editor who asks", async () => {
      const anonymous = await neighborhood({ id: ids["back-spasms"] });
      expect(names(anonymous.entities)).not.toContain("Draft condition");
      const editor = await neighborhood({ id: ids["back-spasms"], includeDrafts: true }, editorToken);
      expect(names(editor.entities)).toContain("Draft condition");
      expectClosedSubgraph(editor);
    });

    it("answers NOT_FOUND for an unknown entity and for a draft read anonymously", async () => {
      expect(await errorCode(NEIGHBORHOOD, { id: toGlobalId("Entity", 999_999) })).toBe("NOT_FOUND");
      expect(await errorCode(NEIGHBORHOOD, { id: ids["draft-condition"] })).toBe("NOT_FOUND");
    });

    it.each([0, 5, -1, null])("refuses depth %p with BAD_USER_INPUT", async (depth) => {
      expect(await errorCode(NEIGHBORHOOD, { id: ids["back-spasms"], depth })).toBe("BAD_USER_INPUT");
    });

    it("refuses an id that is not an entity's with BAD_USER_INPUT", async () => {
      expect(await errorCode(NEIGHBORHOOD, { id: toGlobalId("Source", 1) })).toBe("BAD_USER_INPUT");
      expect(await errorCode(NEIGHBORHOOD, { id: "not-an-id" })).toBe("BAD_USER_INPUT");
    });

    it("refuses includeDrafts without a sign-in with UNAUTHENTICATED", async () => {
      expect(await errorCode(NEIGHBORHOOD, { id: ids["back-spasms"], includeDrafts: true })).toBe("UNAUTHENTICATED");
    });
  });

  describe("paths", () => {
    function expectOrderedFromTo(path: PathResult, from: string, to: string): void {
      expect(path.entities[0].id).toBe(from);
      expect(path.entities[path.entities.length - 1].id).toBe(to);
      expect(path.relations).toHaveLength(path.length);
      expect(path.entities).toHaveLength(path.length + 1);
      expect(unique(path.entities.map((entity) => entity.id))).toBe(true);
      path.relations.forEach((relation, index) => {
        const ends = [relation.subject.id, relation.object.id].sort();
        expect(ends).toEqual([path.entities[index].id, path.entities[index + 1].id].sort());
      });
    }

    it("leads from back pain through its red flags to what they may signal", async () => {
      const found = await paths({ fromId: ids["back-pain"], toId: ids["severe-nerve-compression"], maxDepth: 2 });
      expect(found.map((path) => names(path.entities).join(" > ")).sort()).toEqual([
        "Back pain > Incontinence > Severe nerve compression",
        "Back pain > Radiating pain > Severe nerve compression",
      ]);
      for (const path of found) {
        expect(path.relations.map((relation) => relation.predicate)).toEqual(["HAS_SYMPTOM", "INDICATES"]);
        expectOrderedFromTo(path, ids["back-pain"], ids["severe-nerve-compression"]);
      }
    });

    it("finds longer paths when allowed, shortest first, each from -> to", async () => {
      const found = await paths({ fromId: ids["herniated-disc"], toId: ids["sudden-leg-weakness"], maxDepth: 4 });
      expect(found.length).toBeGreaterThan(1);
      expect(names(found[0].entities)).toEqual(["Herniated disc", "Back spasms", "Back pain", "Sudden weakness in the legs"]);
      expect(found.map((path) => path.length)).toEqual([...found.map((path) => path.length)].sort());
      for (const path of found) expectOrderedFromTo(path, ids["herniated-disc"], ids["sudden-leg-weakness"]);
      // Some path follows a relation against its direction: back spasms -TREATED_BY-> a treatment <-TREATED_BY- back pain.
      const againstDirection = (path: PathResult) => path.relations.some((relation, index) => relation.subject.id !== path.entities[index].id);
      expect(found.some(againstDirection)).toBe(true);
    });

    it("reads the same path backwards when asked from the other end", async () => {
      const found = await paths({ fromId: ids["sudden-leg-weakness"], toId: ids["herniated-disc"] });
      expect(names(found[0].entities)).toEqual(["Sudden weakness in the legs", "Back pain", "Back spasms", "Herniated disc"]);
    });

    it("returns at most ten paths, in a stable order", async () => {
      // Back pain and back spasms share many treatments: far more than ten paths of length 2 and 3.
      const variables = { fromId: ids["back-pain"], toId: ids["back-spasms"], maxDepth: 3 };
      const found = await paths(variables);
      expect(found).toHaveLength(10);
      expect(found.map((path) => path.length)).toEqual([...found.map((path) => path.length)].sort());
      for (const path of found) expectOrderedFromTo(path, ids["back-pain"], ids["back-spasms"]);
      expect(await paths(variables)).toEqual(found);
    });

    it("returns an empty list when no path is short enough", async () => {
      expect(await paths({ fromId: ids.aging, toId: ids["sudden-leg-weakness"], maxDepth: 2 })).toEqual([]);
    });

    it("runs a bounded number of statements: one per level from each end, plus one for the entities", async () => {
      for (const maxDepth of [1, 2, 3, 4]) {
        statements = 0;
        await paths({ fromId: ids["herniated-disc"], toId: ids["sudden-leg-weakness"], maxDepth });
        expect(statements).toBe(Math.ceil(maxDepth / 2) + 1);
      }
    });

    it("does not walk through drafts anonymously", async () => {
      expect(await paths({ fromId: ids["herniated-disc"], toId: ids["back-spasms"], maxDepth: 2 })).not.toContainEqual(
        expect.objectContaining({ entities: expect.arrayContaining([expect.objectContaining({ name: "Draft condition" })]) }),
      );
      expect(await errorCode(PATHS, { fromId: ids["draft-condition"], toId: ids["back-spasms"] })).toBe("NOT_FOUND");
    });

    it.each([0, 5, null])("refuses maxDepth %p with BAD_USER_INPUT", async (maxDepth) => {
      expect(await errorCode(PATHS, { fromId: ids["herniated-disc"], toId: ids.pain, maxDepth })).toBe("BAD_USER_INPUT");
    });

    it("refuses a path from an entity to itself with BAD_USER_INPUT", async () => {
      expect(await errorCode(PATHS, { fromId: ids.pain, toId: ids.pain })).toBe("BAD_USER_INPUT");
    });

    it("answers NOT_FOUND for an unknown entity", async () => {
      expect(await errorCode(PATHS, { fromId: ids.pain, toId: toGlobalId("Entity", 999_999) })).toBe("NOT_FOUND");
    });
  });
});
