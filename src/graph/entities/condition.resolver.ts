import { Args, Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { Context } from "../../context";
import { Direction, Predicate } from "../enums";
import { RankArgs, TreatmentsArgs } from "../relations/relation.args";
import { relationsOf } from "../relations/relation.service";
import { relationSlice } from "../relations/relation.sql";
import { SqlField } from "../sql/declarations";
import { Relation } from "../relations/relation.type";
import { Condition } from "./entity.type";

/** The questions asked of a condition, each a named slice of its relations. */
@Resolver((_of) => Condition)
export class ConditionResolver {
  @FieldResolver((_type) => [Relation], { description: "What brings it on: incoming CAUSES." })
  @SqlField(relationSlice(Direction.INCOMING, Predicate.CAUSES))
  causes(@Root() condition: Condition, @Args() { includeDeprecated }: RankArgs, @Ctx() context: Context): Promise<Relation[]> {
    return relationsOf(context, condition, { direction: Direction.INCOMING, predicates: [Predicate.CAUSES], includeDeprecated });
  }

  @FieldResolver((_type) => [Relation], { description: "What a person notices: outgoing HAS_SYMPTOM." })
  @SqlField(relationSlice(Direction.OUTGOING, Predicate.HAS_SYMPTOM))
  symptoms(@Root() condition: Condition, @Args() { includeDeprecated }: RankArgs, @Ctx() context: Context): Promise<Relation[]> {
    return relationsOf(context, condition, { direction: Direction.OUTGOING, predicates: [Predicate.HAS_SYMPTOM], includeDeprecated });
  }

  @FieldResolver((_type) => [Relation], {
    description: "Symptoms that are warning signs (redFlag); what each signals: the symptom's INDICATES relations.",
  })
  @SqlField(relationSlice(Direction.OUTGOING, Predicate.HAS_SYMPTOM, { onlyRedFlags: true }))
  redFlags(@Root() condition: Condition, @Args() { includeDeprecated }: RankArgs, @Ctx() context: Context): Promise<Relation[]> {
    return relationsOf(context, condition, {
      direction: Direction.OUTGOING,
      predicates: [Predicate.HAS_SYMPTOM],
      onlyRedFlags: true,
      includeDeprecated,
    });
  }

  @FieldResolver((_type) => [Relation], { description: "How it is diagnosed: outgoing DIAGNOSED_BY." })
  @SqlField(relationSlice(Direction.OUTGOING, Predicate.DIAGNOSED_BY))
  diagnostics(@Root() condition: Condition, @Args() { includeDeprecated }: RankArgs, @Ctx() context: Context): Promise<Relation[]> {
    return relationsOf(context, condition, { direction: Direction.OUTGOING, predicates: [Predicate.DIAGNOSED_BY], includeDeprecated });
  }

  @FieldResolver((_type) => [Relation], { description: "How it is treated: outgoing TREATED_BY." })
  @SqlField(relationSlice(Direction.OUTGOING, Predicate.TREATED_BY))
  treatments(@Root() condition: Condition, @Args() { context: careContext, includeDeprecated }: TreatmentsArgs, @Ctx() context: Context): Promise<Relation[]> {
    return relationsOf(context, condition, {
      direction: Direction.OUTGOING,
      predicates: [Predicate.TREATED_BY],
      context: careContext ?? null,
      includeDeprecated,
    });
  }

  @FieldResolver((_type) => [Relation], { description: "Treatments to avoid with it: incoming CONTRAINDICATED_FOR." })
  @SqlField(relationSlice(Direction.INCOMING, Predicate.CONTRAINDICATED_FOR))
  contraindications(@Root() condition: Condition, @Args() { includeDeprecated }: RankArgs, @Ctx() context: Context): Promise<Relation[]> {
    return relationsOf(context, condition, { direction: Direction.INCOMING, predicates: [Predicate.CONTRAINDICATED_FOR], includeDeprecated });
  }
}
