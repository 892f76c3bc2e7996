/**
 * The shape every form action returns to `useActionState`: what went wrong, field by field,
 * and the values the user typed, so nothing is lost on an error.
 */
import { forbidden, unauthorized } from "next/navigation";
import type { z } from "zod";
import { AppError } from "@/lib/errors";

export type FormState<Extra = object> = {
  ok: boolean;
  message?: string;
  fieldErrors?: Record<string, string[]>;
  values?: Record<string, string>;
} & Partial<Extra>;

/** The text fields of a form submission (files and React's internal fields left out). */
export function formValues(formData: FormData, omit: string[] = []): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData.entries()) {
    if (typeof value === "string" && !key.startsWith("$") && !omit.includes(key))
      values[key] = value;
  }
  return values;
}

export function invalid(error: z.ZodError, values: Record<string, string>): FormState {
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? "form");
    fieldErrors[key] = [...(fieldErrors[key] ?? []), issue.message];
  }
  return { ok: false, message: "Please correct the fields marked below.", fieldErrors, values };
}

/**
 * Known errors become a message for the user; acting without a session or outside one's rights
 * answers 401 or 403 (already audited by the policy); anything else is logged and answered
 * generically.
 */
export function failed(error: unknown, values: Record<string, string>): FormState {
  if (error instanceof AppError && error.code === "UNAUTHENTICATED") unauthorized();
  if (error instanceof AppError && error.code === "FORBIDDEN") forbidden();
  if (error instanceof AppError) return { ok: false, message: error.message, values };
  console.error("Form action failed", error);
  return {
    ok: false,
    message: "Something went wrong on our side. Nothing was saved; please try again.",
    values,
  };
}
