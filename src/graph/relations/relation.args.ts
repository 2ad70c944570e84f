import { ArgsType, Field } from "type-graphql";
import { CareContext, Direction, Predicate } from "../enums";
import { SqlFilter } from "../sql/declarations";
import { careContextFilter, deprecatedFilter, directionFilter, predicatesFilter } from "./relation.sql";

/** What every public relation list takes: deprecated claims are left out unless asked for. */
@ArgsType()
export class RankArgs {
  @Field((_type) => Boolean, {
    nullable: true,
    defaultValue: false,
    description: "Also list DEPRECATED claims (last within their predicate); false or null: leave them out.",
  })
  @SqlFilter(deprecatedFilter)
  includeDeprecated!: boolean | null;
}

@ArgsType()
export class RelationsArgs extends RankArgs {
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
export class TreatmentsArgs extends RankArgs {
  @Field((_type) => CareContext, {
    nullable: true,
    description: "ACUTE or CHRONIC: treatments for that context and for ANY; ANY: only those for any context; absent: all.",
  })
  @SqlFilter(careContextFilter)
  context?: CareContext | null;
}
