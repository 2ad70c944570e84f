import { type ApolloServerPlugin, type GraphQLRequestContextResponseForOperation, HeaderMap } from "@apollo/server";
import {
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLResolveInfo,
  type GraphQLSchema,
  Kind,
  getArgumentValues,
  getVariableValues,
} from "graphql";
import { collectFields } from "graphql/execution/collectFields";
import type { Context } from "../../context";
import { CompiledAnswer, NOT_COMPILED } from "./complete";

/** What answering an operation reads of Apollo's request context. */
export type OperationRequest = Pick<GraphQLRequestContextResponseForOperation<Context>, "schema" | "document" | "operation" | "request" | "contextValue">;

/**
 * Answers a query whose root fields all answer from SQL (`AnswerFromSql`)
 * without graphql-js's execution: each root field's resolver runs as
 * execution would run it (arguments, roles, the compiled statement), and its
 * JSON is completed by `CompiledAnswer`, saving execution's per-field work
 * (bench/results.md). Every other operation goes to Apollo's execution
 * unchanged, and so does one whose answer the walk cannot give as execution
 * would (a refusal, a null where none may be): execution then takes each
 * root field's outcome from this attempt (`reuseRootOutcomes`) rather than
 * reading the database again.
 */
export function answerCompiledOperations(): ApolloServerPlugin<Context> {
  // Stryker disable next-line ObjectLiteral: equivalent in behaviour, without the hook execution gives the same answers (compiled-operation.test.ts); it only saves work
  return {
    // Stryker disable next-line BlockStatement: equivalent in behaviour, as above
    async requestDidStart() {
      // Stryker disable next-line ObjectLiteral: equivalent in behaviour, as above
      return {
        async responseForOperation(request) {
          const data = await answerCompiled(request);
          return data === NOT_COMPILED ? null : { http: { headers: new HeaderMap() }, body: { kind: "single", singleResult: { data } } };
        },
      };
    },
  };
}

/** The operation's `data`, as graphql-js's execution would give it, or NOT_COMPILED. */
export async function answerCompiled({ schema, document, operation, request, contextValue }: OperationRequest): Promise<Record<string, unknown> | typeof NOT_COMPILED> {
  const query = schema.getQueryType();
  // Apollo calls the hook with no operation when the document names none it has (execution reports that).
  if (operation?.operation !== "query" || !query) return NOT_COMPILED;
  const { coerced: variables } = getVariableValues(schema, operation.variableDefinitions ?? [], request.variables ?? {});
  if (!variables) return NOT_COMPILED;
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
  const roots = [...collectFields(schema, fragments, variables, query, operation.selectionSet)];
  const fields = roots.map(([, nodes]) => query.getFields()[nodes[0].name.value]);
  if (!fields.every((field) => field?.extensions.answerFromSql === true)) return NOT_COMPILED;
  const outcomes = roots.map(([key, nodes], i) => {
    const field = fields[i];
    const info: GraphQLResolveInfo = {
      fieldName: field.name,
      fieldNodes: nodes,
      returnType: field.type,
      parentType: query,
      path: { prev: undefined, key, typename: query.name },
      schema,
      fragments,
      rootValue: undefined,
      operation,
      variableValues: variables,
    };
    // Called now, before the outcome is kept (the wrapper would hand it its own promise); async, so
    // that a refusal rejects beside the reads already started. Execution coerces arguments itself.
    const outcome = (async () => field.resolve!(undefined, getArgumentValues(field, nodes[0], variables), contextValue, info))();
    keepOutcome(contextValue, nodes[0], outcome);
    return outcome;
  });
  const values = await Promise.allSettled(outcomes);
  const answer = new CompiledAnswer(schema, fragments, variables);
  const data: Record<string, unknown> = {};
  for (const [i, [key, nodes]] of roots.entries()) {
    const settled = values[i];
    const value = settled.status === "fulfilled" ? answer.complete(fields[i].type, nodes, settled.value) : NOT_COMPILED;
    if (value === NOT_COMPILED) return NOT_COMPILED;
    data[key] = value;
  }
  rootOutcomes.delete(contextValue); // answered: execution will not run
  return data;
}

/** Each request's root outcomes by field node, from an attempt execution finishes. */
const rootOutcomes = new WeakMap<object, Map<FieldNode, Promise<unknown>>>();

function outcomesOf(context: object): Map<FieldNode, Promise<unknown>> {
  let outcomes = rootOutcomes.get(context);
  if (!outcomes) rootOutcomes.set(context, (outcomes = new Map()));
  return outcomes;
}

function keepOutcome(context: object, node: FieldNode, outcome: Promise<unknown>): void {
  outcome.catch(() => {}); // handled by whoever takes it: this attempt or execution
  outcomesOf(context).set(node, outcome);
}

/**
 * Lets execution take a root field's outcome (its value or its refusal) from
 * the compiled attempt of the same request, once, instead of running the
 * resolver again: a refused read costs one database round trip, not two.
 * Wraps the `AnswerFromSql` root fields once, when the schema is built.
 */
export function reuseRootOutcomes(schema: GraphQLSchema): GraphQLSchema {
  for (const field of Object.values(schema.getQueryType()?.getFields() ?? {})) {
    const resolve = field.resolve;
    // Stryker disable next-line ConditionalExpression: equivalent, a root field the compiled path never runs has no outcome to take, so its wrapper calls its resolver
    if (field.extensions.answerFromSql !== true || !resolve) continue;
    field.resolve = (source, args, context: object, info) => {
      const outcomes = rootOutcomes.get(context);
      const outcome = outcomes?.get(info.fieldNodes[0]);
      if (!outcome) return resolve(source, args, context, info);
      outcomes!.delete(info.fieldNodes[0]);
      return outcome;
    };
  }
  return schema;
}
