"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { LogoutDocument } from "../graphql/generated";
import { request } from "../lib/graphql";
import { useSession } from "../lib/session";

const LINKS = [
  { href: "/", label: "Overview" },
  { href: "/datasets", label: "Datasets" },
  { href: "/runs", label: "Runs" },
  { href: "/targets", label: "Target lists" },
];

export function Nav() {
  const path = usePathname();
  const session = useSession();
  return (
    <nav className="sidebar">
      <div className="brand">Kindred</div>
      {LINKS.map((link) => (
        <Link
          key={link.href}
          href={link.href}
          className={(link.href === "/" ? path === "/" : path.startsWith(link.href)) ? "active" : ""}
        >
          {link.label}
        </Link>
      ))}
      {session && (
        <div className="user">
          <div>{session.email}</div>
          <div className="row" style={{ marginTop: 6 }}>
            <span className="badge">{session.role}</span>
            <span className="spacer" />
            <button
              type="button"
              className="secondary"
              style={{ padding: "2px 8px" }}
              onClick={async () => {
                await request(LogoutDocument, {}).catch(() => undefined);
                window.location.assign("/login");
              }}
            >
              Sign out
            </button>
          </div>
        </div>
      )}
    </nav>
  );
}
