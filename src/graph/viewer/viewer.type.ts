import { Field, ObjectType } from "type-graphql";
import { Role } from "../enums";

@ObjectType("Viewer", { description: "The signed-in editor." })
export class ViewerType {
  @Field({ description: "The editor's account name." })
  name!: string;

  @Field((_type) => Role, { description: "The role of the token in use." })
  role!: Role;
}
