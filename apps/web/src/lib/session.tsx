"use client";

import { createContext, type ReactNode, useContext } from "react";
import { MeDocument } from "../graphql/generated";
import { useQuery } from "./hooks";

export type Role = "viewer" | "analyst" | "admin";
const RANK: Record<Role, number> = { viewer: 0, analyst: 1, admin: 2 };

export interface Session {
  email: string;
  role: Role;
  /** Whether the signed-in user has at least this role (controls are shown only then). */
  can(role: Role): boolean;
}

const SessionContext = createContext<Session | null>(null);

/** Who is signed in (the API redirects to /login when nobody is). */
export function SessionProvider({ children }: { children: ReactNode }) {
  const { data } = useQuery(MeDocument, {});
  const me = data?.me;
  const session: Session | null = me
    ? { email: me.email, role: me.role, can: (role) => RANK[me.role] >= RANK[role] }
    : null;
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

export function useSession(): Session | null {
  return useContext(SessionContext);
}

/** Renders its children only for users with at least `role` (viewers never see analyst controls). */
export function RequireRole({ role, children }: { role: Role; children: ReactNode }) {
  const session = useSession();
  return session?.can(role) ? children : null;
}
