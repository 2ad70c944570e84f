import { Link, useParams } from "react-router";
import { useQuery } from "urql";
import { problemsOf } from "../api-errors";
import { EntityForm } from "../components/EntityForm";
import { Loading, ProblemList, Section, StatusBadge } from "../components/fields";
import { KINDS, labelOf } from "../components/labels";
import { Neighborhood } from "../components/Neighborhood";
import { RelationForm } from "../components/RelationForm";
import { RelationGroups } from "../components/RelationGroups";
import { ReviewActions } from "../components/ReviewActions";
import { EntityPageQuery } from "../graphql/entities";

/** One entity as editors see it: fields (editable), relations with their evidence, the neighbourhood picture. */
export function EntityScreen() {
  const { id = "" } = useParams();
  const [{ data, fetching, error }, refetch] = useQuery({ query: EntityPageQuery, variables: { id } });
  const reload = () => refetch({ requestPolicy: "network-only" });
  const entity = data?.entity;
  if (fetching && !entity) return <Loading what="the entity" />;
  if (error) return <ProblemList problems={problemsOf(error)} />;
  if (!entity) return <p>There is no entity with this id. <Link to="/">Back to the entities</Link>.</p>;
  return (
    <>
      <h1>
        {entity.name} <StatusBadge status={entity.status} />
      </h1>
      <p className="subtitle">
        {labelOf(KINDS, entity.kind)} · slug <code>{entity.slug}</code> · version {entity.version} ·{" "}
        <Link to={`/history/${entity.id}`}>History</Link>
      </p>
      <ReviewActions id={entity.id} version={entity.version} status={entity.status} label={entity.name} onDone={reload} />
      <div className="columns">
        <div>
          <Section title="Neighbourhood">
            <Neighborhood key={entity.id + entity.relations.map((r) => r.id + r.version).join()} id={entity.id} />
          </Section>
          <Section title="Relations">
            <RelationGroups entityId={entity.id} relations={entity.relations} onChanged={reload} />
          </Section>
        </div>
        <div>
          <Section title="Fields">
            <EntityForm key={entity.id + ":" + entity.version} entity={entity} onSaved={() => reload()} />
          </Section>
          <Section title="Add a relation">
            <RelationForm key={entity.version + ":" + entity.relations.length} entity={entity} onCreated={reload} />
          </Section>
        </div>
      </div>
    </>
  );
}
