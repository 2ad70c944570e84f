/**
 * The synthetic graph's proportions. Degrees do not grow with size (a
 * condition has the same fan-out at 1k as at 100k entities), so a query's
 * result size stays the same and only the tables grow.
 */
export interface GraphShape {
  entities: number;
  conditions: number;
  causes: number;
  symptoms: number;
  diagnostics: number;
  treatments: number;
  /** About one source per 20 entities. */
  sources: number;
}

/** Kinds in id order: conditions take ids 1..conditions, then causes, and so on. */
export const KINDS = ["CONDITION", "CAUSE", "SYMPTOM", "DIAGNOSTIC", "TREATMENT"] as const;
export type Kind = (typeof KINDS)[number];

/** 20% conditions, 10% causes, 30% symptoms, 10% diagnostics, 30% treatments. */
export function shapeOf(entities: number): GraphShape {
  if (!Number.isInteger(entities) || entities < 100) throw new Error(`A graph needs at least 100 entities, not ${entities}.`);
  const causes = Math.round(entities * 0.1);
  const symptoms = Math.round(entities * 0.3);
  const diagnostics = Math.round(entities * 0.1);
  const treatments = Math.round(entities * 0.3);
  const conditions = entities - causes - symptoms - diagnostics - treatments;
  return { entities, conditions, causes, symptoms, diagnostics, treatments, sources: Math.ceil(entities / 20) };
}

/** How many entities of `kind` the graph holds. */
export function countOf(shape: GraphShape, kind: Kind): number {
  return { CONDITION: shape.conditions, CAUSE: shape.causes, SYMPTOM: shape.symptoms, DIAGNOSTIC: shape.diagnostics, TREATMENT: shape.treatments }[kind];
}

/** The first entity id of `kind`. */
export function firstIdOf(shape: GraphShape, kind: Kind): number {
  let id = 1;
  for (const other of KINDS) {
    if (other === kind) return id;
    id += countOf(shape, other);
  }
  throw new Error(`Unknown kind ${kind}`);
}

/** "1k", "10k", "100k", "2500". */
export function sizeLabel(entities: number): string {
  return entities % 1000 === 0 ? `${entities / 1000}k` : String(entities);
}

/** Parses "1k", "10k", "100000". */
export function parseSize(text: string): number {
  const match = /^(\d+)(k?)$/i.exec(text.trim());
  if (!match) throw new Error(`A size is a number of entities such as 1k, 10k or 2500, not "${text}".`);
  return Number(match[1]) * (match[2] ? 1000 : 1);
}
