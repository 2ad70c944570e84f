// A small Relay app's GraphQL, compiled by relay-compiler in test/frontend-clients.test.ts.
// Bidirectional pagination: no default for `first` in @argumentDefinitions. Relay
// sends `first: null` when it pages backward; a default would turn that into a
// number and the server refuses first and last together.
const { graphql } = require("relay-runtime");

exports.conditionQuery = graphql`
  query operationsConditionQuery($slug: String!) {
    entity(slug: $slug) {
      id
      ...operations_condition @alias(as: "condition")
    }
  }
`;

exports.condition = graphql`
  fragment operations_condition on Condition @refetchable(queryName: "operationsConditionRefetchQuery") {
    id
    name
    treatments(context: ACUTE) {
      id
      ...operations_relation
      object {
        ...operations_treatment @alias(as: "treatment")
      }
    }
  }
`;

exports.treatment = graphql`
  fragment operations_treatment on Treatment @refetchable(queryName: "operationsTreatmentRefetchQuery") {
    id
    name
    aliases
  }
`;

exports.relation = graphql`
  fragment operations_relation on Relation @refetchable(queryName: "operationsRelationRefetchQuery") {
    id
    predicate
    context
    citations {
      id
      quote
      source {
        ...operations_source
      }
    }
  }
`;

exports.source = graphql`
  fragment operations_source on Source @refetchable(queryName: "operationsSourceRefetchQuery") {
    id
    title
    publisher
  }
`;

exports.entitiesQuery = graphql`
  query operationsEntitiesQuery {
    ...operations_entities @arguments(first: 10)
    ...operations_sources
  }
`;

exports.entities = graphql`
  fragment operations_entities on Query
  @argumentDefinitions(first: { type: "Int" }, after: { type: "String" }, last: { type: "Int" }, before: { type: "String" })
  @refetchable(queryName: "operationsEntitiesPaginationQuery") {
    entities(first: $first, after: $after, last: $last, before: $before) @connection(key: "operations_entities") {
      totalCount
      edges {
        node {
          id
          name
        }
      }
    }
  }
`;

exports.sources = graphql`
  fragment operations_sources on Query
  @argumentDefinitions(count: { type: "Int", defaultValue: 10 }, cursor: { type: "String" })
  @refetchable(queryName: "operationsSourcesPaginationQuery") {
    sources(first: $count, after: $cursor) @connection(key: "operations_sources") {
      edges {
        node {
          ...operations_source
        }
      }
    }
  }
`;
