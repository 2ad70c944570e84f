import { ArgsType, Field } from "type-graphql";
import { CareContext, Direction, Predicate } from "../enums";
import { SqlFilter } from "../sql/declarations";
import { careContextFilter, directionFilter, predicatesFilter } from "./relation.sql";

@ArgsType()
export class RelationsArgs {
  @Field((_type) => [Predicate], { nullable: true, description: "Only relations with one of these predicates; all when absent." })
  @SqlFilter(predicatesFilter)
  predicates?: Predicate[] | null;

  @Field((_type) => Direction, {
    nullable: true,
    defaultValue: Direction.BOTH,
    description: "Relations from this entity, to it, or both (also when null).",
  })
  @SqlFilter(directionFilter)
  direction!: Direction | null;

  @Field((_type) => CareContext, {
    nullable: true,
    description: "ACUTE or CHRONIC: relations for that context and for ANY; ANY: only those for any context; absent: all.",
  })
  @SqlFilter(careContextFilter)
  context?: CareContext | null;
}

@ArgsType()
export class TreatmentsArgs {
  @Field((_type) => CareContext, {
    nullable: true,
    description: "ACUTE or CHRONIC: treatments for that context and for ANY; ANY: only those for any context; absent: all.",
  })
  @SqlFilter(careContextFilter)
  context?: CareContext | null;
}
