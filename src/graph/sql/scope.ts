import type { FragmentDefinitionNode, GraphQLResolveInfo, GraphQLSchema } from "graphql";

/** What compiling one request's selection needs: the operation's fragments and variables, and the reader's choice of drafts. */
export interface Scope {
  schema: GraphQLSchema;
  fragments: Record<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
  includeDrafts: boolean;
  /** A fresh table alias for this statement. */
  alias(): string;
}

export function scopeOf(info: GraphQLResolveInfo, includeDrafts: boolean): Scope {
  let aliases = 0;
  return {
    schema: info.schema,
    fragments: info.fragments,
    variables: info.variableValues,
    includeDrafts,
    // Stryker disable next-line UpdateOperator: equivalent, counting down gives distinct aliases too (quoted: "t-1")
    alias: () => `t${++aliases}`,
  };
}
