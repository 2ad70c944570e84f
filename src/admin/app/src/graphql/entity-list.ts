import { graphql } from "../gql";

export const EntityListQuery = graphql(`
  query EntityList($kind: EntityKind, $first: Int, $after: String, $last: Int, $before: String) {
    entities(kind: $kind, first: $first, after: $after, last: $last, before: $before, includeDrafts: true) {
      totalCount
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      edges { node { ...EntityFields } }
    }
  }
`);
