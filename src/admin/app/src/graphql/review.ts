import { graphql } from "../gql";

/**
 * The API has no review-queue field yet: the queue reads every entity (with its relations) and source
 * twice, as editors see them (drafts, pending edits applied) and as the public does, and compares.
 * 20 entities a page: with their relations and citations that is about 4,100 of the API's cost limit
 * of 5,000 (MAX_QUERY_COST), which prices each entity's relation list at 20 relations.
 */
export const ReviewSnapshotQuery = graphql(`
  query ReviewSnapshot($drafts: Boolean!, $after: String, $sourcesAfter: String) {
    entities(first: 20, after: $after, includeDrafts: $drafts) {
      pageInfo { hasNextPage endCursor }
      edges { node { ...EntityFields relations { ...RelationFields } } }
    }
    sources(first: 100, after: $sourcesAfter, includeDrafts: $drafts) {
      pageInfo { hasNextPage endCursor }
      edges { node { ...SourceFields } }
    }
  }
`);

export const PublishMutation = graphql(`
  mutation Publish($id: ID!, $expectedVersion: Int!) {
    publish(id: $id, expectedVersion: $expectedVersion) {
      id
      ... on Entity { status version }
      ... on Relation { status version }
      ... on Source { status version }
    }
  }
`);

export const RetractMutation = graphql(`
  mutation Retract($id: ID!, $expectedVersion: Int!, $reason: String!) {
    retract(id: $id, expectedVersion: $expectedVersion, reason: $reason) {
      id
      ... on Entity { status version }
      ... on Relation { status version }
      ... on Source { status version }
    }
  }
`);
