import { z } from "zod";
import {
  AgentType,
  CareContext,
  ClaimRank,
  DeprecationReason,
  EntityKind,
  KnowledgeLevel,
  Predicate,
  Urgency,
} from "../src/generated/prisma/enums";

// Shape of a curated article extraction (seed/articles/*.extraction.json).
// This checks each object on its own; cross-references (keys resolving,
// kinds fitting predicates, quotes found in the article) are the loader's job.
// Kinds, predicates, contexts, urgencies and the claim fields of issue 12 (Wikidata's rank,
// Biolink's knowledge level and agent type) are the database's own enums.

const slugPattern = "[a-z0-9]+(?:-[a-z0-9]+)*";
const slug = z.string().regex(new RegExp(`^${slugPattern}$`));
const keyOf = (prefix: string) => z.string().regex(new RegExp(`^${prefix}:${slugPattern}$`));
const text = z.string().trim().min(1);

const sourceFields = {
  key: keyOf("source"),
  title: text,
  publisher: text.nullable(),
  // As listed in the article; "et al." is not expanded.
  authors: z.array(text),
  // Partial ISO date: only as precise as the article gives it.
  publishedOn: z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/).nullable(),
  url: z.url().nullable(),
  doi: z.string().regex(/^10\.\d{4,9}\/\S+$/).nullable(),
};

export const extractedSourceSchema = z.strictObject(sourceFields);

export const extractedReferenceSchema = z.strictObject({
  ...sourceFields,
  // One document may be cited under several numbers of the reference list.
  numbers: z.array(z.number().int().positive()).min(1),
});

export const extractedEntitySchema = z.strictObject({
  key: keyOf("entity"),
  kind: z.enum(EntityKind),
  slug,
  name: text,
  aliases: z.array(text),
  summary: text.nullable(),
});

export const extractedCitationSchema = z.strictObject({
  source: keyOf("source"),
  // Verbatim up to whitespace; several fragments are joined by " … " (U+2026).
  quote: text,
  // The last heading (an entry of `sections`) before the quote; null when the page lost that heading
  // (see `lostHeadings`), unless an editor reconstructs it and says so with `sectionIsReconstructed`.
  section: text.nullable(),
  sectionIsReconstructed: z.boolean().default(false),
});

export const extractedRelationSchema = z
  .strictObject({
    key: keyOf("relation"),
    subject: keyOf("entity"),
    predicate: z.enum(Predicate),
    object: keyOf("entity"),
    context: z.enum(CareContext),
    redFlag: z.boolean(),
    urgency: z.enum(Urgency).nullable(),
    note: text.nullable(),
    // Wikidata's statement rank; a DEPRECATED claim says why (deprecationReason) and may say more (rankNote).
    rank: z.enum(ClaimRank),
    deprecationReason: z.enum(DeprecationReason).nullable().default(null),
    rankNote: text.nullable().default(null),
    knowledgeLevel: z.enum(KnowledgeLevel),
    agentType: z.enum(AgentType),
    // The source states that the relation does NOT hold ("don't recommend prolonged rest").
    negated: z.boolean(),
    // The source's own qualifying words, verbatim from one of the quotes ("may", "Some people also find relief"): the validator checks.
    hedge: text.nullable(),
    citations: z.array(extractedCitationSchema).min(1),
  })
  .refine((r) => r.urgency === null || r.redFlag, {
    message: "urgency is only allowed on red-flag relations",
    path: ["urgency"],
  })
  .refine((r) => (r.rank === "DEPRECATED") === (r.deprecationReason !== null), {
    message: "a DEPRECATED relation needs a deprecationReason, and only a deprecated one may have it",
    path: ["deprecationReason"],
  })
  .refine((r) => r.knowledgeLevel !== "LOGICAL_ENTAILMENT" || r.note !== null, {
    message: "a LOGICAL_ENTAILMENT must say in its note what it was inferred from",
    path: ["note"],
  });

export const extractionSchema = z.strictObject({
  article: extractedSourceSchema,
  sections: z.array(text),
  // The opening words of each paragraph that follows a heading the page lost: a section with no name.
  lostHeadings: z.array(text),
  references: z.array(extractedReferenceSchema),
  entities: z.array(extractedEntitySchema),
  relations: z.array(extractedRelationSchema),
});

export type Extraction = z.infer<typeof extractionSchema>;
export type ExtractedSource = z.infer<typeof extractedSourceSchema>;
export type ExtractedReference = z.infer<typeof extractedReferenceSchema>;
export type ExtractedEntity = z.infer<typeof extractedEntitySchema>;
export type ExtractedRelation = z.infer<typeof extractedRelationSchema>;
export type ExtractedCitation = z.infer<typeof extractedCitationSchema>;
