import { Arg, Ctx, ID, Int, Mutation, Resolver } from "type-graphql";
import type { Context } from "../../context";
import { CreateRelationInput, UpdateRelationInput } from "./relation.input";
import { createRelation, deleteRelation, restoreRelation, updateRelation } from "./relation-editing.service";
import { Relation } from "./relation.type";

@Resolver()
export class RelationEditingResolver {
  @Mutation((_returns) => Relation, { description: "EDITOR: adds a draft relation with at least one citation." })
  createRelation(@Arg("input", (_type) => CreateRelationInput) input: CreateRelationInput, @Ctx() ctx: Context): Promise<Relation> {
    return createRelation(ctx, input);
  }

  @Mutation((_returns) => Relation, {
    description: "EDITOR: changes a relation's qualifiers; on a published relation the change waits in review until publish.",
  })
  updateRelation(
    @Arg("id", (_type) => ID) id: string,
    @Arg("expectedVersion", (_type) => Int) expectedVersion: number,
    @Arg("input", (_type) => UpdateRelationInput) input: UpdateRelationInput,
    @Ctx() ctx: Context,
  ): Promise<Relation> {
    return updateRelation(ctx, id, expectedVersion, input);
  }

  @Mutation((_returns) => Relation, { description: "REVIEWER: soft-deletes a relation (restorable)." })
  deleteRelation(@Arg("id", (_type) => ID) id: string, @Arg("reason") reason: string, @Ctx() ctx: Context): Promise<Relation> {
    return deleteRelation(ctx, id, reason);
  }

  @Mutation((_returns) => Relation, { description: "REVIEWER: restores a deleted relation, unless a live one now states the same claim." })
  restoreRelation(@Arg("id", (_type) => ID) id: string, @Ctx() ctx: Context): Promise<Relation> {
    return restoreRelation(ctx, id);
  }
}
