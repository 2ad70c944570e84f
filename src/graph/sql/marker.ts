/**
 * The key that marks a compiled JSON object and holds its GraphQL type name.
 * No GraphQL name can be `$`, so it never meets a response name.
 */
// Stryker disable next-line StringLiteral: equivalent, no GraphQL name can be empty either
export const COMPILED = "$";

/** A compiled JSON object, as the resolvers of its fields read it. */
export type Compiled = Record<string, unknown>;
