import { parseArgs } from "node:util";
import { parseSize } from "./graph-shape";
import { type Peer, QUERY_MIX } from "./query-mix";

/** What a bench run does; every field has a command-line option. */
export interface BenchOptions {
  /** Entities per graph, e.g. [1000, 10000]. */
  sizes: number[];
  /** Seconds per load run. */
  duration: number;
  rounds: number;
  connections: number;
  queries: string[];
  peers: Peer[];
  /** Also measure Caregraph over the embedded database (at the smallest size). */
  embedded: boolean;
  rebuild: boolean;
  /** A URL of the PostgreSQL server; the bench creates its own databases there. */
  serverUrl: string;
  out: string;
  /** Extra environment for Caregraph, e.g. to lift rate limits or admission control. */
  caregraphEnv: Record<string, string>;
  /** The core PostgreSQL's processes are pinned to for the run; undefined: left as they are. */
  databaseCore?: number;
}

export const USAGE = `npm run bench -- [options]
  --quick               1k only, 3 s runs, 1 round (a few minutes)
  --sizes 1k,10k        graph sizes in entities (default 1k,10k; 100k works too)
  --duration 10         seconds per load run
  --rounds 3            rounds; servers alternate within each round, medians are reported
  --connections 10      connections of the fixed-concurrency runs
  --queries a,b         query ids (default all: ${QUERY_MIX.map((query) => query.id).join(", ")})
  --peers a,b           servers (default caregraph,postgraphile,floor)
  --no-embedded         skip Caregraph over the embedded database
  --rebuild             rebuild the bench databases even when their marker matches
  --server-url URL      PostgreSQL server (default $BENCH_SERVER_URL or postgresql://postgres@127.0.0.1:5432/postgres)
  --out FILE            report (default bench/results.md)
  --caregraph-env K=V   extra environment for Caregraph (repeatable), e.g. to lift a rate limit
  --database-core N     pin the local PostgreSQL server's processes to core N for the run (1: beside the load,
                        off the servers' core), restored afterwards; default: left as they are`;

/** The positive integer option `--name` given as `text` (`fallback` when absent); throws with a one-line message otherwise. */
export function positive(name: string, text: string | undefined, fallback: number): number {
  const value = text === undefined ? fallback : Number(text);
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a positive integer, not "${text}".`);
  return value;
}

/** Parses the command line; throws with a one-line message on a bad option. */
export function parseOptions(argv: string[]): BenchOptions | "help" {
  const { values } = parseArgs({
    args: argv,
    options: {
      help: { type: "boolean", short: "h" },
      quick: { type: "boolean" },
      sizes: { type: "string" },
      duration: { type: "string" },
      rounds: { type: "string" },
      connections: { type: "string" },
      queries: { type: "string" },
      peers: { type: "string" },
      "no-embedded": { type: "boolean" },
      rebuild: { type: "boolean" },
      "server-url": { type: "string" },
      out: { type: "string" },
      "caregraph-env": { type: "string", multiple: true },
      "database-core": { type: "string" },
    },
  });
  if (values.help) return "help";
  const list = (text: string | undefined, fallback: string[], known: string[], name: string) => {
    const items = text === undefined ? fallback : text.split(",").map((item) => item.trim()).filter(Boolean);
    const unknown = items.find((item) => !known.includes(item));
    if (unknown) throw new Error(`--${name}: unknown "${unknown}"; known: ${known.join(", ")}.`);
    return items;
  };
  const core = (text: string) => {
    const value = Number(text);
    if (!Number.isInteger(value) || value < 0) throw new Error(`--database-core must be a core number, not "${text}".`);
    return value;
  };
  const quick = values.quick === true;
  const queryIds = QUERY_MIX.map((query) => query.id);
  return {
    sizes: (values.sizes ?? (quick ? "1k" : "1k,10k")).split(",").map(parseSize),
    duration: positive("duration", values.duration, quick ? 3 : 10),
    rounds: positive("rounds", values.rounds, quick ? 1 : 3),
    connections: positive("connections", values.connections, 10),
    queries: list(values.queries, queryIds, queryIds, "queries"),
    peers: list(values.peers, ["caregraph", "postgraphile", "floor"], ["caregraph", "postgraphile", "floor"], "peers") as Peer[],
    embedded: values["no-embedded"] !== true,
    rebuild: values.rebuild === true,
    serverUrl: values["server-url"] ?? process.env.BENCH_SERVER_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres",
    out: values.out ?? "bench/results.md",
    databaseCore: values["database-core"] === undefined ? undefined : core(values["database-core"]),
    caregraphEnv: Object.fromEntries(
      (values["caregraph-env"] ?? []).map((pair) => {
        const at = pair.indexOf("=");
        if (at < 1) throw new Error(`--caregraph-env takes KEY=VALUE, not "${pair}".`);
        return [pair.slice(0, at), pair.slice(at + 1)];
      }),
    ),
  };
}
