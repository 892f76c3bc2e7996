import type { ReactNode } from "react";

/** A labelled form field with its hint and errors tied to the input for screen readers. */
export function Field({
  name,
  label,
  hint,
  errors,
  children,
}: {
  name: string;
  label: string;
  hint?: string;
  errors?: string[];
  children: (props: {
    id: string;
    name: string;
    "aria-invalid"?: true;
    "aria-describedby"?: string;
  }) => ReactNode;
}) {
  const id = `field-${name}`;
  const described = [hint ? `${id}-hint` : null, errors?.length ? `${id}-error` : null]
    .filter(Boolean)
    .join(" ");
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <span className="hint" id={`${id}-hint`}>
          {hint}
        </span>
      ) : null}
      {errors?.length ? (
        <span className="field-error" id={`${id}-error`}>
          {errors.join(" ")}
        </span>
      ) : null}
      {children({
        id,
        name,
        ...(errors?.length ? { "aria-invalid": true as const } : {}),
        ...(described ? { "aria-describedby": described } : {}),
      })}
    </div>
  );
}

export function FormMessage({ ok, message }: { ok: boolean; message?: string }) {
  if (!message) return null;
  return (
    <div className={`alert ${ok ? "alert-success" : "alert-error"}`} role={ok ? "status" : "alert"}>
      {message}
    </div>
  );
}
