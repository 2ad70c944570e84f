import { Field, InputType } from "type-graphql";
import { Role } from "../enums";

@InputType({ description: "Who the new token signs in as (the editor account is created when new), and its role." })
export class CreateTokenInput {
  @Field()
  name!: string;

  @Field((_type) => Role)
  role!: Role;
}
