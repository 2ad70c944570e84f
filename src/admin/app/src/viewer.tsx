import { createContext, useContext } from "react";
import type { Role } from "./gql/graphql";

export interface SignedInViewer {
  name: string;
  role: Role;
}

const RANK: Record<Role, number> = { EDITOR: 1, REVIEWER: 2, ADMIN: 3 };

export const ViewerContext = createContext<SignedInViewer | null>(null);

export function useViewer(): SignedInViewer {
  const viewer = useContext(ViewerContext);
  if (!viewer) throw new Error("useViewer outside a signed-in screen");
  return viewer;
}

/** The API's role ladder (README "Editors: roles and tokens"): each role may do what the ones below it may. */
export const mayAct = (viewer: SignedInViewer, least: Role): boolean => RANK[viewer.role] >= RANK[least];
