import type { Metadata } from "next";
import { z } from "zod";
import { SetPasswordForm } from "./set-password-form";

export const metadata: Metadata = { title: "Choose your password", referrer: "no-referrer" };

const searchSchema = z.object({ token: z.string().min(20).max(200).optional().catch(undefined) });

export default async function SetPasswordPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { token } = searchSchema.parse(await searchParams);
  return (
    <div className="narrow">
      <h1>Choose your password</h1>
      {token ? (
        <SetPasswordForm token={token} />
      ) : (
        <p className="alert alert-error" role="alert">
          This link is incomplete. Open the whole link you were sent, or ask the NAP secretariat for
          a new one.
        </p>
      )}
    </div>
  );
}
