import { Arg, Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { Context } from "../../context";
import { CareContext, Direction, Predicate } from "../enums";
import { relationsOf } from "../relations/relation.service";
import { Relation } from "../relations/relation.type";
import { Condition } from "./entity.type";

/** The questions asked of a condition, each a named slice of its relations. */
@Resolver((_of) => Condition)
export class ConditionResolver {
  @FieldResolver((_type) => [Relation], { description: "What brings it on: incoming CAUSES." })
  causes(@Root() condition: Condition, @Ctx() context: Context): Promise<Relation[]> {
    return relationsOf(context, condition, { direction: Direction.INCOMING, predicates: [Predicate.CAUSES] });
  }

  @FieldResolver((_type) => [Relation], { description: "What a person notices: outgoing HAS_SYMPTOM." })
  symptoms(@Root() condition: Condition, @Ctx() context: Context): Promise<Relation[]> {
    return relationsOf(context, condition, { direction: Direction.OUTGOING, predicates: [Predicate.HAS_SYMPTOM] });
  }

  @FieldResolver((_type) => [Relation], {
    description: "Symptoms that are warning signs (redFlag); what each signals: the symptom's INDICATES relations.",
  })
  redFlags(@Root() condition: Condition, @Ctx() context: Context): Promise<Relation[]> {
    return relationsOf(context, condition, {
      direction: Direction.OUTGOING,
      predicates: [Predicate.HAS_SYMPTOM],
      onlyRedFlags: true,
    });
  }

  @FieldResolver((_type) => [Relation], { description: "How it is diagnosed: outgoing DIAGNOSED_BY." })
  diagnostics(@Root() condition: Condition, @Ctx() context: Context): Promise<Relation[]> {
    return relationsOf(context, condition, { direction: Direction.OUTGOING, predicates: [Predicate.DIAGNOSED_BY] });
  }

  @FieldResolver((_type) => [Relation], { description: "How it is treated: outgoing TREATED_BY." })
  treatments(
    @Root() condition: Condition,
    @Arg("context", (_type) => CareContext, {
      nullable: true,
      description: "ACUTE or CHRONIC: treatments for that context and for ANY; ANY: only those for any context; absent: all.",
    })
    careContext: CareContext | null,
    @Ctx() context: Context,
  ): Promise<Relation[]> {
    return relationsOf(context, condition, {
      direction: Direction.OUTGOING,
      predicates: [Predicate.TREATED_BY],
      context: careContext,
    });
  }

  @FieldResolver((_type) => [Relation], { description: "Treatments to avoid with it: incoming CONTRAINDICATED_FOR." })
  contraindications(@Root() condition: Condition, @Ctx() context: Context): Promise<Relation[]> {
    return relationsOf(context, condition, { direction: Direction.INCOMING, predicates: [Predicate.CONTRAINDICATED_FOR] });
  }
}
