/**
 * A small in-process cache for the reads behind the public pages and the public API (plan list,
 * plan trees with every indicator's status, indicator data), so that a busy public site does
 * not recompute them on every request.
 *
 * Entries are keyed by the database's `public_token` (migration 0007): triggers on every table
 * these reads come from draw a new token in the same transaction as any write, so an answer is
 * reused only while its data is unchanged, and an approval shows on the very next request,
 * whichever code, script or import wrote it. Reading the token is one primary-key lookup.
 * Values are frozen: a caller that tried to change a shared answer would fail loudly.
 *
 * Pages themselves are still rendered per request: the content security policy's per-request
 * nonce (proxy.ts) rules out a static HTML cache.
 */
import "server-only";
import { getDb } from "@/db/client";

const MAX_ENTRIES = 500;
const entries = new Map<string, { token: string; value: unknown }>();

function currentToken(): string | null {
  const row = getDb()
    .$client.prepare("select value from app_settings where key = 'public_token'")
    .get() as { value: string } | undefined;
  return row?.value ?? null;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

/** The token of the published data as it is now, for ETags; null when it is missing. */
export function publicDataToken(): string | null {
  return currentToken();
}

/** `compute()`'s answer, reused while the public data it was computed from is unchanged. */
export function cachedRead<T>(key: string, compute: () => T): T {
  const token = currentToken();
  if (token === null) return compute();
  const hit = entries.get(key);
  if (hit && hit.token === token) {
    // Least recently used goes first: move the hit to the end.
    entries.delete(key);
    entries.set(key, hit);
    return hit.value as T;
  }
  const value = deepFreeze(compute());
  entries.set(key, { token, value });
  while (entries.size > MAX_ENTRIES) {
    const oldest = entries.keys().next().value;
    if (oldest === undefined) break;
    entries.delete(oldest);
  }
  return value;
}

/** Tests: forget every entry. */
export function clearPublicCache(): void {
  entries.clear();
}
