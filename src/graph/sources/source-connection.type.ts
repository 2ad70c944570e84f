import { ObjectType } from "type-graphql";
import { ConnectionType } from "../pagination/connection.type";
import { Source } from "./source.type";

@ObjectType({ description: "A page of sources (Relay)." })
export class SourceConnection extends ConnectionType("Source", Source) {}
