import { useCallback, useEffect, useState } from "react";
import { Button } from "react-aria-components";
import { Link } from "react-router";
import { useClient, type CombinedError } from "urql";
import { problemsOf } from "../api-errors";
import { Difference } from "../components/Difference";
import { Loading, ProblemList, StatusBadge } from "../components/fields";
import { ReviewActions } from "../components/ReviewActions";
import { loadReviewQueue, type ReviewItem } from "../review-queue";

/** Drafts, pending edits and retracted records, each with publish / retract and its difference to the public version. */
export function ReviewScreen() {
  const client = useClient();
  const [items, setItems] = useState<ReviewItem[] | null>(null);
  const [error, setError] = useState<CombinedError>();
  const load = useCallback(() => {
    loadReviewQueue(client).then(setItems, setError);
  }, [client]);
  useEffect(load, [load]);
  if (error) return <ProblemList problems={problemsOf(error)} />;
  if (!items) return <Loading what="the review queue" />;
  const order = ["pending edit", "draft", "retracted"];
  const sorted = [...items].sort((a, b) => order.indexOf(a.change) - order.indexOf(b.change) || a.type.localeCompare(b.type) || a.label.localeCompare(b.label));
  return (
    <>
      <h1>Review queue</h1>
      <p role="status">{items.length === 0 ? "Nothing is waiting for review." : `${items.length} waiting: pending edits first, then drafts, then retracted records.`}</p>
      <ul className="queue">
        {sorted.map((item) => (
          <QueueItem key={item.id} item={item} onDone={load} />
        ))}
      </ul>
    </>
  );
}

function QueueItem({ item, onDone }: { item: ReviewItem; onDone(): void }) {
  const [open, setOpen] = useState(false);
  const title = `${item.type}: ${item.label}`;
  return (
    <li className="card" aria-label={title}>
      <div className="card-head">
        <h2 className="item-title">
          <span className="muted">{item.type}</span>{" "}
          {item.type === "Entity" ? <Link to={`/entities/${item.id}`}>{item.label}</Link> : item.label}
        </h2>
        <StatusBadge status={item.status} />
        {item.change === "pending edit" && <span className="tag">pending edit</span>}
      </div>
      <div className="actions">
        <Button className="button secondary" aria-expanded={open} onPress={() => setOpen(!open)} aria-label={`${open ? "Hide" : "Show"} difference: ${title}`}>
          {open ? "Hide difference" : "Show difference"}
        </Button>
        <Link className="button-link" to={`/history/${item.id}`} aria-label={`History: ${title}`}>History</Link>
        <ReviewActions id={item.id} version={item.version} status={item.status} label={title} onDone={onDone} publishLabel={item.change === "pending edit" ? "Publish edit" : "Publish"} />
      </div>
      {open && <Difference before={item.published} after={item.proposed} beforeTitle="Published (what the public sees)" afterTitle="Proposed" />}
    </li>
  );
}
