import { useState } from "react";
import { Button, Form } from "react-aria-components";
import { useMutation } from "urql";
import { errorFor, isConflict, problemsOf, unplacedProblems, type ApiProblem } from "../api-errors";
import type { CareContext, RelationFieldsFragment, Urgency } from "../gql/graphql";
import { UpdateRelationMutation } from "../graphql/relations";
import { CheckboxInput, ChoiceInput, ProblemList, TextInput } from "./fields";
import { CONTEXTS, URGENCIES } from "./labels";

const NO_URGENCY = "NONE";

/** Edits a relation's qualifiers (the API allows only context, red flag, urgency and note). */
export function RelationEditor({ relation, onSaved }: { relation: RelationFieldsFragment; onSaved(): void }) {
  const [context, setContext] = useState<CareContext>(relation.context);
  const [redFlag, setRedFlag] = useState(relation.redFlag);
  const [urgency, setUrgency] = useState<Urgency | null>(relation.urgency ?? null);
  const [note, setNote] = useState(relation.note ?? "");
  const [problems, setProblems] = useState<ApiProblem[]>([]);
  const [saving, update] = useMutation(UpdateRelationMutation);
  const conflict = isConflict(problems);
  return (
    <Form validationBehavior="aria"
      className="form inline-form"
      onSubmit={async (event) => {
        event.preventDefault();
        const input: Record<string, unknown> = {};
        if (context !== relation.context) input.context = context;
        if (redFlag !== relation.redFlag) input.redFlag = redFlag;
        if (urgency !== (relation.urgency ?? null)) input.urgency = urgency;
        if (note !== (relation.note ?? "")) input.note = note || null;
        if (Object.keys(input).length === 0) return setProblems([{ message: "Nothing changed." }]);
        const result = await update({ id: relation.id, expectedVersion: relation.version, input });
        setProblems(problemsOf(result.error));
        if (!result.error) onSaved();
      }}
    >
      <div className="grid-2">
        <ChoiceInput label="Care context" value={context} options={CONTEXTS} onChange={setContext} error={errorFor(problems, "context")} />
        <ChoiceInput
          label="Urgency"
          value={urgency ?? NO_URGENCY}
          options={[{ id: NO_URGENCY, label: "None" }, ...URGENCIES]}
          onChange={(value) => setUrgency(value === NO_URGENCY ? null : (value as Urgency))}
          error={errorFor(problems, "urgency")}
        />
      </div>
      <CheckboxInput label="Red flag (a warning sign)" value={redFlag} onChange={setRedFlag} />
      <TextInput label="Note" value={note} onChange={setNote} multiline error={errorFor(problems, "note")} />
      <ProblemList problems={unplacedProblems(problems, ["context", "urgency", "note"])} />
      {conflict && (
        <div className="conflict">
          <p>Someone changed this relation meanwhile. Reload it to see their version, then edit again.</p>
          <Button className="button" onPress={onSaved}>Reload the saved version</Button>
        </div>
      )}
      <Button type="submit" className="button" isDisabled={saving.fetching}>Save relation</Button>
    </Form>
  );
}
