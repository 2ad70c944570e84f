import type { Role } from "../generated/prisma/enums";

/** The signed-in editor behind a request's token. */
export interface Viewer {
  editorId: number;
  name: string;
  role: Role;
  tokenId: number;
}
