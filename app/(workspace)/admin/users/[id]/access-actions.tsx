"use client";

import { useActionState } from "react";
import { FormMessage } from "@/app/_components/field";
import { resetPasswordAction, setUserActiveAction, type UserFormState } from "../actions";

export function AccessActions({
  userId,
  active,
  self,
}: {
  userId: number;
  active: boolean;
  self: boolean;
}) {
  const [activeState, toggle, toggling] = useActionState<UserFormState, FormData>(
    setUserActiveAction,
    { ok: false },
  );
  const [resetState, reset, resetting] = useActionState<UserFormState, FormData>(
    resetPasswordAction,
    { ok: false },
  );
  return (
    <div className="card">
      <FormMessage ok={activeState.ok} message={activeState.message} />
      {self ? (
        <p>You cannot deactivate your own account.</p>
      ) : (
        <form action={toggle}>
          <input type="hidden" name="id" value={userId} />
          <input type="hidden" name="active" value={active ? "false" : "true"} />
          <p>
            {active
              ? "Deactivating ends the person's sessions at once and stops them signing in."
              : "Reactivating lets the person sign in again with their password."}
          </p>
          <button className="button button-secondary" type="submit" disabled={toggling}>
            {active ? "Deactivate account" : "Reactivate account"}
          </button>
        </form>
      )}
      <hr />
      <FormMessage ok={resetState.ok} message={resetState.message} />
      {resetState.ok && resetState.link ? (
        <>
          <p>Send this one-time link to the person; it is shown only now and works for 72 hours.</p>
          <p className="secret" data-testid="password-link">
            {resetState.link}
          </p>
        </>
      ) : null}
      <form action={reset}>
        <input type="hidden" name="id" value={userId} />
        <p>
          Resetting removes the current password, ends all sessions and makes a new one-time link.
        </p>
        <button className="button button-secondary" type="submit" disabled={resetting}>
          Reset password
        </button>
      </form>
    </div>
  );
}
