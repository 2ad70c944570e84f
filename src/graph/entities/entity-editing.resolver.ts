import { Arg, Args, ArgsType, Ctx, Field, ID, Mutation, Resolver } from "type-graphql";
import type { Context } from "../../context";
import { ReasonedChangeArgs, VersionedChangeArgs } from "../editing/editing.args";
import { CreateEntityInput, UpdateEntityInput } from "./entity.input";
import { createEntity, deleteEntity, restoreEntity, updateEntity } from "./entity-editing.service";
import { Entity } from "./entity.type";

@ArgsType()
class UpdateEntityArgs extends VersionedChangeArgs {
  @Field((_type) => UpdateEntityInput, { description: "The fields to change." })
  input!: UpdateEntityInput;
}

@Resolver()
export class EntityEditingResolver {
  @Mutation((_returns) => Entity, { description: "EDITOR: adds a draft entity." })
  createEntity(@Arg("input", (_type) => CreateEntityInput, { description: "The new entity." }) input: CreateEntityInput, @Ctx() ctx: Context): Promise<Entity> {
    return createEntity(ctx, input);
  }

  @Mutation((_returns) => Entity, {
    description: "EDITOR: changes a draft in place; a change to published content waits in review until publish.",
  })
  updateEntity(@Args() { id, expectedVersion, input }: UpdateEntityArgs, @Ctx() ctx: Context): Promise<Entity> {
    return updateEntity(ctx, id, expectedVersion, input);
  }

  @Mutation((_returns) => Entity, { description: "REVIEWER: soft-deletes an entity (restorable; its slug stays reserved)." })
  deleteEntity(@Args() { id, reason }: ReasonedChangeArgs, @Ctx() ctx: Context): Promise<Entity> {
    return deleteEntity(ctx, id, reason);
  }

  @Mutation((_returns) => Entity, { description: "REVIEWER: restores a deleted entity." })
  restoreEntity(@Arg("id", (_type) => ID, { description: "The global id of a deleted entity." }) id: string, @Ctx() ctx: Context): Promise<Entity> {
    return restoreEntity(ctx, id);
  }
}
