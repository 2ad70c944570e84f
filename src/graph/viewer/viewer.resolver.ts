import { Ctx, Query, Resolver } from "type-graphql";
import type { Context } from "../../context";
import { ViewerType } from "./viewer.type";

@Resolver()
export class ViewerResolver {
  @Query((_returns) => ViewerType, { nullable: true, description: "Who is signed in, and with which role; null when anonymous." })
  viewer(@Ctx() { viewer }: Context): ViewerType | null {
    return viewer && { name: viewer.name, role: viewer.role };
  }
}
