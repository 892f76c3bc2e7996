/**
 * Reading the stable public addresses of published plans (docs/architecture.md, "Stable public addresses";
 * lib/framework/addresses.ts writes them). A code a record had before answers with the record's
 * current code (a 308 redirect); a removed code answers with what was removed and why (410).
 * Drafts have no public addresses, so nothing here for them.
 *
 * No viewer here: the custom server (scripts/server.ts, which runs with the react-server
 * condition like every script) asks `isRemovedAddress` to give a removed page its 410 status,
 * which a page cannot set itself. It is safe because it reads only what the public may see:
 * former codes of published (non-draft) plans, a label and a reason that the public change log
 * shows anyway.
 */
import "server-only";
import { and, eq, ne } from "drizzle-orm";
import { getDb } from "@/db/client";
import * as s from "@/db/schema";
import type { ADDRESS_KINDS } from "@/lib/domain/enums";

export type AddressKind = (typeof ADDRESS_KINDS)[number];

export type FormerAddress =
  | { state: "moved"; code: string }
  | { state: "removed"; code: string; label: string; reason: string | null; removedAt: string };

/** What became of `code` in the published plan `slug`; null when it never was a former code. */
export function lookUpFormerAddress(
  slug: string,
  kind: AddressKind,
  code: string,
): FormerAddress | null {
  const db = getDb();
  const row = db
    .select({ address: s.frameworkAddresses })
    .from(s.frameworkAddresses)
    .innerJoin(s.plans, eq(s.plans.id, s.frameworkAddresses.planId))
    .where(
      and(
        eq(s.plans.slug, slug),
        ne(s.plans.status, "draft"),
        eq(s.frameworkAddresses.entityType, kind),
        eq(s.frameworkAddresses.code, code),
      ),
    )
    .get()?.address;
  if (!row) return null;
  const removed = {
    state: "removed" as const,
    code,
    label: row.label,
    reason: row.reason,
    removedAt: row.removedAt ?? row.at,
  };
  if (row.removedAt) return removed;
  const current = currentCode(row.planId, kind, row.entityId);
  // The record is gone without its codes marked (should not happen): still never another record.
  if (current === null || current === code) return current === null ? removed : null;
  return { state: "moved", code: current };
}

function currentCode(planId: number, kind: AddressKind, id: number): string | null {
  const db = getDb();
  if (kind === "indicator")
    return (
      db
        .select({ code: s.indicators.code })
        .from(s.indicators)
        .where(and(eq(s.indicators.id, id), eq(s.indicators.planId, planId)))
        .get()?.code ?? null
    );
  if (kind === "pillar") {
    const pillar = db
      .select({ number: s.pillars.number })
      .from(s.pillars)
      .where(and(eq(s.pillars.id, id), eq(s.pillars.planId, planId)))
      .get();
    return pillar ? String(pillar.number) : null;
  }
  const output = db
    .select({ pillar: s.pillars.number, number: s.outputs.number })
    .from(s.outputs)
    .innerJoin(s.pillars, eq(s.pillars.id, s.outputs.pillarId))
    .where(and(eq(s.outputs.id, id), eq(s.pillars.planId, planId)))
    .get();
  return output ? `${output.pillar}.${output.number}` : null;
}

const PUBLIC_PAGE = /^\/plans\/([a-z0-9-]{1,100})\/(pillars|outputs|indicators)\/([^/?#]{1,60})$/;
const KINDS = { pillars: "pillar", outputs: "output", indicators: "indicator" } as const;

/** For the custom server: is this public page address one of a removed record (answer 410)? */
export function isRemovedAddress(pathname: string): boolean {
  const match = PUBLIC_PAGE.exec(pathname);
  if (!match) return false;
  const [, slug, folder, raw] = match as unknown as [string, string, keyof typeof KINDS, string];
  let code: string;
  try {
    code = decodeURIComponent(raw);
  } catch {
    return false;
  }
  try {
    return lookUpFormerAddress(slug, KINDS[folder], code)?.state === "removed";
  } catch {
    return false;
  }
}
