import { countOf, firstIdOf, type GraphShape, KINDS, type Kind } from "./graph-shape";

/*
 * The statements that fill Caregraph's tables with a synthetic graph, each
 * one set-based INSERT ... SELECT over generate_series (no per-row round
 * trips). Choices come from a hash of ids rather than random(), so that the
 * same size always gives the same graph and "condition-1234" always has the
 * same treatments.
 */

/** A deterministic non-negative int from an id expression and a salt. */
function h(expression: string, salt: number): string {
  return `(hashint8((${expression})::bigint * 7919 + ${salt}) & 2147483647)`;
}

/** `list[hash % length]` as SQL. */
function pick(list: readonly string[], expression: string, salt: number): string {
  const literals = list.map((item) => `'${item.replaceAll("'", "''")}'`).join(", ");
  return `(ARRAY[${literals}])[1 + ${h(expression, salt)} % ${list.length}]`;
}

const SYLLABLES = ["ka", "lo", "mi", "ren", "tor", "va", "zu", "bel", "dor", "fin", "gal", "hex", "quo", "sar", "tyn", "wex"];
const BODY_PARTS = ["lumbar", "cervical", "thoracic", "knee", "hip", "shoulder", "ankle", "wrist", "elbow", "sacral", "pelvic", "jaw", "abdominal", "chest", "foot", "hand"];
const NOUNS: Record<Kind, string[]> = {
  CONDITION: ["strain", "sprain", "tendinopathy", "syndrome", "stenosis", "neuropathy", "arthritis", "bursitis"],
  CAUSE: ["overuse", "injury", "poor posture", "aging", "cold exposure", "heavy lifting", "infection", "obesity"],
  SYMPTOM: ["pain", "stiffness", "numbness", "weakness", "swelling", "tingling", "spasm", "fever"],
  DIAGNOSTIC: ["x-ray", "MRI", "ultrasound", "physical examination", "blood test", "CT scan", "reflex test", "gait analysis"],
  TREATMENT: ["physiotherapy", "ibuprofen", "rest", "heat therapy", "massage", "surgery", "steroid injection", "exercise program"],
};
const TREATMENT_NOTES = ["First-line option.", "When pain persists beyond two weeks.", "Short courses only.", "Under supervision.", "Combine with activity."];
const SECTIONS = ["Treatment", "Diagnosis", "Symptoms", "Causes", "Prognosis"];

/** A made-up word such as "Renvazu": rare enough to search for (16^3 of them). */
function pseudoWord(id: string): string {
  return `initcap(${pick(SYLLABLES, id, 1)} || ${pick(SYLLABLES, id, 2)} || ${pick(SYLLABLES, id, 3)})`;
}

function insertEntities(shape: GraphShape, kind: Kind): string {
  const first = firstIdOf(shape, kind);
  const last = first + countOf(shape, kind) - 1;
  const noun = pick(NOUNS[kind], "g", 5);
  const part = pick(BODY_PARTS, "g", 4);
  // About a third of summaries mention pain: the common word that search is measured with.
  const summary = `'A ' || lower('${kind}') || ' of the ' || ${part} || ' region' || CASE WHEN ${h("g", 6)} % 3 = 0 THEN ', often with pain' ELSE '' END || '.'`;
  const aliases = `CASE WHEN ${h("g", 7)} % 4 = 0 THEN ARRAY[${pseudoWord("g + 1000000")} || ' ' || ${noun}] ELSE ARRAY[]::text[] END`;
  return `INSERT INTO entity (id, slug, kind, name, aliases, summary, status)
    SELECT g, lower('${kind}') || '-' || (g - ${first - 1}), '${kind}'::entity_kind,
           ${pseudoWord("g")} || ' ' || ${part} || ' ' || ${noun}, ${aliases}, ${summary}, 'PUBLISHED'
    FROM generate_series(${first}, ${last}) AS g`;
}

function insertSources(shape: GraphShape): string {
  return `INSERT INTO source (id, title, publisher, authors, published_on, url, doi, status)
    SELECT g, 'Guideline on ' || ${pick(BODY_PARTS, "g", 8)} || ' care, part ' || g,
           ${pick(["NICE", "AAFP", "Cochrane", "WHO", "NHS"], "g", 9)},
           ARRAY['A. ' || ${pseudoWord("g + 2000000")}, 'B. ' || ${pseudoWord("g + 3000000")}],
           (2000 + ${h("g", 10)} % 25)::text || '-0' || (1 + ${h("g", 11)} % 9)::text,
           'https://guidelines.example.org/' || g, '10.5555/bench.' || g, 'PUBLISHED'
    FROM generate_series(1, ${shape.sources}) AS g`;
}

/**
 * Relations from each condition (or each `from` entity) to `count` distinct
 * entities of `to`: object k is (hash + 37k) mod n, distinct while 37 does
 * not divide n and k < n.
 */
