import { issueToken } from "../../src/auth/token.service";
import type { Database } from "../../src/db/client";
import type { GraphQLResponse } from "./http";

/** Real API tokens, issued through the token service as `npm run token:create` does. */
export interface Tokens {
  editor: string;
  reviewer: string;
  admin: string;
}

export async function issueTokens(db: Database): Promise<Tokens> {
  const issue = async (name: string, role: string) => (await issueToken(db, { name, role })).token;
  return { editor: await issue("edna", "EDITOR"), reviewer: await issue("rhea", "REVIEWER"), admin: await issue("ada", "ADMIN") };
}

/** The error code of a response's first error, or undefined when there is none. */
export function errorCode(response: GraphQLResponse): string | undefined {
  return response.errors?.[0]?.extensions?.code;
}

/** The first error's extensions (code, field, currentVersion). */
export function errorOf(response: GraphQLResponse): Record<string, any> | undefined {
  return response.errors?.[0]?.extensions;
}

/** The first error's message: what a client shows its user. */
export function errorMessage(response: GraphQLResponse): string | undefined {
  return response.errors?.[0]?.message;
}

/** The data of a response that must have succeeded; fails the test with the errors otherwise. */
export function dataOf<Data = Record<string, any>>(response: GraphQLResponse<Data>): Data {
  if (response.errors?.length || !response.data) throw new Error(`Expected success, got ${JSON.stringify(response.errors)}`);
  return response.data;
}

type Graphql = (query: string, variables?: Record<string, unknown>, token?: string) => Promise<GraphQLResponse>;

/** Small steps the editor tests repeat, each through the API and failing loudly when refused. */
export function editorSteps(graphql: Graphql, token: string) {
  return {
    async entity(kind: string, name: string): Promise<{ id: string; version: number }> {
      const query = `mutation ($input: CreateEntityInput!) { createEntity(input: $input) { id version } }`;
      return dataOf(await graphql(query, { input: { kind, name } }, token)).createEntity;
    },
    async source(title: string, extra: Record<string, unknown> = {}): Promise<{ id: string; version: number }> {
      const query = `mutation ($input: CreateSourceInput!) { createSource(input: $input) { id version } }`;
      return dataOf(await graphql(query, { input: { title, ...extra } }, token)).createSource;
    },
    async relation(input: Record<string, unknown>): Promise<{ id: string; version: number; citations: { id: string }[] }> {
      const query = `mutation ($input: CreateRelationInput!) { createRelation(input: $input) { id version citations { id } } }`;
      return dataOf(await graphql(query, { input }, token)).createRelation;
    },
    /** Publishes the record as of its current version (read from its history), or of `version`. */
    async publish(id: string, version?: number): Promise<void> {
      const expectedVersion = version ?? (await this.version(id));
      dataOf(await graphql(`mutation ($id: ID!, $v: Int!) { publish(id: $id, expectedVersion: $v) { id } }`, { id, v: expectedVersion }, token));
    },
    /** A record's current version: the `after` of its newest revision. */
    async version(id: string): Promise<number> {
      const { history } = dataOf(await graphql(`query ($id: ID!) { history(id: $id) { after } }`, { id }, token));
      return history[0].after.version;
    },
  };
}
