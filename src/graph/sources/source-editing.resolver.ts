import { Arg, Ctx, ID, Int, Mutation, Resolver } from "type-graphql";
import type { Context } from "../../context";
import { CreateSourceInput, UpdateSourceInput } from "./source.input";
import { createSource, mergeSources, updateSource } from "./source-editing.service";
import { Source } from "./source.type";

@Resolver()
export class SourceEditingResolver {
  @Mutation((_returns) => Source, { description: "EDITOR: adds a draft source." })
  createSource(@Arg("input", (_type) => CreateSourceInput) input: CreateSourceInput, @Ctx() ctx: Context): Promise<Source> {
    return createSource(ctx, input);
  }

  @Mutation((_returns) => Source, { description: "EDITOR: changes a draft in place; on a published source the change waits in review." })
  updateSource(
    @Arg("id", (_type) => ID) id: string,
    @Arg("expectedVersion", (_type) => Int) expectedVersion: number,
    @Arg("input", (_type) => UpdateSourceInput) input: UpdateSourceInput,
    @Ctx() ctx: Context,
  ): Promise<Source> {
    return updateSource(ctx, id, expectedVersion, input);
  }

  @Mutation((_returns) => Source, {
    description: "REVIEWER: merges duplicate sources into keepId: repoints every citation and reference (numbers kept), soft-deletes the others.",
  })
  mergeSources(
    @Arg("keepId", (_type) => ID) keepId: string,
    @Arg("mergeIds", (_type) => [ID]) mergeIds: string[],
    @Ctx() ctx: Context,
  ): Promise<Source> {
    return mergeSources(ctx, keepId, mergeIds);
  }
}
