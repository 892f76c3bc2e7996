"use client";

import { signIn } from "next-auth/react";
import { useId, useRef, useState } from "react";

export const GENERIC_FAILURE =
  "Sign-in failed. Check your e-mail address and password. After 5 failed attempts, sign-in is paused for 15 minutes.";

export function SignInForm({
  callbackUrl,
  initialError,
}: {
  callbackUrl: string;
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
      onSubmit={onSubmit}
      noValidate
      aria-describedby={error ? errorId : undefined}
    >
      {error ? (
        <div className="alert alert-error" role="alert" id={errorId} tabIndex={-1} ref={alertRef}>
          {error}
        </div>
      ) : null}
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
