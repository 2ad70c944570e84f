/**
 * The hostile requests of issue 8 ("Admission control"), shared by the tests
 * that check their refusal and by `npm run bench:refusals`, which times it.
 * Plain strings: no jest, so the bench can import this file too.
 */

/**
 * `relations { subject { ... } object { ... } }` nested `levels` deep under back spasms, both ends
 * nesting again, so the selection doubles per level. Four levels is the issue's 744-byte query, which
 * before admission control grew the heap to 4 GB and killed the process.
 */
export function nestedRelations(levels: number): string {
  const level = (left: number): string => (left === 0 ? "" : ` relations { subject { name${level(left - 1)} } object { name${level(left - 1)} } }`);
  return `{ entity(slug:"back-spasms") { name${level(levels)} } }`;
}

/** `{ a0: field { selection } a1: ... }`: `count` aliases of one field. */
export const aliases = (count: number, field: string, selection: string): string =>
  `{ ${Array.from({ length: count }, (_, i) => `a${i}: ${field} { ${selection} }`).join(" ")} }`;

/** A query `levels` fields deep: entity { relations { subject { relations { ... { name } } } } }. */
export function depthBomb(levels: number): string {
  let query = "name";
  for (let level = levels - 1; level >= 2; level--) query = `${level % 2 === 0 ? "relations" : "subject"} { ${query} }`;
  return `{ entity(slug: "back-spasms") { ${query} } }`;
}

/** One of the issue's four requests; `query` takes back spasms' global id (the neighborhood's centre). */
export interface HostileRequest {
  name: string;
  query(backSpasmsId: string): string;
}

/** The four requests issue 8 says must each be refused (in under 50 ms, with a concurrent query under 100 ms). */
export const ISSUE_8_REQUESTS: HostileRequest[] = [
  { name: "the depth-4 relations query", query: () => nestedRelations(4) },
  {
    name: "25 aliases of neighborhood(depth: 4)",
    query: (id) => aliases(25, `neighborhood(id: "${id}", depth: 4)`, "entities { id slug name kind status } relations { id predicate subject { id slug name } object { id slug name } } truncated"),
  },
  { name: "1,000 aliases of entities(first: 100)", query: () => aliases(1000, "entities(first: 100)", "edges { node { name } }") },
  { name: "a depth bomb of 20 levels", query: () => depthBomb(20) },
];
