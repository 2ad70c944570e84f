import { graphql } from "../gql";

export const SearchEntitiesQuery = graphql(`
  query SearchEntities($query: String!, $kinds: [EntityKind!], $first: Int) {
    search(query: $query, kinds: $kinds, first: $first, includeDrafts: true) { ...EntityFields }
  }
`);

export const EntityPageQuery = graphql(`
  query EntityPage($id: ID!) {
    entity(id: $id, includeDrafts: true) {
      ...EntityFields
      relations { ...RelationFields }
    }
  }
`);

/**
 * The entity as saved now, read after a CONFLICT. A document of its own on purpose: urql hands a query's
 * result to every subscriber of the same document and variables, so re-reading EntityPage would also
 * refresh the page behind the form, remount the form and wipe the conflict it is about to show.
 */
export const SavedEntityQuery = graphql(`
  query SavedEntity($id: ID!) {
    entity(id: $id, includeDrafts: true) { ...EntityFields }
  }
`);

export const PublishedEntityQuery = graphql(`
  query PublishedEntity($id: ID!) {
    entity(id: $id) { ...EntityFields }
  }
`);

export const NeighborhoodQuery = graphql(`
  query Neighborhood($id: ID!, $depth: Int) {
    neighborhood(id: $id, depth: $depth, includeDrafts: true) {
      entities { id name kind status }
      relations { id predicate redFlag urgency status subject { id } object { id } }
      truncated
    }
  }
`);

export const CreateEntityMutation = graphql(`
  mutation CreateEntity($input: CreateEntityInput!) {
    createEntity(input: $input) { ...EntityFields }
  }
`);

export const UpdateEntityMutation = graphql(`
  mutation UpdateEntity($id: ID!, $expectedVersion: Int!, $input: UpdateEntityInput!) {
    updateEntity(id: $id, expectedVersion: $expectedVersion, input: $input) { ...EntityFields }
  }
`);
