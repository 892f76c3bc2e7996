/**
 * Convenience only: sends visitors without a session cookie to the sign-in page before the
 * signed-in areas render. It is never the access check: every page and data-access function
 * checks the session and the role on the server (lib/auth/policy.ts).
 */
import { type NextRequest, NextResponse } from "next/server";

const SESSION_COOKIES = ["next-auth.session-token", "__Secure-next-auth.session-token"];

export function proxy(request: NextRequest) {
  const hasSession = SESSION_COOKIES.some((name) => request.cookies.has(name));
  if (hasSession) return NextResponse.next();
  const url = request.nextUrl.clone();
  url.pathname = "/signin";
  url.search = `?callbackUrl=${encodeURIComponent(request.nextUrl.pathname + request.nextUrl.search)}`;
  return NextResponse.redirect(url);
}

export const config = {
  matcher: [
    "/workspace/:path*",
    "/review/:path*",
    "/dashboard/:path*",
    "/admin/:path*",
    "/account/:path*",
  ],
};
