import { Arg, Args, ArgsType, Ctx, Field, ID, Mutation, Resolver } from "type-graphql";
import type { Context } from "../../context";
import { VersionedChangeArgs } from "../editing/editing.args";
import { CreateSourceInput, UpdateSourceInput } from "./source.input";
import { createSource, mergeSources, updateSource } from "./source-editing.service";
import { Source } from "./source.type";

@ArgsType()
class UpdateSourceArgs extends VersionedChangeArgs {
  @Field((_type) => UpdateSourceInput, { description: "The fields to change." })
  input!: UpdateSourceInput;
}

@ArgsType()
class MergeSourcesArgs {
  @Field((_type) => ID, { description: "The source that stays." })
  keepId!: string;

  @Field((_type) => [ID], { description: "Its duplicates, soft-deleted by the merge." })
  mergeIds!: string[];
}

@Resolver()
export class SourceEditingResolver {
  @Mutation((_returns) => Source, { description: "EDITOR: adds a draft source." })
  createSource(@Arg("input", (_type) => CreateSourceInput, { description: "The new source." }) input: CreateSourceInput, @Ctx() ctx: Context): Promise<Source> {
    return createSource(ctx, input);
  }

  @Mutation((_returns) => Source, { description: "EDITOR: changes a draft in place; on a published source the change waits in review." })
  updateSource(@Args() { id, expectedVersion, input }: UpdateSourceArgs, @Ctx() ctx: Context): Promise<Source> {
    return updateSource(ctx, id, expectedVersion, input);
  }

  @Mutation((_returns) => Source, {
    description: "REVIEWER: merges duplicate sources into keepId: repoints every citation and reference (numbers kept), soft-deletes the others.",
  })
  mergeSources(@Args() { keepId, mergeIds }: MergeSourcesArgs, @Ctx() ctx: Context): Promise<Source> {
    return mergeSources(ctx, keepId, mergeIds);
  }
}
