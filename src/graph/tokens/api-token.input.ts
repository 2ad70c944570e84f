import { Field, InputType } from "type-graphql";
import { Role } from "../enums";

@InputType({ description: "Who the new token signs in as (the editor account is created when new), and its role." })
export class CreateTokenInput {
  @Field({ description: "The editor account: 1 to 100 characters; created when new." })
  name!: string;

  @Field((_type) => Role, { description: "What the token may do." })
  role!: Role;
}
