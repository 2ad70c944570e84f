/** Side by side: one row per field, changed rows marked, for a pending edit or a revision. */
export function Difference({ before, after, beforeTitle, afterTitle, onlyChanged = false }: {
  before: Record<string, unknown> | null | undefined;
  after: Record<string, unknown> | null | undefined;
  beforeTitle: string;
  afterTitle: string;
  onlyChanged?: boolean;
}) {
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])].filter((key) => key !== "__typename");
  const rows = keys
    .map((key) => ({ key, left: show(before?.[key]), right: show(after?.[key]) }))
    .filter((row) => !onlyChanged || row.left !== row.right);
  if (rows.length === 0) return <p className="muted">No field changed.</p>;
  return (
    <table className="table diff">
      <thead>
        <tr><th scope="col">Field</th><th scope="col">{beforeTitle}</th><th scope="col">{afterTitle}</th></tr>
      </thead>
      <tbody>
        {rows.map(({ key, left, right }) => (
          <tr key={key} className={left !== right ? "changed" : undefined}>
            <th scope="row">{key}{left !== right && <span className="visually-hidden"> (changed)</span>}</th>
            <td>{before ? left : <span className="muted">none</span>}</td>
            <td>{after ? right : <span className="muted">none</span>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function show(value: unknown): string {
  if (value === null || value === undefined) return "—";
  if (Array.isArray(value)) return value.map(show).join(", ");
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}
