-- Claims as curators rank and qualify them (issue 12): Wikidata's statement
-- ranks, Biolink's knowledge level and agent type, negation and the source's
-- hedge; a flag for claims that lost their last visible citation; and the
-- record of a source's retraction by its own publisher.

-- CreateEnum
CREATE TYPE "claim_rank" AS ENUM ('PREFERRED', 'NORMAL', 'DEPRECATED');
CREATE TYPE "deprecation_reason" AS ENUM ('SUPERSEDED', 'CONTRADICTED_BY_BETTER_EVIDENCE', 'SOURCE_RETRACTED', 'EDITORIAL_ERROR');
CREATE TYPE "knowledge_level" AS ENUM ('KNOWLEDGE_ASSERTION', 'LOGICAL_ENTAILMENT', 'OBSERVATION', 'STATISTICAL_ASSOCIATION', 'PREDICTION');
CREATE TYPE "agent_type" AS ENUM ('MANUAL_AGENT', 'AUTOMATED_AGENT', 'TEXT_MINING_AGENT', 'MANUAL_VALIDATION_OF_AUTOMATED_AGENT');

-- AlterTable
ALTER TABLE "relation" ADD COLUMN "rank" "claim_rank" NOT NULL DEFAULT 'NORMAL',
ADD COLUMN "deprecation_reason" "deprecation_reason",
ADD COLUMN "rank_note" TEXT,
ADD COLUMN "knowledge_level" "knowledge_level" NOT NULL DEFAULT 'KNOWLEDGE_ASSERTION',
ADD COLUMN "agent_type" "agent_type" NOT NULL DEFAULT 'MANUAL_AGENT',
ADD COLUMN "negated" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN "hedge" TEXT,
ADD COLUMN "needs_review" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN "needs_review_reason" TEXT,
ADD COLUMN "flagged_at" TIMESTAMPTZ(3),
-- A deprecated claim says why; any other claim has no deprecation reason.
ADD CONSTRAINT "relation_deprecation_reason_check" CHECK (("rank" = 'DEPRECATED') = ("deprecation_reason" IS NOT NULL)),
-- An editor's inference says what it was inferred from.
ADD CONSTRAINT "relation_entailment_note_check" CHECK ("knowledge_level" <> 'LOGICAL_ENTAILMENT' OR btrim(coalesce("note", '')) <> ''),
-- A flag carries its reason and time, and nothing else does.
ADD CONSTRAINT "relation_needs_review_check" CHECK ("needs_review" = ("flagged_at" IS NOT NULL) AND "needs_review" = ("needs_review_reason" IS NOT NULL));

-- AlterTable
ALTER TABLE "source" ADD COLUMN "publisher_retracted_on" TEXT,
ADD COLUMN "retraction_notice" TEXT,
ADD CONSTRAINT "source_retraction_notice_check" CHECK (("publisher_retracted_on" IS NULL) = ("retraction_notice" IS NULL));
