import { useState } from "react";
import { Button } from "react-aria-components";
import { Link } from "react-router";
import type { RelationFieldsFragment } from "../gql/graphql";
import { CONTEXTS, INVERSE_PREDICATES, labelOf, PREDICATES, URGENCIES } from "./labels";
import { RelationEditor } from "./RelationEditor";
import { ReviewActions } from "./ReviewActions";
import { StatusBadge } from "./fields";

/** An entity's relations grouped by predicate, each with its qualifiers, status and citations. */
export function RelationGroups({ entityId, relations, onChanged }: { entityId: string; relations: RelationFieldsFragment[]; onChanged(): void }) {
  if (relations.length === 0) return <p className="muted">No relations yet.</p>;
  const groups = new Map<string, RelationFieldsFragment[]>();
  for (const relation of relations) {
    const outgoing = relation.subject.id === entityId;
    const title = labelOf(outgoing ? PREDICATES : INVERSE_PREDICATES, relation.predicate);
    groups.set(title, [...(groups.get(title) ?? []), relation]);
  }
  return (
    <>
      {[...groups].map(([title, members]) => (
        <section key={title} className="relation-group" aria-label={title}>
          <h3>{title} <span className="muted">({members.length})</span></h3>
          <ul className="relations">
            {members.map((relation) => (
              <RelationItem key={relation.id} entityId={entityId} relation={relation} onChanged={onChanged} />
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}

function RelationItem({ entityId, relation, onChanged }: { entityId: string; relation: RelationFieldsFragment; onChanged(): void }) {
  const [editing, setEditing] = useState(false);
  const other = relation.subject.id === entityId ? relation.object : relation.subject;
  const label = `${relation.subject.name} ${labelOf(PREDICATES, relation.predicate)} ${relation.object.name}`;
  return (
    <li className="relation" aria-label={label}>
      <div className="relation-head">
        <Link to={`/entities/${other.id}`} className="relation-other">{other.name}</Link>
        <span className="tag">{labelOf(CONTEXTS, relation.context)} care</span>
        {relation.redFlag && (
          <span className="red-flag">
            <span aria-hidden="true">⚑ </span>Red flag{relation.urgency && `: ${labelOf(URGENCIES, relation.urgency).toLowerCase()}`}
          </span>
        )}
        <StatusBadge status={relation.status} />
        <span className="muted">v{relation.version}</span>
      </div>
      {relation.note && <p className="note">{relation.note}</p>}
      <ul className="citations" aria-label="Citations">
        {relation.citations.map((citation) => (
          <li key={citation.id}>
            <blockquote>“{citation.quote}”</blockquote>
            <p className="cite">
              {citation.section && <>Section “{citation.section}”, </>}
              {citation.source.url ? <a href={citation.source.url} rel="noreferrer" target="_blank">{citation.source.title}</a> : citation.source.title}
              {citation.source.publisher && <>, {citation.source.publisher}</>}
              {citation.source.doi && <>, doi:{citation.source.doi}</>}
            </p>
          </li>
        ))}
      </ul>
      <div className="actions">
        <Button className="button secondary" onPress={() => setEditing(!editing)} aria-expanded={editing} aria-label={`Edit: ${label}`}>
          {editing ? "Close editor" : "Edit"}
        </Button>
        <Link className="button-link" to={`/history/${relation.id}`} aria-label={`History: ${label}`}>History</Link>
        <ReviewActions id={relation.id} version={relation.version} status={relation.status} label={label} onDone={onChanged} />
      </div>
      {editing && (
        <RelationEditor
          relation={relation}
          onSaved={() => {
            setEditing(false);
            onChanged();
          }}
        />
      )}
    </li>
  );
}
