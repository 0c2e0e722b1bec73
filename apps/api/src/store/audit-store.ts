import type { Prisma } from "./database.ts";
import type { AuditEvent, Prisma as PrismaTypes } from "./generated/client.ts";

export type { AuditEvent };

/** An audit event with who did it (null when the user was deleted or the actor was the system). */
export type AuditEventWithUser = AuditEvent & { user: { id: string; email: string } | null };

export interface NewAuditEvent {
  /** null for actions without a signed-in actor (start-up, failed logins). */
  userId: string | null;
  /** Dotted verb, e.g. "export", "user.create", "token.revoke". */
  action: string;
  /** What was acted on, "<kind>:<id>", e.g. "targetList:ck…". */
  subject: string;
  /** Rows exported or affected, when that means something. */
  rows?: number | null;
  /** Extra facts as JSON; never secrets (passwords, tokens). */
  detail?: PrismaTypes.InputJsonObject;
}

export async function recordAuditEvent(prisma: Prisma, event: NewAuditEvent): Promise<AuditEvent> {
  return prisma.auditEvent.create({
    data: {
      userId: event.userId,
      action: event.action,
      subject: event.subject,
      rows: event.rows ?? null,
      detail: event.detail ?? {},
    },
  });
}

/** Newest first (ties within a millisecond broken by id: cuids grow with time), optionally one action. */
export async function listAuditEvents(
  prisma: Prisma,
  query: { limit: number; offset: number; action?: string },
): Promise<{ items: AuditEventWithUser[]; total: number }> {
  const where = query.action ? { action: query.action } : {};
  const [items, total] = await Promise.all([
    prisma.auditEvent.findMany({
      where,
      include: { user: { select: { id: true, email: true } } },
      orderBy: [{ at: "desc" }, { id: "desc" }],
      take: query.limit,
      skip: query.offset,
    }),
    prisma.auditEvent.count({ where }),
  ]);
  return { items, total };
}
