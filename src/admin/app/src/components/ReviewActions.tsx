import { useState } from "react";
import { Button, Dialog, DialogTrigger, Form, Heading, Modal } from "react-aria-components";
import { useMutation } from "urql";
import { problemsOf, type ApiProblem } from "../api-errors";
import { PublishMutation, RetractMutation } from "../graphql/review";
import { mayAct, useViewer } from "../viewer";
import { ProblemList, TextInput } from "./fields";

/**
 * A reviewer's publish and retract (with a reason) for one entity, relation or source, as of `version`:
 * the version the reviewer is looking at, so that a change saved meanwhile is a CONFLICT, not published unseen.
 */
export function ReviewActions({ id, version, status, label, onDone, publishLabel = "Publish" }: {
  id: string;
  version: number;
  status: string;
  label: string;
  onDone(): void;
  publishLabel?: string;
}) {
  const viewer = useViewer();
  const [publishing, publish] = useMutation(PublishMutation);
  const [problems, setProblems] = useState<ApiProblem[]>([]);
  if (!mayAct(viewer, "REVIEWER")) return null;
  return (
    <div className="actions">
      <Button
        className="button"
        aria-label={`${publishLabel}: ${label}`}
        isDisabled={publishing.fetching}
        onPress={async () => {
          const result = await publish({ id, expectedVersion: version });
          setProblems(problemsOf(result.error));
          if (!result.error) onDone();
        }}
      >
        {publishLabel}
      </Button>
      {status === "PUBLISHED" && <RetractDialog id={id} version={version} label={label} onDone={onDone} />}
      <ProblemList problems={problems} />
    </div>
  );
}

function RetractDialog({ id, version, label, onDone }: { id: string; version: number; label: string; onDone(): void }) {
  const [reason, setReason] = useState("");
  const [problems, setProblems] = useState<ApiProblem[]>([]);
  const [retracting, retract] = useMutation(RetractMutation);
  return (
    <DialogTrigger>
      <Button className="button danger" aria-label={`Retract: ${label}`}>Retract</Button>
      <Modal className="modal" isDismissable>
        <Dialog className="dialog">
          {({ close }) => (
            <Form validationBehavior="aria"
              className="form"
              onSubmit={async (event) => {
                event.preventDefault();
                const result = await retract({ id, expectedVersion: version, reason });
                setProblems(problemsOf(result.error));
                if (!result.error) {
                  close();
                  onDone();
                }
              }}
            >
              <Heading slot="title">Retract {label}</Heading>
              <p>The public stops seeing it; editors still do, and publishing brings it back.</p>
              <TextInput label="Reason" value={reason} onChange={setReason} isRequired multiline error={problems.find((p) => p.field === "reason")?.message} />
              <ProblemList problems={problems.filter((p) => p.field !== "reason")} />
              <div className="actions">
                <Button type="submit" className="button danger" isDisabled={retracting.fetching}>Retract</Button>
                <Button className="button secondary" onPress={close}>Cancel</Button>
              </div>
            </Form>
          )}
        </Dialog>
      </Modal>
    </DialogTrigger>
  );
}
