import { ObjectType } from "type-graphql";
import { ConnectionType } from "../pagination/connection.type";
import { Entity } from "./entity.type";

@ObjectType({ description: "A page of entities (Relay)." })
export class EntityConnection extends ConnectionType("Entity", Entity) {}
