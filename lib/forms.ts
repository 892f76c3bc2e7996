/**
 * The shape every form action returns to `useActionState`: what went wrong, field by field,
 * and the values the user typed, so nothing is lost on an error.
 */
import { forbidden, notFound, unauthorized } from "next/navigation";
import type { z } from "zod";
import { AppError, DetailedError } from "@/lib/errors";
import { logger } from "@/lib/log/logger";

export type FormState<Extra = object> = {
  ok: boolean;
  message?: string;
  fieldErrors?: Record<string, string[]>;
  values?: Record<string, string>;
} & Partial<Extra>;

/**
 * The guard every server action calls first on its form argument. Anyone can call an action over
 * HTTP with any arguments (scripts/server.ts already refuses calls whose last argument is not a
 * form, lib/http/request-guard.ts): a non-FormData here answers 404 (Next's only 4xx interrupts
 * are 401, 403 and 404) with one warning line, no stack trace and nothing stored, before any
 * session is looked up.
 */
export function formArgument(value: unknown): asserts value is FormData {
  if (value instanceof FormData) return;
  logger.warn(
    { kind: "bad-request", reason: "a server action's argument is not a form" },
    "bad request",
  );
  notFound();
}

/** The text fields of a form submission (files and React's internal fields left out). */
export function formValues(formData: FormData, omit: string[] = []): Record<string, string> {
  formArgument(formData);
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

/** The field errors a DetailedError carries (`details.fieldErrors`), as lists. */
function fieldErrorsOf(error: AppError): Record<string, string[]> | undefined {
  if (!(error instanceof DetailedError)) return undefined;
  const raw = error.details.fieldErrors;
  if (!raw || typeof raw !== "object") return undefined;
  const out: Record<string, string[]> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (typeof value === "string") out[key] = [value];
    else if (Array.isArray(value))
      out[key] = value.filter((v): v is string => typeof v === "string");
  }
  return out;
}

/**
 * Known errors become a message for the user; acting without a session or outside one's rights
 * answers 401 or 403 (already audited by the policy); anything else is logged and answered
 * generically.
 */
export function failed(error: unknown, values: Record<string, string>): FormState {
  if (error instanceof AppError && error.code === "UNAUTHENTICATED") unauthorized();
  if (error instanceof AppError && error.code === "FORBIDDEN") forbidden();
  if (error instanceof AppError)
    return { ok: false, message: error.message, fieldErrors: fieldErrorsOf(error), values };
  console.error("Form action failed", error);
  return {
    ok: false,
    message: "Something went wrong on our side. Nothing was saved; please try again.",
    values,
  };
}
