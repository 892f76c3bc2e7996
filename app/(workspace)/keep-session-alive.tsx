"use client";

import { useEffect } from "react";

const RENEW_EVERY_MS = 4 * 60_000;

/**
 * Sessions end after 30 idle minutes. While this tab is visible, ask for the session every few
 * minutes: next-auth then re-issues the cookie, and a revoked session sends the user to sign in.
 */
export function KeepSessionAlive() {
  useEffect(() => {
    const timer = window.setInterval(async () => {
      if (document.visibilityState !== "visible") return;
      try {
        const response = await fetch("/api/auth/session", { cache: "no-store" });
        const session = (await response.json()) as { user?: unknown };
        if (!session.user)
          window.location.assign(`/signin?callbackUrl=${encodeURIComponent(location.pathname)}`);
      } catch {
        // Offline: try again at the next tick.
      }
    }, RENEW_EVERY_MS);
    return () => window.clearInterval(timer);
  }, []);
  return null;
}
