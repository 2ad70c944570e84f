import DataLoader from "dataloader";

/**
 * The most keys one batch (one SQL statement) carries; more keys make more
 * statements. Bounds the statement's size and its IN list; the admission
 * cost model keeps most requests well below it.
 */
export const MAX_BATCH_SIZE = 500;

/** A DataLoader batch answer: the row for each key, in the keys' order; null where there is none. */
export function oneForEachKey<Row>(keys: readonly number[], rows: readonly Row[], keyOf: (row: Row) => number): (Row | null)[] {
  const byKey = new Map(rows.map((row) => [keyOf(row), row]));
  return keys.map((key) => byKey.get(key) ?? null);
}

/**
 * A DataLoader batch answer for lists: the rows that belong to each key, in
 * the keys' order, each list keeping the rows' order. A row may belong to
 * several keys (a relation between two requested entities).
 */
export function manyForEachKey<Row>(keys: readonly number[], rows: readonly Row[], keysOf: (row: Row) => number[]): Row[][] {
  const byKey = new Map<number, Row[]>(keys.map((key) => [key, []]));
  for (const row of rows) for (const key of keysOf(row)) byKey.get(key)?.push(row);
  return keys.map((key) => byKey.get(key) ?? []);
}

/**
 * One DataLoader per distinct filter, made on first use: the keys asked for
 * under one filter are batched into one query. `signature` names a filter;
 * filters with the same signature share a loader (and its per-request cache).
 */
export function loaderFamily<Filter, Key, Value>(
  signature: (filter: Filter) => string,
  batch: (filter: Filter, keys: readonly Key[]) => Promise<Value[]>,
): (filter: Filter) => DataLoader<Key, Value> {
  const loaders = new Map<string, DataLoader<Key, Value>>();
  return (filter) => {
    const name = signature(filter);
    let loader = loaders.get(name);
    if (!loader) {
      loader = new DataLoader<Key, Value>((keys) => batch(filter, keys), { maxBatchSize: MAX_BATCH_SIZE });
      loaders.set(name, loader);
    }
    return loader;
  };
}
