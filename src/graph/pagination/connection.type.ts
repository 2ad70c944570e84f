import { type ClassType, Field, Int, ObjectType } from "type-graphql";

@ObjectType({ description: "Where a page stands in its list (Relay)." })
export class PageInfo {
  @Field({ description: "Whether items follow this page." })
  hasNextPage!: boolean;

  @Field({ description: "Whether items come before this page." })
  hasPreviousPage!: boolean;

  @Field((_type) => String, { nullable: true, description: "The first edge's cursor; null on an empty page." })
  startCursor!: string | null;

  @Field((_type) => String, { nullable: true, description: "The last edge's cursor; null on an empty page." })
  endCursor!: string | null;
}

export interface Edge<Item> {
  cursor: string;
  node: Item;
}

export interface Connection<Item> {
  edges: Edge<Item>[];
  pageInfo: PageInfo;
  totalCount: number;
}

/** The base class of a Relay connection of `itemType`, with its `<name>Edge` type. */
export function ConnectionType<Item extends object>(name: string, itemType: ClassType<Item> | Function) {
  @ObjectType(`${name}Edge`, { description: "One item of a page, with the cursor to page from it." })
  class EdgeType implements Edge<Item> {
    @Field({ description: "Pass it as `after` or `before` to page from here." })
    cursor!: string;

    @Field((_type) => itemType, { description: "The item." })
    node!: Item;
  }

  @ObjectType()
  abstract class ConnectionBase implements Connection<Item> {
    @Field((_type) => [EdgeType], { description: "The page's items with their cursors, in the list's order." })
    edges!: EdgeType[];

    @Field((_type) => PageInfo, { description: "Where this page stands in the list." })
    pageInfo!: PageInfo;

    @Field((_type) => Int, { description: "How many items the whole list holds, across all pages." })
    totalCount!: number;
  }
  return ConnectionBase;
}
