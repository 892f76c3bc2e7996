import type { Metadata } from "next";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { csrfCookieName, readCsrfToken } from "@/lib/auth/csrf";
import { HOME_BY_ROLE, safeCallbackPath } from "@/lib/auth/redirects";
import { getAuthSecret } from "@/lib/auth/secret";
import { getViewer } from "@/lib/auth/session";
import { GENERIC_FAILURE } from "./messages";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

const searchSchema = z.object({
  callbackUrl: z.string().max(2000).optional().catch(undefined),
  error: z.string().max(100).optional().catch(undefined),
});

// next-auth redirects here with ?error=…: CredentialsSignin after a refused form post (wrong
// password, unknown account, paused after too many failures: one message for all, as the
// script shows), and others for a forged or missing CSRF token and the like.
const ERROR_MESSAGES: Record<string, string> = {
  CredentialsSignin: GENERIC_FAILURE,
  SessionRequired: "Please sign in to continue.",
};

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = searchSchema.parse(await searchParams);
  const viewer = await getViewer();
  if (viewer) redirect(safeCallbackPath(params.callbackUrl, HOME_BY_ROLE[viewer.role]));
  const message = params.error
    ? (ERROR_MESSAGES[params.error] ?? "Sign-in could not be completed. Please try again.")
    : null;
  // The CSRF token for the form's post without JavaScript: proxy.ts makes sure this request
  // carries a valid next-auth csrf cookie (either name, as next-auth picks by protocol).
  const jar = await cookies();
  const secret = getAuthSecret();
  const csrfToken =
    readCsrfToken(jar.get(csrfCookieName(true))?.value, secret) ??
    readCsrfToken(jar.get(csrfCookieName(false))?.value, secret) ??
    "";
  return (
    <div className="narrow">
      <h1>Sign in</h1>
      <p className="lead">
        For ministries' and agencies' focal points, the steering committee, civil-society members
        and the NAP secretariat. Everything approved is public and needs no account.
      </p>
      <SignInForm
        callbackUrl={safeCallbackPath(params.callbackUrl, "")}
        csrfToken={csrfToken}
        initialError={message}
      />
    </div>
  );
}
