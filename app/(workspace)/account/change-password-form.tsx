"use client";

import Link from "next/link";
import { useActionState } from "react";
import { Field, FormMessage } from "@/app/_components/field";
import { NewPasswordFields } from "@/app/_components/password-fields";
import type { FormState } from "@/lib/server/form-action";
import { changePasswordAction } from "./actions";

export function ChangePasswordForm() {
  const [state, action, pending] = useActionState<FormState, FormData>(changePasswordAction, {
    ok: false,
  });
  const errors = state.fieldErrors ?? {};
  if (state.ok) {
    return (
      <div className="card">
        <FormMessage ok message={state.message} />
        <Link className="button" href="/signin">
          Sign in again
        </Link>
      </div>
    );
  }
  return (
    <form action={action} className="card form" noValidate>
      <FormMessage ok={false} message={state.message} />
      <Field name="current" label="Current password" errors={errors.current}>
        {(props) => (
          <input
            {...props}
            type="password"
            autoComplete="current-password"
            maxLength={1024}
            required
          />
        )}
      </Field>
      <NewPasswordFields errors={errors} />
      <button className="button" type="submit" disabled={pending}>
        {pending ? "Changing…" : "Change password"}
      </button>
    </form>
  );
}
