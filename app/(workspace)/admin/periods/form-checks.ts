/**
 * Validation as the user types, for the reporting-period forms: the same zod schemas as the
 * server actions (plus the plan's rules the browser knows), shown for a field once the user has
 * changed it, tried to submit, or been refused; a server error the browser cannot see for itself
 * stays until the user changes that field.
 *
 * The forms dispatch their action by hand (inside a transition) rather than through React's
 * form action, which would reset the fields after every answer: the user's choices stay put.
 */
import { type FormEvent, startTransition, useState } from "react";
import type { z } from "zod";
import type { FormState } from "@/lib/server/form-action";
import { fieldErrorsOf } from "@/lib/server/validation";

export type FieldErrors = Record<string, string[] | undefined>;

/** A failed parse's messages, by top-level field (the one field-error shape). */
export const issuesByField = (error: z.ZodError | undefined): FieldErrors =>
  error ? fieldErrorsOf(error) : {};

export function useFormChecks(
  state: FormState,
  formAction: (data: FormData) => void,
  onAnswer?: (state: FormState) => void,
) {
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [attempted, setAttempted] = useState(false);
  // A new answer from the server: its errors count until the user edits the field again.
  const [answered, setAnswered] = useState(state);
  if (answered !== state) {
    setAnswered(state);
    setTouched(new Set());
    setAttempted(false);
    onAnswer?.(state);
  }
  return {
    touch: (name: string) => setTouched((previous) => new Set(previous).add(name)),
    errorsFor: (name: string, client: FieldErrors): string[] | undefined => {
      // After a refusal every problem the browser can see is shown, beside the server's own.
      const refused = !state.ok && state.message !== undefined;
      if (!(touched.has(name) || attempted || refused)) return undefined;
      return client[name] ?? (touched.has(name) ? undefined : state.fieldErrors?.[name]);
    },
    submit: (event: FormEvent<HTMLFormElement>) => {
      event.preventDefault();
      setAttempted(true);
      const data = new FormData(event.currentTarget);
      startTransition(() => formAction(data));
    },
  };
}
