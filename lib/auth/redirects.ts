/** Where to go after signing in: only a path on this site, never another origin. */
export function safeCallbackPath(value: string | null | undefined, fallback = "/"): string {
  if (!value) return fallback;
  try {
    const url = new URL(value, "http://local.invalid");
    if (url.origin !== "http://local.invalid") return fallback;
    if (!url.pathname.startsWith("/") || url.pathname.startsWith("//")) return fallback;
    if (url.pathname.startsWith("/signin") || url.pathname.startsWith("/api/")) return fallback;
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return fallback;
  }
}

/** The landing page of each role after sign-in. */
export const HOME_BY_ROLE = {
  admin: "/admin",
  reviewer: "/review",
  reporter: "/workspace",
  cso: "/account",
} as const;
