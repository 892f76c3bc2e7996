"use client";

import { signIn } from "next-auth/react";
import { useId, useRef, useState } from "react";
import { GENERIC_FAILURE } from "./messages";

/**
 * Posts to next-auth's credentials callback by itself, so that it signs in before its script
 * has run or without one, and a password never lands in an address. The script, once running,
 * takes over (no page reload, the error shown in place, the e-mail kept).
 */
export function SignInForm({
  callbackUrl,
  csrfToken,
  initialError,
}: {
  callbackUrl: string;
  csrfToken: string;
  initialError: string | null;
}) {
  const [error, setError] = useState<string | null>(initialError);
  const [pending, setPending] = useState(false);
  const errorId = useId();
  const alertRef = useRef<HTMLDivElement>(null);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const email = String(data.get("email") ?? "");
    const password = String(data.get("password") ?? "");
    if (!email || !password) {
      setError("Enter your e-mail address and your password.");
      return;
    }
    setPending(true);
    setError(null);
    try {
      const result = await signIn("credentials", { email, password, redirect: false });
      if (!result || result.error || !result.ok) {
        setError(GENERIC_FAILURE);
        alertRef.current?.focus();
        return;
      }
      // A full navigation, so every part of the page (the header too) reads the new session.
      // Without a page asked for, /signin sends each role to its own area.
      window.location.assign(callbackUrl || "/signin");
    } catch {
      setError("The server could not be reached. Check your connection and try again.");
    } finally {
      setPending(false);
    }
  }

  return (
    <form
      className="card form"
      method="post"
      action="/api/auth/callback/credentials"
      onSubmit={onSubmit}
      noValidate
      aria-describedby={error ? errorId : undefined}
    >
      {error ? (
        <div className="alert alert-error" role="alert" id={errorId} tabIndex={-1} ref={alertRef}>
          {error}
        </div>
      ) : null}
      <input type="hidden" name="csrfToken" value={csrfToken} />
      {/* Without a page asked for, /signin sends each role to its own area. */}
      <input type="hidden" name="callbackUrl" value={callbackUrl || "/signin"} />
      <div className="field">
        <label htmlFor="email">E-mail address</label>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="username"
          required
          maxLength={254}
        />
      </div>
      <div className="field">
        <label htmlFor="password">Password</label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          maxLength={1024}
        />
      </div>
      <button type="submit" className="button" disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
