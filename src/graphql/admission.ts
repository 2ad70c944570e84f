import type { ApolloServerPlugin } from "@apollo/server";
import { maxAliasesRule } from "@escape.tech/graphql-armor-max-aliases";
import { maxDepthRule } from "@escape.tech/graphql-armor-max-depth";
import { maxDirectivesRule } from "@escape.tech/graphql-armor-max-directives";
import {
  type DocumentNode,
  GraphQLError,
  Kind,
  NoSchemaIntrospectionCustomRule,
  validate,
  type ASTVisitor,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from "graphql";
import { getComplexity } from "graphql-query-complexity";
import { LRUCache } from "lru-cache";
import type { Config, QueryLimits } from "../config";
import type { Context } from "../context";
import { requestError } from "../errors";
import { caregraphCost } from "./cost";
import { nestsDeeperThan } from "./nesting";

// No input type of the schema nests a tenth as deep; deeper variables are refused before anything walks them.
const MAX_VARIABLES_NESTING = 32;

/**
 * Admission control: an Apollo plugin that, once an operation is parsed and
 * validated and before anything executes, refuses the operations that ask for
 * more work than the limits allow (HTTP 400, `QUERY_TOO_COMPLEX`, a message
 * with the limit and the request's figure). In order: depth, aliases, root
 * fields, directives (graphql-armor's rules), then the estimated cost
 * (graphql-query-complexity with the model in cost.ts). The token limit is
 * applied earlier, by the parser (Apollo's `parseOptions.maxTokens`).
 * Variables nested more than 32 levels deep are refused as BAD_USER_INPUT
 * before the cost is worked out (it keys its cache by their JSON).
 *
 * It also refuses subscriptions (OPERATION_NOT_SUPPORTED: the schema has none
 * and GraphQL over HTTP carries none) and, when introspection is for signed-in
 * viewers only, an anonymous introspection query.
 */
export function admissionControl(limits: QueryLimits, introspection: Config["introspection"]): ApolloServerPlugin<Context> {
  // The verdicts depend on the document (and the variables, for the cost) only: each is worked out once.
  const hiddenIntrospection = new WeakMap<DocumentNode, GraphQLError | undefined>();
  const shapeRefusals = new WeakMap<DocumentNode, GraphQLError | undefined>();
  const costs = new LRUCache<string, number | "unpriced">({ max: 1000 });
  const documentNumbers = new WeakMap<DocumentNode, number>();
  let lastDocumentNumber = 0;
  const once = <T>(verdicts: WeakMap<DocumentNode, T>, document: DocumentNode, decide: () => T): T => {
    if (!verdicts.has(document)) verdicts.set(document, decide());
    return verdicts.get(document) as T;
  };
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request, contextValue }) {
          if (operation?.operation === "subscription") {
            throw requestError("OPERATION_NOT_SUPPORTED", "Subscriptions are not supported: send a query or a mutation.", 400);
          }
          if (introspection === "signed-in" && !contextValue.viewer) {
            const hidden = once(hiddenIntrospection, document, () => validate(schema, document, [NoSchemaIntrospectionCustomRule])[0]);
            if (hidden) {
              throw new GraphQLError(`${hidden.message} Introspection needs a signed-in viewer.`, {
                nodes: hidden.nodes,
                extensions: { code: "GRAPHQL_VALIDATION_FAILED", http: { status: 400 } },
              });
            }
          }
          const refusal = once(shapeRefusals, document, () => validate(schema, document, shapeRules(limits))[0]);
          if (refusal) throw refusal;
          if (nestsDeeperThan(request.variables ?? {}, MAX_VARIABLES_NESTING)) {
            throw requestError("BAD_USER_INPUT", `The variables nest more than ${MAX_VARIABLES_NESTING} levels deep.`, 400);
          }
          let number = documentNumbers.get(document);
          if (number === undefined) documentNumbers.set(document, (number = ++lastDocumentNumber));
          const key = `${number}|${request.operationName ?? ""}|${JSON.stringify(request.variables ?? {})}`;
          let cost = costs.get(key);
          if (cost === undefined) {
            try {
              cost = getComplexity({ estimators: [caregraphCost], schema, query: document, variables: request.variables, operationName: request.operationName });
            } catch {
              // Variables that do not fit: execution refuses them (BAD_USER_INPUT) before any resolver runs.
              cost = "unpriced";
            }
            costs.set(key, cost);
          }
          if (cost !== "unpriced" && cost > limits.maxCost) {
            throw tooComplex("cost", `The query's estimated cost is ${cost}; the limit is ${limits.maxCost}.`, limits.maxCost, cost);
          }
        },
      };
    },
  };
}

function tooComplex(limit: string, message: string, maximum: number, actual?: number): GraphQLError {
  return requestError("QUERY_TOO_COMPLEX", message, 400, { limit, maximum, ...(actual !== undefined && { actual }) });
}

/** The rules on the operation's shape; each reports at most one QUERY_TOO_COMPLEX error. */
function shapeRules(limits: QueryLimits): ValidationRule[] {
  // graphql-armor reports "Syntax Error: <limit> limit of N exceeded, found M." through onReject; we re-code it.
  const armor = (limit: string, maximum: number) => ({
    n: maximum,
    exposeLimits: true,
    propagateOnRejection: false,
    onReject: [
      (context: ValidationContext | null, error: GraphQLError) => {
        const found = /found (\d+)/.exec(error.message);
        const message = error.message.replace(/^Syntax Error: /, "");
        context?.reportError(tooComplex(limit, message, maximum, found ? Number(found[1]) : undefined));
      },
    ],
  });
  return [
    // Fragments do not add depth: `... on Condition { treatments }` is as deep as `treatments`.
    maxDepthRule({ ...armor("depth", limits.maxDepth), flattenFragments: true }),
    maxAliasesRule(armor("aliases", limits.maxAliases)),
    maxRootFieldsRule(limits.maxRootFields),
    maxDirectivesRule(armor("directives", limits.maxDirectives)),
  ];
}

/** At most `maximum` root fields per operation (aliases and fragments included; `__typename` is free). */
function maxRootFieldsRule(maximum: number): ValidationRule {
  return (context): ASTVisitor => ({
    OperationDefinition(operation) {
      const count = countFields(context, operation.selectionSet, new Set());
      if (count > maximum) {
        context.reportError(tooComplex("rootFields", `Root field limit of ${maximum} exceeded, found ${count}.`, maximum, count));
      }
    },
  });
}

function countFields(context: ValidationContext, selectionSet: SelectionSetNode, seen: Set<string>): number {
  let count = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) count += selection.name.value === "__typename" ? 0 : 1;
    else if (selection.kind === Kind.INLINE_FRAGMENT) count += countFields(context, selection.selectionSet, seen);
    else if (!seen.has(selection.name.value)) {
      seen.add(selection.name.value);
      const fragment = context.getFragment(selection.name.value);
      if (fragment) count += countFields(context, fragment.selectionSet, seen);
    }
  }
  return count;
}
