import { useState } from "react";
import { Button, Form, Label, Radio, RadioGroup } from "react-aria-components";
import { useMutation, useQuery } from "urql";
import { errorFor, problemsOf, unplacedProblems, type ApiProblem } from "../api-errors";
import type { CareContext, EntityFieldsFragment, Predicate, Urgency } from "../gql/graphql";
import { CreateRelationMutation, SourcesQuery } from "../graphql/relations";
import { EntityPicker } from "./EntityPicker";
import { CheckboxInput, ChoiceInput, ProblemList, TextInput } from "./fields";
import { CONTEXTS, PREDICATES, URGENCIES } from "./labels";

const PLACED = ["predicate", "objectId", "subjectId", "context", "urgency", "note", "sourceId", "title", "url", "publisher", "quote", "section", "citations"];

/** A new claim from (or to) this entity, with one citation: an existing source or a new one, and the quote. */
export function RelationForm({ entity, onCreated }: { entity: EntityFieldsFragment; onCreated(): void }) {
  const [role, setRole] = useState<"subject" | "object">("subject");
  const [predicate, setPredicate] = useState<Predicate | null>(null);
  const [otherId, setOtherId] = useState<string | null>(null);
  const [context, setContext] = useState<CareContext>("ANY");
  const [redFlag, setRedFlag] = useState(false);
  const [urgency, setUrgency] = useState<Urgency | null>(null);
  const [note, setNote] = useState("");
  const [sourceMode, setSourceMode] = useState<"existing" | "new">("existing");
  const [sourceId, setSourceId] = useState<string | null>(null);
  const [source, setSource] = useState({ title: "", url: "", publisher: "" });
  const [quote, setQuote] = useState("");
  const [section, setSection] = useState("");
  const [problems, setProblems] = useState<ApiProblem[]>([]);
  const [{ data: sources }] = useQuery({ query: SourcesQuery, variables: { first: 100 } });
  const [creating, create] = useMutation(CreateRelationMutation);
  const sideError = errorFor(problems, role === "subject" ? "objectId" : "subjectId");

  async function save() {
    if (!predicate) return setProblems([{ message: "Choose a predicate.", field: "predicate" }]);
    if (!otherId) return setProblems([{ message: "Choose the other entity.", field: role === "subject" ? "objectId" : "subjectId" }]);
    const citation =
      sourceMode === "existing"
        ? { sourceId, quote, section: section || null }
        : { source: { title: source.title, url: source.url || null, publisher: source.publisher || null }, quote, section: section || null };
    const result = await create({
      input: {
        subjectId: role === "subject" ? entity.id : otherId,
        objectId: role === "subject" ? otherId : entity.id,
        predicate,
        context,
        redFlag,
        urgency,
        note: note || null,
        citations: [citation],
      },
    });
    setProblems(problemsOf(result.error));
    if (!result.error) onCreated();
  }

  return (
    <Form validationBehavior="aria" className="form" onSubmit={(event) => { event.preventDefault(); void save(); }} aria-label="New relation">
      <RadioGroup className="radios" value={role} onChange={(value) => setRole(value as "subject" | "object")}>
        <Label>{entity.name} is the relation’s</Label>
        <Radio className="radio" value="subject">subject ({entity.name} → other)</Radio>
        <Radio className="radio" value="object">object (other → {entity.name})</Radio>
      </RadioGroup>
      <div className="grid-2">
        <ChoiceInput label="Predicate" value={predicate} options={PREDICATES} onChange={setPredicate} error={errorFor(problems, "predicate")} />
        <EntityPicker label="Other entity" onChange={setOtherId} error={sideError} />
        <ChoiceInput label="Care context" value={context} options={CONTEXTS} onChange={setContext} error={errorFor(problems, "context")} />
        <ChoiceInput
          label="Urgency"
          value={urgency ?? "NONE"}
          options={[{ id: "NONE", label: "None" }, ...URGENCIES]}
          onChange={(value) => setUrgency(value === "NONE" ? null : (value as Urgency))}
          error={errorFor(problems, "urgency")}
        />
      </div>
      <CheckboxInput label="Red flag (a warning sign)" value={redFlag} onChange={setRedFlag} />
      <TextInput label="Note" value={note} onChange={setNote} error={errorFor(problems, "note")} />
      <fieldset className="fieldset">
        <legend>Citation</legend>
        <RadioGroup className="radios" value={sourceMode} onChange={(value) => setSourceMode(value as "existing" | "new")}>
          <Label>Source</Label>
          <Radio className="radio" value="existing">an existing source</Radio>
          <Radio className="radio" value="new">a new source</Radio>
        </RadioGroup>
        {sourceMode === "existing" ? (
          <ChoiceInput
            label="Existing source"
            value={sourceId}
            options={(sources?.sources.edges ?? []).map(({ node }) => ({ id: node.id, label: node.title + (node.publisher ? ` (${node.publisher})` : "") }))}
            onChange={setSourceId}
            error={errorFor(problems, "sourceId")}
          />
        ) : (
          <div className="grid-2">
            <TextInput label="Source title" value={source.title} onChange={(title) => setSource({ ...source, title })} isRequired error={errorFor(problems, "title")} />
            <TextInput label="Source URL" type="url" value={source.url} onChange={(url) => setSource({ ...source, url })} error={errorFor(problems, "url")} />
            <TextInput label="Publisher" value={source.publisher} onChange={(publisher) => setSource({ ...source, publisher })} error={errorFor(problems, "publisher")} />
          </div>
        )}
        <TextInput label="Quote" value={quote} onChange={setQuote} multiline isRequired error={errorFor(problems, "quote", "citations")} description="The source’s exact words that support the claim." />
        <TextInput label="Section" value={section} onChange={setSection} error={errorFor(problems, "section")} />
      </fieldset>
      <ProblemList problems={unplacedProblems(problems, PLACED)} />
      <Button type="submit" className="button" isDisabled={creating.fetching}>Create relation</Button>
    </Form>
  );
}
