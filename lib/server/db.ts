/**
 * The one transaction helper and the one actor helper of the data layer.
 */
import "server-only";
import { type Db, getDb } from "@/db/client";
import type { AuditActor } from "@/lib/audit/log";
import type { SignedInViewer } from "@/lib/auth/viewer";

/**
 * Runs a change in one IMMEDIATE transaction: the write lock is taken at the start, so what the
 * change read cannot be changed by another writer before it commits. better-sqlite3 transactions
 * are synchronous: nothing may be awaited inside `run`.
 *
 * Callers check who may act before opening it, then again inside it (against the locked state):
 * a refusal writes its `authz.denied` audit row on this same connection, and thrown inside the
 * transaction that row would be rolled back too.
 */
export const immediate = <T>(run: (db: Db) => T): T =>
  getDb().transaction((tx) => run(tx as unknown as Db), { behavior: "immediate" });

/** Who acted, as the audit log records it: the user's id and e-mail (or `user:<id>`). */
export const actorOf = (viewer: SignedInViewer): AuditActor => ({
  id: viewer.id,
  label: viewer.email ?? `user:${viewer.id}`,
});
