import type { IncomingMessage } from "node:http";
import type { AppContext } from "../context.ts";
import { authenticate, type Viewer } from "../services/auth.ts";

export const SESSION_COOKIE = "kindred_session";

/** The token a request carries: `Authorization: Bearer …` (scripts) or the session cookie (dashboard). */
export function tokenOf(headers: IncomingMessage["headers"] | Record<string, unknown>): string | null {
  const authorization = headers.authorization ?? headers.Authorization;
  if (typeof authorization === "string") {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    if (match) return match[1] as string;
  }
  const cookie = headers.cookie;
  if (typeof cookie === "string") {
    for (const part of cookie.split(";")) {
      const [name, ...value] = part.trim().split("=");
      if (name === SESSION_COOKIE) return decodeURIComponent(value.join("="));
    }
  }
  return null;
}

export async function viewerOf(app: AppContext, token: string | null): Promise<Viewer | null> {
  return token ? authenticate(app, token) : null;
}

/** Set-Cookie for a dashboard session (HttpOnly: scripts in the page cannot read it). */
export function sessionCookie(token: string, expiresAt: Date, secure: boolean): string {
  return [
    `${SESSION_COOKIE}=${encodeURIComponent(token)}`,
    "Path=/",
    "HttpOnly",
    "SameSite=Lax",
    `Expires=${expiresAt.toUTCString()}`,
    ...(secure ? ["Secure"] : []),
  ].join("; ");
}

export function clearedSessionCookie(): string {
  return `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Expires=Thu, 01 Jan 1970 00:00:00 GMT`;
}