function insertFanOut(options: {
  shape: GraphShape;
  from: Kind;
  to: Kind;
  predicate: string;
  /** SQL for how many relations entity c has, from 0..maxCount. */
  count: (c: string) => string;
  maxCount: number;
  salt: number;
  /** Whether the `from` entity is the object (CAUSES: cause -> condition). */
  incoming?: boolean;
  extraColumns?: Record<string, string>;
}): string {
  const { shape, from, to, salt } = options;
  const fromFirst = firstIdOf(shape, from);
  const toFirst = firstIdOf(shape, to);
  const toCount = countOf(shape, to);
  const target = `${toFirst} + (${h("c", salt)} + k * 37) % ${toCount}`;
  const [subject, object] = options.incoming ? [target, "c"] : ["c", target];
  const extra = options.extraColumns ?? {};
  const names = Object.keys(extra).map((name) => `, ${name}`).join("");
  const values = Object.values(extra).map((value) => `, ${value}`).join("");
  return `INSERT INTO relation (subject_id, predicate, object_id, status${names})
    SELECT ${subject}, '${options.predicate}', ${object}, 'PUBLISHED'${values}
    FROM generate_series(${fromFirst}, ${fromFirst + countOf(shape, from) - 1}) AS c, generate_series(0, ${options.maxCount - 1}) AS k
    WHERE k < ${options.count("c")}`;
}

function insertCitations(shape: GraphShape): string {
  const quote = `'In ' || (100 + ${h("r.id * 4 + j", 20)} % 900) || ' patients, ' || ${pick(NOUNS.TREATMENT, "r.id * 4 + j", 21)}
    || ' improved outcomes at ' || (1 + ${h("r.id * 4 + j", 22)} % 12) || ' weeks compared with usual care.'`;
  return `INSERT INTO citation (relation_id, source_id, quote, section)
    SELECT r.id, 1 + ${h("r.id * 4 + j", 23)} % ${shape.sources}, ${quote}, ${pick(SECTIONS, "r.id * 4 + j", 24)}
    FROM relation r, generate_series(1, 3) AS j
    WHERE j <= 1 + ${h("r.id", 25)} % 3`;
}

/** One step of the build: what it does, and its statement. */
export interface BuildStep {
  label: string;
  sql: string;
}

/**
 * Every statement of the build, in order: entities, sources, relations (each
 * condition with 1-3 causes, 3-8 symptoms of which 1-2 red flags, 1-4
 * diagnostics, 5-20 treatments with contexts; each symptom INDICATES 1-3
 * conditions), 1-3 citations per relation, then the sequences.
 */
export function buildSteps(shape: GraphShape): BuildStep[] {
  const steps: BuildStep[] = KINDS.map((kind) => ({ label: `entities: ${kind.toLowerCase()}`, sql: insertEntities(shape, kind) }));
  steps.push({ label: "sources", sql: insertSources(shape) });
  steps.push({
    label: "relations: causes",
    sql: insertFanOut({ shape, from: "CONDITION", to: "CAUSE", predicate: "CAUSES", incoming: true, count: (c) => `1 + ${h(c, 30)} % 3`, maxCount: 3, salt: 31 }),
  });
  steps.push({
    label: "relations: symptoms",
    sql: insertFanOut({
      shape, from: "CONDITION", to: "SYMPTOM", predicate: "HAS_SYMPTOM", count: (c) => `3 + ${h(c, 32)} % 6`, maxCount: 8, salt: 33,
      extraColumns: {
        red_flag: `k < 1 + ${h("c", 34)} % 2`,
        urgency: `CASE WHEN k < 1 + ${h("c", 34)} % 2 THEN ${pick(["EMERGENCY", "SOON", "ROUTINE"], "c * 8 + k", 35)}::urgency END`,
      },
    }),
  });
  steps.push({
    label: "relations: diagnostics",
    sql: insertFanOut({ shape, from: "CONDITION", to: "DIAGNOSTIC", predicate: "DIAGNOSED_BY", count: (c) => `1 + ${h(c, 36)} % 4`, maxCount: 4, salt: 37 }),
  });
  steps.push({
    label: "relations: treatments",
    sql: insertFanOut({
      shape, from: "CONDITION", to: "TREATMENT", predicate: "TREATED_BY", count: (c) => `5 + ${h(c, 38)} % 16`, maxCount: 20, salt: 39,
      extraColumns: {
        context: `${pick(["ACUTE", "CHRONIC", "ANY"], "c * 32 + k", 40)}::care_context`,
        note: pick(TREATMENT_NOTES, "c * 32 + k", 41),
      },
    }),
  });
  steps.push({
    label: "relations: indicates",
    sql: insertFanOut({ shape, from: "SYMPTOM", to: "CONDITION", predicate: "INDICATES", count: (c) => `1 + ${h(c, 42)} % 3`, maxCount: 3, salt: 43 }),
  });
  steps.push({ label: "citations", sql: insertCitations(shape) });
  steps.push({
    label: "sequences",
    sql: `SELECT setval('entity_id_seq', ${shape.entities}), setval('source_id_seq', ${shape.sources})`,
  });
  return steps;
}
