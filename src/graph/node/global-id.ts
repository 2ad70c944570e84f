import { userInputError } from "../../errors";

/** The record types that have a global id; `node(id)` resolves each of them. */
export type NodeType = "Entity" | "Relation" | "Citation" | "Source" | "Revision" | "ApiToken";

const NODE_TYPES: ReadonlySet<string> = new Set<NodeType>(["Entity", "Relation", "Citation", "Source", "Revision", "ApiToken"]);

export interface GlobalId {
  type: NodeType;
  rowId: number;
}

/**
 * Opaque global id: base64url of "<type>:<row id>". The type is the storage
 * type, not the GraphQL type: an entity keeps its id if its kind changes.
 */
export function toGlobalId(type: NodeType, rowId: number): string {
  return Buffer.from(`${type}:${rowId}`, "utf8").toString("base64url");
}

/** "an Entity", "a Relation". */
function article(type: string): string {
  return `${/^[AEIOU]/.test(type) ? "an" : "a"} ${type}`;
}

/** Decodes a global id; BAD_USER_INPUT naming `field` when it is malformed or of another type. */
export function fromGlobalId(id: string, field: string, expected?: NodeType): GlobalId {
  const [type, digits, extra] = Buffer.from(id, "base64url").toString("utf8").split(":");
  const rowId = Number(digits);
  const valid = extra === undefined && NODE_TYPES.has(type) && /^[1-9]\d{0,9}$/.test(digits ?? "") && rowId <= 2_147_483_647;
  if (!valid) throw userInputError(`${field} is not a valid id.`, field);
  if (expected && type !== expected) throw userInputError(`${field} must be the id of ${article(expected)}, not of ${article(type)}.`, field);
  return { type: type as NodeType, rowId };
}
