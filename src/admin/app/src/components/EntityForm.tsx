import { useState } from "react";
import { Button, Form } from "react-aria-components";
import { useClient, useMutation } from "urql";
import { errorFor, isConflict, problemsOf, unplacedProblems, type ApiProblem } from "../api-errors";
import type { EntityFieldsFragment, EntityKind } from "../gql/graphql";
import { CreateEntityMutation, SavedEntityQuery, UpdateEntityMutation } from "../graphql/entities";
import { Difference } from "./Difference";
import { ChoiceInput, ProblemList, TextInput } from "./fields";
import { KINDS } from "./labels";

interface Draft {
  kind: EntityKind;
  name: string;
  slug: string;
  aliases: string;
  summary: string;
}

const FIELDS = ["kind", "name", "slug", "aliases", "summary"];

const draftOf = (entity?: EntityFieldsFragment): Draft => ({
  kind: entity?.kind ?? "CONDITION",
  name: entity?.name ?? "",
  slug: entity?.slug ?? "",
  aliases: entity?.aliases.join(", ") ?? "",
  summary: entity?.summary ?? "",
});

const aliasesOf = (text: string) => text.split(",").map((alias) => alias.trim()).filter(Boolean);

/** Only what the editor changed: the API refuses an update that changes nothing. */
function changesOf(entity: EntityFieldsFragment, draft: Draft) {
  const changes: Record<string, unknown> = {};
  if (draft.kind !== entity.kind) changes.kind = draft.kind;
  if (draft.name !== entity.name) changes.name = draft.name;
  if (draft.slug !== entity.slug) changes.slug = draft.slug;
  if (aliasesOf(draft.aliases).join("\n") !== entity.aliases.join("\n")) changes.aliases = aliasesOf(draft.aliases);
  if (draft.summary !== (entity.summary ?? "")) changes.summary = draft.summary || null;
  return changes;
}

/**
 * Creates an entity (no `entity`) or edits one against the version it was loaded at. On CONFLICT it
 * shows the editor's version beside the one saved meanwhile, and offers to reload the saved one.
 */
export function EntityForm({ entity, onSaved }: { entity?: EntityFieldsFragment; onSaved(entity: EntityFieldsFragment): void }) {
  const client = useClient();
  const [base, setBase] = useState(entity);
  const [draft, setDraft] = useState(() => draftOf(entity));
  const [problems, setProblems] = useState<ApiProblem[]>([]);
  const [current, setCurrent] = useState<EntityFieldsFragment | null>(null);
  const [creating, create] = useMutation(CreateEntityMutation);
  const [updating, update] = useMutation(UpdateEntityMutation);
  const set = (field: keyof Draft) => (value: string) => setDraft((old) => ({ ...old, [field]: value }));

  async function save() {
    setCurrent(null);
    if (!base) {
      const result = await create({
        input: { kind: draft.kind, name: draft.name, slug: draft.slug || null, aliases: aliasesOf(draft.aliases), summary: draft.summary || null },
      });
      setProblems(problemsOf(result.error));
      if (result.data) onSaved(result.data.createEntity);
      return;
    }
    const input = changesOf(base, draft);
    if (Object.keys(input).length === 0) return setProblems([{ message: "Nothing changed." }]);
    const result = await update({ id: base.id, expectedVersion: base.version, input });
    const found = problemsOf(result.error);
    setProblems(found);
    if (isConflict(found)) {
      const saved = await client.query(SavedEntityQuery, { id: base.id }).toPromise();
      setCurrent(saved.data?.entity ?? null);
    }
    if (result.data) {
      setBase(result.data.updateEntity);
      onSaved(result.data.updateEntity);
    }
  }

  return (
    <Form validationBehavior="aria" className="form" onSubmit={(event) => { event.preventDefault(); void save(); }}>
      <div className="grid-2">
        <ChoiceInput label="Kind" value={draft.kind} options={KINDS} onChange={set("kind")} error={errorFor(problems, "kind")} />
        <TextInput label="Name" value={draft.name} onChange={set("name")} isRequired error={errorFor(problems, "name")} />
        <TextInput label="Slug" value={draft.slug} onChange={set("slug")} error={errorFor(problems, "slug")} description="Lowercase words joined by hyphens; made from the name when empty." />
        <TextInput label="Aliases" value={draft.aliases} onChange={set("aliases")} error={errorFor(problems, "aliases")} description="Separated by commas." />
      </div>
      <TextInput label="Summary" value={draft.summary} onChange={set("summary")} multiline error={errorFor(problems, "summary")} />
      <ProblemList problems={unplacedProblems(problems, FIELDS)} />
      {current && base && (
        <div className="conflict" role="region" aria-label="Edit conflict">
          <h3>Someone saved this entity meanwhile (now version {current.version})</h3>
          <Difference
            beforeTitle="Your version"
            afterTitle={`Saved version ${current.version}`}
            before={{ kind: draft.kind, name: draft.name, slug: draft.slug, aliases: aliasesOf(draft.aliases), summary: draft.summary || null }}
            after={{ kind: current.kind, name: current.name, slug: current.slug, aliases: current.aliases, summary: current.summary }}
          />
          <Button
            className="button"
            onPress={() => {
              setBase(current);
              setDraft(draftOf(current));
              setCurrent(null);
              setProblems([]);
              onSaved(current);
            }}
          >
            Reload the saved version
          </Button>
        </div>
      )}
      <Button type="submit" className="button" isDisabled={creating.fetching || updating.fetching}>
        {base ? "Save changes" : "Create entity"}
      </Button>
    </Form>
  );
}

