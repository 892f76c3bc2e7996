"use client";

import Link from "next/link";
import { useActionState } from "react";
import { FormMessage } from "@/app/_components/field";
import { NewPasswordFields } from "@/app/_components/password-fields";
import type { FormState } from "@/lib/server/form-action";
import { setPasswordAction } from "./actions";

export function SetPasswordForm({ token }: { token: string }) {
  const [state, action, pending] = useActionState<FormState, FormData>(setPasswordAction, {
    ok: false,
  });
  if (state.ok) {
    return (
      <div className="card">
        <FormMessage ok message={state.message} />
        <Link className="button" href="/signin">
          Sign in
        </Link>
      </div>
    );
  }
  return (
    <form action={action} className="card form" noValidate>
      <FormMessage ok={false} message={state.message} />
      <input type="hidden" name="token" value={token} />
      <NewPasswordFields errors={state.fieldErrors ?? {}} />
      <button className="button" type="submit" disabled={pending}>
        {pending ? "Saving…" : "Set password"}
      </button>
    </form>
  );
}
