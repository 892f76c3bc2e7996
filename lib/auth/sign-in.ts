/**
 * Checks credentials for next-auth's credentials provider. Every attempt is audited; failures
 * count towards rate limits; the answer is the same whether the account exists, is inactive,
 * is locked, or the password is wrong.
 */
import "server-only";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/db/client";
import { users } from "@/db/schema";
import { recordAudit } from "@/lib/audit/log";
import { hashPassword, verifyPassword } from "./password";
import {
  ACCOUNT_LIMIT,
  ADDRESS_LIMIT,
  accountKey,
  addressKey,
  clearFailures,
  isLocked,
  recordFailure,
} from "./throttle";

export const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().max(254).pipe(z.email()),
  password: z.string().min(1).max(1024),
});

export type SignInResult =
  | { ok: true; userId: number; sessionVersion: number }
  | { ok: false; reason: "malformed" | "locked" | "invalid" };

// Verifying against a real hash when the account does not exist keeps the timing the same.
let dummyHash: Promise<string> | undefined;

export async function verifyCredentials(raw: unknown, ip: string): Promise<SignInResult> {
  const db = getDb();
  const parsed = credentialsSchema.safeParse(raw);
  const label = parsed.success
    ? parsed.data.email
    : String((raw as { email?: unknown } | null)?.email ?? "").slice(0, 254) || "(none)";
  if (!parsed.success) {
    recordAudit(db, {
      actor: { id: null, label },
      action: "auth.sign_in_failed",
      entityType: "session",
      after: { reason: "malformed" },
      ip,
    });
    return { ok: false, reason: "malformed" };
  }
  const { email, password } = parsed.data;
  const keys = [accountKey(email), addressKey(ip)];
  if (isLocked(db, keys)) {
    recordAudit(db, {
      actor: { id: null, label: email },
      action: "auth.sign_in_failed",
      entityType: "session",
      after: { reason: "locked" },
      ip,
    });
    return { ok: false, reason: "locked" };
  }
  const user = db
    .select({
      id: users.id,
      passwordHash: users.passwordHash,
      active: users.active,
      sessionVersion: users.sessionVersion,
    })
    .from(users)
    .where(eq(users.email, email))
    .get();
  dummyHash ??= hashPassword("not a real password, only for timing");
  const valid = await verifyPassword(password, user?.passwordHash ?? (await dummyHash));
  const ok = valid && user?.active && user.passwordHash !== null;
  if (!ok || !user) {
    db.transaction((tx) => {
      const t = tx as unknown as typeof db;
      recordFailure(t, [
        { key: keys[0] as string, limit: ACCOUNT_LIMIT },
        { key: keys[1] as string, limit: ADDRESS_LIMIT },
      ]);
      recordAudit(t, {
        actor: { id: user?.id ?? null, label: email },
        action: "auth.sign_in_failed",
        entityType: "session",
        after: { reason: user && !user.active ? "inactive" : "invalid" },
        ip,
      });
    });
    return { ok: false, reason: "invalid" };
  }
  db.transaction((tx) => {
    const t = tx as unknown as typeof db;
    clearFailures(t, keys[0] as string);
    recordAudit(t, {
      actor: { id: user.id, label: email },
      action: "auth.sign_in",
      entityType: "session",
      entityId: user.id,
      ip,
    });
  });
  return { ok: true, userId: user.id, sessionVersion: user.sessionVersion };
}
