/**
 * Runs before every page and route handler:
 *
 * 1. Security headers, with a content security policy whose script nonce is new for every
 *    request (Next.js reads it from the request's CSP header and puts it on its own scripts).
 *    No inline script runs without the nonce; styles may be inline (no script can be).
 * 2. Convenience only: visitors without a session cookie are sent to sign in before a signed-in
 *    area renders. This is never the access check: every page and data-access function checks
 *    the session and the role on the server (lib/auth/policy.ts).
 * 3. The sign-in page: a next-auth CSRF cookie when there is no valid one (lib/auth/csrf.ts), so
 *    that its form works without JavaScript; and credentials in its address (an old form, a
 *    bookmark) are dropped by a redirect rather than rendered or kept in the page's URL.
 */
import { type NextRequest, NextResponse } from "next/server";
import { csrfCookieName, newCsrfCookie, readCsrfToken, usesSecureCookies } from "@/lib/auth/csrf";
import { getAuthSecret } from "@/lib/auth/secret";

const SESSION_COOKIES = ["next-auth.session-token", "__Secure-next-auth.session-token"];
const SIGNED_IN_AREAS = [
  "/workspace",
  "/review",
  "/dashboard",
  "/admin",
  "/account",
  "/notifications",
];

function contentSecurityPolicy(nonce: string, https: boolean) {
  const dev = process.env.NODE_ENV === "development";
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

function isHttps(request: NextRequest) {
  return (
    request.nextUrl.protocol === "https:" ||
    request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim() === "https"
  );
}

export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const https = isHttps(request);
  const nonce = btoa(crypto.randomUUID());
  const csp = contentSecurityPolicy(nonce, https);

  const inSignedInArea = SIGNED_IN_AREAS.some(
    (area) => pathname === area || pathname.startsWith(`${area}/`),
  );
  const hasSession = SESSION_COOKIES.some((name) => request.cookies.has(name));

  const onSignIn = pathname === "/signin" && request.method === "GET";
  let csrf: { name: string; value: string; secure: boolean } | null = null;
  if (onSignIn) {
    const secure = usesSecureCookies(https);
    const name = csrfCookieName(secure);
    if (readCsrfToken(request.cookies.get(name)?.value, getAuthSecret()) === null) {
      csrf = { name, value: newCsrfCookie(getAuthSecret()).value, secure };
      // The page reads the token from this request's cookies, so it renders the new one.
      request.cookies.set(name, csrf.value);
    }
  }
  const params = request.nextUrl.searchParams;

  let response: NextResponse;
  if (onSignIn && (params.has("password") || params.has("email"))) {
    const url = request.nextUrl.clone();
    const callbackUrl = params.get("callbackUrl");
    url.search = callbackUrl ? `?callbackUrl=${encodeURIComponent(callbackUrl)}` : "";
    response = NextResponse.redirect(url, 303);
    response.headers.set("Cache-Control", "no-store");
    response.headers.set("Referrer-Policy", "no-referrer");
  } else if (inSignedInArea && !hasSession) {
    const url = request.nextUrl.clone();
    url.pathname = "/signin";
    url.search = `?callbackUrl=${encodeURIComponent(pathname + search)}`;
    response = NextResponse.redirect(url);
  } else {
    const headers = new Headers(request.headers);
    headers.set("x-nonce", nonce);
    headers.set("Content-Security-Policy", csp);
    response = NextResponse.next({ request: { headers } });
  }
  if (csrf) {
    // As next-auth sets it (core/lib/cookie.js): HttpOnly, SameSite=Lax, a session cookie.
    response.cookies.set(csrf.name, csrf.value, {
      httpOnly: true,
      sameSite: "lax",
      path: "/",
      secure: csrf.secure,
    });
  }
  response.headers.set("Content-Security-Policy", csp);
  if (https)
    response.headers.set("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
  return response;
}

export const config = {
  // Everything except Next's static files (their headers come from next.config.ts).
  // Evidence uploads are left out too: Next buffers a body for the proxy only up to 10 MB and
  // hands the route a cut-off body beyond that. Those routes answer JSON and files with their
  // own headers (lib/evidence/http.ts), and no page lives under them.
  matcher: [{ source: "/((?!_next/static|_next/image|favicon.ico|api/reports/[^/]+/evidence).*)" }],
};
