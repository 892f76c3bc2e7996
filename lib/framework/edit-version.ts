/**
 * No lost update on framework forms: a form carries the version of the record it started from
 * (a hash of the record's snapshot, so any change, including one made by a reorder or by a
 * second tab, gives a new version), and a save whose version is no longer current is refused
 * with a CONFLICT naming who changed the record last and when (from the change log).
 *
 * A hash rather than `updated_at`: dimensions and categories have no timestamp, and an
 * indicator's targets and dimensions live in other tables whose changes do not touch it.
 */
import "server-only";
import { createHash } from "node:crypto";
import { and, desc, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import * as s from "@/db/schema";
import { StaleVersionError } from "@/lib/errors";
import { formatDate } from "@/lib/format";
import type { ChangeEntity } from "./edit-log";

export { StaleVersionError };

/** A short, stable fingerprint of a snapshot. */
export function versionOf(snapshot: unknown): string {
  return createHash("sha256").update(JSON.stringify(snapshot)).digest("hex").slice(0, 20);
}

/**
 * Throws CONFLICT unless `submitted` is the record's current version. `what` names the record
 * for people ("this indicator"); `entityTypes` and `entityId` find its last change.
 */
export function assertCurrentVersion(
  db: Db,
  submitted: string | undefined,
  current: string,
  what: string,
  entityTypes: ChangeEntity[],
  entityId: number,
): void {
  if (submitted === current) return;
  const last = db
    .select({ at: s.frameworkChanges.at, name: s.users.name, email: s.users.email })
    .from(s.frameworkChanges)
    .leftJoin(s.users, eq(s.users.id, s.frameworkChanges.actorId))
    .where(
      and(
        inArray(s.frameworkChanges.entityType, entityTypes),
        eq(s.frameworkChanges.entityId, entityId),
      ),
    )
    .orderBy(desc(s.frameworkChanges.id))
    .limit(1)
    .get();
  const who = last ? `${last.name ?? "someone"} changed it on ${formatTime(last.at)}` : null;
  throw new StaleVersionError(
    `Not saved: ${what} was changed after you opened it${who ? ` (${who})` : ""}. What you typed is still below; load the current values to see theirs, then make your change again.`,
  );
}

function formatTime(iso: string): string {
  const time = iso.slice(11, 16);
  return time ? `${formatDate(iso)} at ${time} UTC` : formatDate(iso);
}
