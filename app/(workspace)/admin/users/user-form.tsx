"use client";

import Link from "next/link";
import { useActionState } from "react";
import { Field, FormMessage } from "@/app/_components/field";
import { ROLES, type Role } from "@/lib/domain/enums";
import { ROLE_LABELS } from "@/lib/users/labels";
import { createUserAction, type UserFormState, updateUserAction } from "./actions";

type Institution = { id: number; acronym: string; name: string };

export function UserForm({
  institutions,
  user,
}: {
  institutions: Institution[];
  user?: { id: number; email: string; name: string; role: Role; institutionId: number | null };
}) {
  const [state, action, pending] = useActionState<UserFormState, FormData>(
    user ? updateUserAction : createUserAction,
    { ok: false },
  );
  const values = state.values ?? {};
  const value = (key: string, fallback = "") => values[key] ?? fallback;
  const errors = state.fieldErrors ?? {};

  if (!user && state.ok) {
    return (
      <div className="card">
        <FormMessage ok message={state.message} />
        {state.link ? (
          <>
            <p>
              Send this one-time link to the person so they can choose their password. It works
              once, for 72 hours, and <strong>is shown only now</strong>.
            </p>
            <p className="secret" data-testid="password-link">
              {state.link}
            </p>
          </>
        ) : null}
        <p>
          <Link href={`/admin/users/${state.userId}`}>Open the account</Link> ·{" "}
          <Link href="/admin/users">Back to users</Link>
        </p>
      </div>
    );
  }

  // key: remount after a save so that defaults reflect what was stored.
  return (
    <form action={action} className="card form" noValidate key={state.ok ? "saved" : "editing"}>
      <FormMessage ok={state.ok} message={state.message} />
      {user ? <input type="hidden" name="id" value={user.id} /> : null}
      {user ? (
        <p>
          <strong>E-mail:</strong> {user.email}
        </p>
      ) : (
        <Field name="email" label="E-mail address" errors={errors.email}>
          {(props) => (
            <input
              {...props}
              type="email"
              autoComplete="off"
              defaultValue={value("email")}
              maxLength={254}
              required
            />
          )}
        </Field>
      )}
      <Field name="name" label="Name" errors={errors.name}>
        {(props) => (
          <input {...props} defaultValue={value("name", user?.name)} maxLength={120} required />
        )}
      </Field>
      <Field name="role" label="Role" errors={errors.role}>
        {(props) => (
          <select {...props} defaultValue={value("role", user?.role ?? "reporter")}>
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {ROLE_LABELS[role]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        name="institutionId"
        label="Institution"
        hint="Required for reporters; optional for others (a civil-society member's organisation)."
        errors={errors.institutionId}
      >
        {(props) => (
          <select
            {...props}
            defaultValue={value(
              "institutionId",
              user?.institutionId ? String(user.institutionId) : "",
            )}
          >
            <option value="">None</option>
            {institutions.map((institution) => (
              <option key={institution.id} value={institution.id}>
                {institution.acronym}: {institution.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <button className="button" type="submit" disabled={pending}>
        {pending ? "Saving…" : user ? "Save changes" : "Create account"}
      </button>
    </form>
  );
}
