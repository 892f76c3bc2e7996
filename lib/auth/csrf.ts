/**
 * next-auth's CSRF token for the sign-in form, so that the form can post straight to
 * /api/auth/callback/credentials before (or without) its JavaScript.
 *
 * next-auth 4 uses the double-submit pattern (node_modules/next-auth/core/lib/csrf-token.js):
 * the cookie holds `token|sha256(token + secret)` and a POST must send the same `token` in its
 * body. A page cannot ask next-auth for a token itself (calling `getCsrfToken()` on the server
 * fetches /api/auth/csrf, and the cookie that answer sets never reaches the browser, so the two
 * would not match), and a Server Component cannot set cookies. So proxy.ts makes the pair here,
 * exactly as next-auth would, when a visit to /signin has no valid cookie; the page then reads
 * the token from that cookie. next-auth accepts the cookie as its own and keeps it.
 */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { authUrl } from "@/lib/config/env";

/** next-auth's cookie name: `__Host-` prefixed when it uses secure cookies (https). */
export function csrfCookieName(secure: boolean): string {
  return `${secure ? "__Host-" : ""}next-auth.csrf-token`;
}

/** Whether next-auth uses secure cookies: from PUBLIC_URL when set (it becomes NEXTAUTH_URL), else the request's protocol. */
export function usesSecureCookies(requestIsHttps: boolean): boolean {
  const publicUrl = authUrl();
  return publicUrl ? publicUrl.startsWith("https://") : requestIsHttps;
}

function tokenHash(token: string, secret: string): string {
  return createHash("sha256").update(`${token}${secret}`).digest("hex");
}

/** The token in a csrf cookie next-auth would accept, or null when the cookie is missing or forged. */
export function readCsrfToken(cookieValue: string | undefined, secret: string): string | null {
  if (!cookieValue) return null;
  const [token, hash] = cookieValue.split("|");
  if (!token || !hash) return null;
  const expected = Buffer.from(tokenHash(token, secret));
  const given = Buffer.from(hash);
  return given.length === expected.length && timingSafeEqual(given, expected) ? token : null;
}

/** A new token and the cookie value that goes with it. */
export function newCsrfCookie(secret: string): { token: string; value: string } {
  const token = randomBytes(32).toString("hex");
  return { token, value: `${token}|${tokenHash(token, secret)}` };
}
