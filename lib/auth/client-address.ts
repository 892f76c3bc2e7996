/**
 * The client's address for rate limiting and the audit log. Our server (scripts/server.ts)
 * puts the socket's address last in X-Forwarded-For, so that entry cannot be forged. Behind
 * reverse proxies, TRUSTED_PROXIES is their number: the address is read that many entries
 * before the end, the one the outermost trusted proxy saw.
 */
import { readEnv } from "@/lib/config/env";

export function clientAddress(headers: Record<string, string | string[] | undefined> | Headers) {
  const raw =
    headers instanceof Headers
      ? headers.get("x-forwarded-for")
      : (() => {
          const value = headers["x-forwarded-for"];
          return Array.isArray(value) ? value.join(",") : value;
        })();
  const entries = (raw ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  const proxies = readEnv().TRUSTED_PROXIES;
  const address = entries[entries.length - 1 - proxies] ?? entries[0] ?? "unknown";
  return address.slice(0, 64);
}
