import { useState } from "react";
import { Button, Form, SearchField, Input, Label } from "react-aria-components";
import { Link, useSearchParams } from "react-router";
import { useQuery } from "urql";
import { problemsOf } from "../api-errors";
import { ChoiceInput, Loading, ProblemList, StatusBadge } from "../components/fields";
import { KINDS, labelOf } from "../components/labels";
import type { EntityFieldsFragment, EntityKind } from "../gql/graphql";
import { EntityListQuery } from "../graphql/entity-list";
import { SearchEntitiesQuery } from "../graphql/entities";

const PAGE_SIZE = 20;
const ALL_KINDS = "ALL";

/** Search (the API's `search`) or page through every entity (`entities`), optionally of one kind. */
export function EntitiesScreen() {
  const [params, setParams] = useSearchParams();
  const query = params.get("q") ?? "";
  const kind = (params.get("kind") as EntityKind | null) ?? null;
  const [typed, setTyped] = useState(query);
  const update = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) value ? next.set(key, value) : next.delete(key);
    setParams(next);
  };
  return (
    <>
      <h1>Entities</h1>
      <Form validationBehavior="aria"
        className="toolbar"
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          update({ q: typed.trim() || null, after: null, before: null });
        }}
      >
        <SearchField className="field" value={typed} onChange={setTyped} onClear={() => update({ q: null })}>
          <Label>Search by name, alias or summary</Label>
          <Input />
        </SearchField>
        <ChoiceInput
          label="Kind"
          value={kind ?? ALL_KINDS}
          options={[{ id: ALL_KINDS, label: "All kinds" }, ...KINDS]}
          onChange={(value) => update({ kind: value === ALL_KINDS ? null : value, after: null, before: null })}
        />
        <Button type="submit" className="button">Search</Button>
      </Form>
      {query ? <SearchResults query={query} kind={kind} /> : <EntityPages kind={kind} params={params} update={update} />}
    </>
  );
}

function SearchResults({ query, kind }: { query: string; kind: EntityKind | null }) {
  const [{ data, fetching, error }] = useQuery({ query: SearchEntitiesQuery, variables: { query, kinds: kind ? [kind] : null, first: 50 } });
  if (fetching) return <Loading what="results" />;
  if (error) return <ProblemList problems={problemsOf(error)} />;
  const found = data?.search ?? [];
  return (
    <>
      <p role="status">{found.length === 0 ? `Nothing matches “${query}”.` : `${found.length} found for “${query}”, most relevant first.`}</p>
      <EntityTable entities={found} />
    </>
  );
}

function EntityPages({ kind, params, update }: { kind: EntityKind | null; params: URLSearchParams; update(changes: Record<string, string | null>): void }) {
  const after = params.get("after");
  const before = params.get("before");
  const variables = before ? { kind, last: PAGE_SIZE, before } : { kind, first: PAGE_SIZE, after };
  const [{ data, fetching, error }] = useQuery({ query: EntityListQuery, variables });
  if (fetching) return <Loading what="entities" />;
  if (error) return <ProblemList problems={problemsOf(error)} />;
  const connection = data!.entities;
  const entities = connection.edges.map((edge) => edge.node);
  return (
    <>
      <p role="status">{connection.totalCount === 0 ? "No entities yet." : `${connection.totalCount} entities, by name.`}</p>
      <EntityTable entities={entities} />
      <nav className="pager" aria-label="Pages">
        <Button className="button secondary" isDisabled={!connection.pageInfo.hasPreviousPage} onPress={() => update({ before: connection.pageInfo.startCursor ?? null, after: null })}>
          Previous page
        </Button>
        <Button className="button secondary" isDisabled={!connection.pageInfo.hasNextPage} onPress={() => update({ after: connection.pageInfo.endCursor ?? null, before: null })}>
          Next page
        </Button>
      </nav>
    </>
  );
}

function EntityTable({ entities }: { entities: EntityFieldsFragment[] }) {
  if (entities.length === 0) return null;
  return (
    <table className="table">
      <thead>
        <tr><th scope="col">Name</th><th scope="col">Kind</th><th scope="col">Status</th><th scope="col">Summary</th></tr>
      </thead>
      <tbody>
        {entities.map((entity) => (
          <tr key={entity.id}>
            <td><Link to={`/entities/${entity.id}`}>{entity.name}</Link></td>
            <td>{labelOf(KINDS, entity.kind)}</td>
            <td><StatusBadge status={entity.status} /></td>
            <td className="summary">{entity.summary}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
