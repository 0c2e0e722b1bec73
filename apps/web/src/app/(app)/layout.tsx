"use client";

import type { ReactNode } from "react";
import { Nav } from "../../components/nav";
import { SessionProvider } from "../../lib/session";

/** Every page but login: the sidebar, and who is signed in. */
export default function AppLayout({ children }: { children: ReactNode }) {
  return (
    <SessionProvider>
      <div className="shell">
        <Nav />
        <main className="main">{children}</main>
      </div>
    </SessionProvider>
  );
}
