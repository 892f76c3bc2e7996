"use client";

import Link from "next/link";
import { useEffect, useState } from "react";

type Session = { user?: { name?: string; role?: string } };

const HOME: Record<string, string> = {
  admin: "/admin",
  reviewer: "/review",
  reporter: "/workspace",
  cso: "/account",
};

/**
 * "Sign in", or the signed-in user's way back to their area. Read in the browser so that the
 * public pages stay the same for everyone (and cacheable).
 */
export function AccountLink() {
  const [session, setSession] = useState<Session | null>(null);
  useEffect(() => {
    let live = true;
    fetch("/api/auth/session", { cache: "no-store" })
      .then((response) => response.json() as Promise<Session>)
      .then((value) => live && setSession(value))
      .catch(() => live && setSession({}));
    return () => {
      live = false;
    };
  }, []);
  const role = session?.user?.role;
  if (role && HOME[role]) return <Link href={HOME[role]}>My area</Link>;
  return <Link href="/signin">Sign in</Link>;
}
