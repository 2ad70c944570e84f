import { graphql } from "../gql";

// Shared selections. Every operation of the app lives in this folder, typed from schema/schema.graphql.

export const EntityFields = graphql(`
  fragment EntityFields on Entity {
    id
    slug
    name
    kind
    aliases
    summary
    status
    version
    updatedAt
  }
`);

export const RelationFields = graphql(`
  fragment RelationFields on Relation {
    id
    predicate
    context
    redFlag
    urgency
    note
    status
    version
    subject { id name kind }
    object { id name kind }
    citations { id quote section source { id title publisher url doi } }
  }
`);

export const SourceFields = graphql(`
  fragment SourceFields on Source {
    id
    title
    publisher
    authors
    url
    doi
    publishedOn
    status
    version
  }
`);
