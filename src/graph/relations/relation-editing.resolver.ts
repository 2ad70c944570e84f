import { Arg, Args, ArgsType, Ctx, Field, ID, Mutation, Resolver } from "type-graphql";
import type { Context } from "../../context";
import { ReasonedChangeArgs, VersionedChangeArgs } from "../editing/editing.args";
import { CreateRelationInput, UpdateRelationInput } from "./relation.input";
import { createRelation, deleteRelation, restoreRelation, updateRelation } from "./relation-editing.service";
import { Relation } from "./relation.type";

@ArgsType()
class UpdateRelationArgs extends VersionedChangeArgs {
  @Field((_type) => UpdateRelationInput, { description: "The qualifiers to change." })
  input!: UpdateRelationInput;
}

@Resolver()
export class RelationEditingResolver {
  @Mutation((_returns) => Relation, { description: "EDITOR: adds a draft relation with at least one citation." })
  createRelation(@Arg("input", (_type) => CreateRelationInput, { description: "The new claim and its citations." }) input: CreateRelationInput, @Ctx() ctx: Context): Promise<Relation> {
    return createRelation(ctx, input);
  }

  @Mutation((_returns) => Relation, {
    description: "EDITOR: changes a relation's qualifiers; on a published relation the change waits in review until publish.",
  })
  updateRelation(@Args() { id, expectedVersion, input }: UpdateRelationArgs, @Ctx() ctx: Context): Promise<Relation> {
    return updateRelation(ctx, id, expectedVersion, input);
  }

  @Mutation((_returns) => Relation, { description: "REVIEWER: soft-deletes a relation (restorable)." })
  deleteRelation(@Args() { id, reason }: ReasonedChangeArgs, @Ctx() ctx: Context): Promise<Relation> {
    return deleteRelation(ctx, id, reason);
  }

  @Mutation((_returns) => Relation, { description: "REVIEWER: restores a deleted relation, unless a live one now states the same claim." })
  restoreRelation(@Arg("id", (_type) => ID, { description: "The global id of a deleted relation." }) id: string, @Ctx() ctx: Context): Promise<Relation> {
    return restoreRelation(ctx, id);
  }
}
