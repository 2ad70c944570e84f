import { useState } from "react";
import { Button } from "react-aria-components";
import { Link, useParams } from "react-router";
import { useMutation, useQuery } from "urql";
import { problemsOf, type ApiProblem } from "../api-errors";
import { Difference } from "../components/Difference";
import { Loading, ProblemList, StatusBadge } from "../components/fields";
import type { HistoryQuery } from "../gql/graphql";
import { HistoryQuery as HistoryDocument, RevertMutation } from "../graphql/history";
import { mayAct, useViewer } from "../viewer";

type Record = NonNullable<HistoryQuery["draftNode"]>;

function titleOf(record: Record | null | undefined): string {
  if (!record) return "a deleted record";
  switch (record.__typename) {
    case "Relation":
      return `${record.subject.name} ${record.predicate.toLowerCase().replace(/_/g, " ")} ${record.object.name}`;
    case "Source":
      return record.title;
    case "Citation":
      return `citation “${record.quote}”`;
    default:
      return "name" in record ? record.name : record.id;
  }
}

/** A record's revisions, newest first, each as a before/after difference, with a reviewer's revert. */
export function HistoryScreen() {
  const { id = "" } = useParams();
  const viewer = useViewer();
  const [{ data, fetching, error }, refetch] = useQuery({ query: HistoryDocument, variables: { id } });
  const [reverting, revert] = useMutation(RevertMutation);
  const [problems, setProblems] = useState<ApiProblem[]>([]);
  const [message, setMessage] = useState("");
  if (fetching && !data) return <Loading what="the history" />;
  if (error) return <ProblemList problems={problemsOf(error)} />;
  const record = data?.draftNode;
  const version = record && "version" in record ? record.version : undefined;
  const status = record && "status" in record ? record.status : undefined;
  return (
    <>
      <h1>History of {titleOf(record)}</h1>
      <p className="subtitle">
        {status && <StatusBadge status={status} />} {version !== undefined && <>version {version} · </>}
        {record?.__typename !== "Relation" && record && "name" in record && <Link to={`/entities/${id}`}>Back to the entity</Link>}
      </p>
      <p role="status">{message}</p>
      <ProblemList problems={problems} />
      <ol className="revisions">
        {(data?.history ?? []).map((revision) => (
          <li key={revision.id} className="card" aria-label={`${revision.action} by ${revision.actor}`}>
            <div className="card-head">
              <h2 className="item-title">{revision.action} <span className="muted">by {revision.actor}, {new Date(revision.createdAt).toLocaleString()}</span></h2>
              {mayAct(viewer, "REVIEWER") && version !== undefined && (
                <Button
                  className="button secondary"
                  isDisabled={reverting.fetching}
                  aria-label={`Revert the ${revision.action} by ${revision.actor}`}
                  onPress={async () => {
                    const result = await revert({ revisionId: revision.id, expectedVersion: version });
                    setProblems(problemsOf(result.error));
                    if (!result.error) {
                      setMessage(`Reverted the ${revision.action}: the record is as it was before it.`);
                      refetch({ requestPolicy: "network-only" });
                    }
                  }}
                >
                  Revert
                </Button>
              )}
            </div>
            {revision.reason && <p>Reason: {revision.reason}</p>}
            <Difference before={revision.before as never} after={revision.after as never} beforeTitle="Before" afterTitle="After" onlyChanged />
          </li>
        ))}
      </ol>
    </>
  );
}
