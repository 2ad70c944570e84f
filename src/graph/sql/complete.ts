import {
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLSchema,
  isAbstractType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
} from "graphql";
import { collectSubfields } from "graphql/execution/collectFields";
import { readsOwnProperty } from "./compiled-resolvers";
import { COMPILED, type Compiled } from "./marker";

/** A value the walk cannot give as graphql-js would: the operation then runs through graphql-js. */
export const NOT_COMPILED = Symbol("not compiled");

/**
 * Turns a compiled JSON answer into the value graphql-js's execution would
 * give for it, without its per-field machinery: the fields each object's
 * type selects, in their order, `__typename` from the marker, leaves through
 * their scalar's `serialize`. A compiled object is read by response name;
 * an unmarked one (plain JSON such as a citation's selector) by field name,
 * where every field it is asked reads its own property. Anything execution
 * would answer otherwise gives NOT_COMPILED: an unmarked object with a field
 * of its own resolver (a loader's row), a type the field cannot return, a
 * null where the schema forbids one (execution's error), a leaf its scalar refuses.
 */
export class CompiledAnswer {
  /** Subfields per (field nodes, type), as graphql-js memoizes them for one execution. */
  private readonly subfields = new WeakMap<readonly FieldNode[], Map<GraphQLObjectType, Map<string, readonly FieldNode[]>>>();

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly fragments: Record<string, FragmentDefinitionNode>,
    private readonly variables: Record<string, unknown>,
  ) {}

  /** The answer of a field of type `type` selected by `fieldNodes`, from its compiled `value`. */
  complete(type: GraphQLOutputType, fieldNodes: readonly FieldNode[], value: unknown): unknown {
    if (isNonNullType(type)) return value == null ? NOT_COMPILED : this.complete(type.ofType, fieldNodes, value);
    if (value == null) return null;
    if (isListType(type)) {
      if (!Array.isArray(value)) return NOT_COMPILED;
      const items: unknown[] = [];
      for (const item of value) {
        const completed = this.complete(type.ofType, fieldNodes, item);
        if (completed === NOT_COMPILED) return NOT_COMPILED;
        items.push(completed);
      }
      return items;
    }
    if (isLeafType(type)) return serialized(() => type.serialize(value));
    if (typeof value !== "object") return NOT_COMPILED;
    const object = value as Compiled;
    const marked = COMPILED in object;
    const concrete = isAbstractType(type) ? (marked ? this.schema.getType(String(object[COMPILED])) : null) : type;
    if (!isObjectType(concrete) || (isAbstractType(type) && !this.schema.isSubType(type, concrete))) return NOT_COMPILED;
    return this.completeObject(concrete, fieldNodes, object, marked);
  }

  private completeObject(type: GraphQLObjectType, fieldNodes: readonly FieldNode[], object: Compiled, marked: boolean): unknown {
    const answer: Record<string, unknown> = {};
    const fields = type.getFields();
    for (const [key, nodes] of this.subfieldsOf(type, fieldNodes)) {
      const name = nodes[0].name.value;
      if (name === "__typename") {
        answer[key] = type.name;
        continue;
      }
      const field = fields[name];
      if (!marked && !readsOwnProperty(field)) return NOT_COMPILED;
      const completed = this.complete(field.type, nodes, marked ? object[key] : object[name]);
      if (completed === NOT_COMPILED) return NOT_COMPILED;
      answer[key] = completed;
    }
    return answer;
  }

  private subfieldsOf(type: GraphQLObjectType, fieldNodes: readonly FieldNode[]): Map<string, readonly FieldNode[]> {
    let byType = this.subfields.get(fieldNodes);
    // Stryker disable next-line ConditionalExpression: equivalent, a fresh map per call only forgoes the memo
    if (!byType) this.subfields.set(fieldNodes, (byType = new Map()));
    let fields = byType.get(type);
    // Stryker disable next-line ConditionalExpression: equivalent, collecting again gives the same fields; the memo only saves the work
    if (!fields) byType.set(type, (fields = collectSubfields(this.schema, this.fragments, this.variables, type, fieldNodes)));
    return fields;
  }
}

/** A scalar's or enum's answer, or NOT_COMPILED where it refuses the value (execution would answer an error). */
function serialized(serialize: () => unknown): unknown {
  try {
    return serialize() ?? NOT_COMPILED;
  } catch {
    return NOT_COMPILED;
  }
}
