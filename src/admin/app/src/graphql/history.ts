import { graphql } from "../gql";

export const HistoryQuery = graphql(`
  query History($id: ID!) {
    history(id: $id) { id recordId action actor createdAt before after reason }
    draftNode(id: $id) {
      id
      __typename
      ... on Entity { name version status }
      ... on Relation { version status predicate subject { name } object { name } }
      ... on Source { title version status }
      ... on Citation { quote }
    }
  }
`);

export const RevertMutation = graphql(`
  mutation Revert($revisionId: ID!, $expectedVersion: Int!) {
    revert(revisionId: $revisionId, expectedVersion: $expectedVersion) {
      id
      ... on Entity { status version }
      ... on Relation { status version }
      ... on Source { status version }
    }
  }
`);
