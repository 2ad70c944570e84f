import { type GraphQLField, type GraphQLFieldResolver, type GraphQLSchema, defaultFieldResolver, isInterfaceType, isObjectType } from "graphql";
import { COMPILED } from "./marker";

/**
 * Lets the schema answer from compiled JSON: a field of a compiled object
 * (marked with `$`) is read under its response name, with no per-field
 * resolver work; any other object (a mutation's payload, a loader's row)
 * goes to the field's own resolver as before. Interfaces take a compiled
 * object's type from its marker. Done once, when the schema is built.
 * Fields with no resolver of their own are noted (`readsOwnProperty`).
 */
export function answerFromCompiledJson(schema: GraphQLSchema): GraphQLSchema {
  const roots = new Set([schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]);
  for (const type of Object.values(schema.getTypeMap())) {
    // Stryker disable next-line ConditionalExpression,MethodExpression: equivalent, introspection's sources are schema objects without the marker, so the wrapper hands them to their own resolvers
    if (type.name.startsWith("__")) continue;
    if (isObjectType(type) && !roots.has(type)) {
      for (const field of Object.values(type.getFields())) {
        if (!field.resolve) propertyFields.add(field);
        field.resolve = readCompiledOr(field.resolve ?? defaultFieldResolver);
      }
    }
    if (isInterfaceType(type) && type.resolveType) {
      const resolveType = type.resolveType;
      type.resolveType = (value, context, info, abstractType) =>
        COMPILED in (value as object) ? (value as Record<string, string>)[COMPILED] : resolveType(value, context, info, abstractType);
    }
  }
  return schema;
}

const propertyFields = new WeakSet<GraphQLField<unknown, unknown>>();

/**
 * Whether graphql-js answers `field` of an unmarked object by reading the
 * object's property of the field's name (graphql-js's default resolver), as
 * for the plain data types declared with `simpleResolvers` (e.g. TextSelector).
 */
export function readsOwnProperty(field: GraphQLField<unknown, unknown>): boolean {
  return propertyFields.has(field);
}

function readCompiledOr(resolve: GraphQLFieldResolver<unknown, unknown>): GraphQLFieldResolver<unknown, unknown> {
  return (source, args, context, info) =>
    COMPILED in (source as object) ? (source as Record<string, unknown>)[info.path.key] : resolve(source, args, context, info);
}
