import { graphql } from "../gql";

export const CreateRelationMutation = graphql(`
  mutation CreateRelation($input: CreateRelationInput!) {
    createRelation(input: $input) { ...RelationFields }
  }
`);

export const UpdateRelationMutation = graphql(`
  mutation UpdateRelation($id: ID!, $expectedVersion: Int!, $input: UpdateRelationInput!) {
    updateRelation(id: $id, expectedVersion: $expectedVersion, input: $input) { ...RelationFields }
  }
`);

export const SourcesQuery = graphql(`
  query Sources($first: Int, $after: String) {
    sources(first: $first, after: $after, includeDrafts: true) {
      pageInfo { hasNextPage endCursor }
      edges { node { ...SourceFields } }
    }
  }
`);
