import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { z } from "zod";
import { HOME_BY_ROLE, safeCallbackPath } from "@/lib/auth/redirects";
import { getViewer } from "@/lib/auth/session";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

const searchSchema = z.object({
  callbackUrl: z.string().max(2000).optional().catch(undefined),
  error: z.string().max(100).optional().catch(undefined),
});

// next-auth redirects here with ?error=… for a forged or missing CSRF token and the like.
const ERROR_MESSAGES: Record<string, string> = {
  CredentialsSignin: "Sign-in failed. Check your e-mail address and password.",
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
  return (
    <div className="narrow">
      <h1>Sign in</h1>
      <p className="lead">
        For ministries' and agencies' focal points, the steering committee, civil-society members
        and the NAP secretariat. Everything approved is public and needs no account.
      </p>
      <SignInForm callbackUrl={safeCallbackPath(params.callbackUrl, "")} initialError={message} />
    </div>
  );
}
