/**
 * The one way to write a server action. An action is a public endpoint: anyone can call it over
 * HTTP with any arguments. The wrapper
 * - refuses an argument that is not form data (404, before any session is read);
 * - reads which record the form addresses (`target`), and nothing else: the fields themselves
 *   are checked by the data layer, the one validator of input;
 * - calls the data layer with the viewer from the session;
 * - maps what comes back to one form state: `AppError` (401 and 403 interrupt the request, the
 *   rest become their message), validation errors (a thrown ZodError, a DetailedError carrying
 *   field errors, or a returned `{ ok: false, fieldErrors }`) in the one field-error shape, and
 *   stale-version errors (marked `conflict`, so the form offers to reload). What the user typed
 *   is always sent back.
 * `done` runs outside the error mapping, so it may `redirect` (which works by throwing).
 */
import "server-only";
import { forbidden, notFound, unauthorized } from "next/navigation";
import { z } from "zod";
import { getViewer } from "@/lib/auth/session";
import type { Viewer } from "@/lib/auth/viewer";
import { AppError, DetailedError, StaleVersionError } from "@/lib/errors";
import { logger } from "@/lib/log/logger";
import { type FieldErrors, fieldErrorsOf } from "./validation";

/** The state every form action returns to `useActionState`. */
export type FormState<Extra = object> = {
  ok: boolean;
  message?: string;
  fieldErrors?: FieldErrors;
  /** What the user typed, so nothing is lost on an error. */
  values?: Record<string, string>;
  /** The form is stale: someone changed the record since it was loaded. */
  conflict?: boolean;
} & Partial<Extra>;

export const NOT_SAVED = "Nothing was saved: please correct the fields marked below.";
export const NOT_FOUND_MESSAGE =
  "This record was not found: it may have been changed meanwhile. Reload the page.";
const GENERIC = "Something went wrong on our side. Nothing was saved; please try again.";

/**
 * The guard on an action's form argument. scripts/server.ts already refuses calls whose last
 * argument is not a form (lib/http/request-guard.ts); a non-FormData here answers 404 (Next's
 * only 4xx interrupts are 401, 403 and 404) with one warning line, no stack trace and nothing
 * stored, before any session is looked up.
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
export function formValues(
  formData: FormData,
  omit: readonly string[] = [],
): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData.entries()) {
    if (typeof value === "string" && !key.startsWith("$") && !omit.includes(key))
      values[key] = value;
  }
  return values;
}

/** Field errors a DetailedError carries (`details.fieldErrors`), in the one shape. */
function detailedFieldErrors(error: AppError): FieldErrors | undefined {
  if (!(error instanceof DetailedError)) return undefined;
  const raw = error.details.fieldErrors;
  if (!raw || typeof raw !== "object") return undefined;
  const out: FieldErrors = {};
  for (const [key, value] of Object.entries(raw)) {
    if (typeof value === "string") out[key] = [value];
    else if (Array.isArray(value))
      out[key] = value.filter((v): v is string => typeof v === "string");
  }
  return out;
}

/**
 * Any error as form state. Acting without a session or outside one's rights answers 401 or 403
 * (already audited by the policy); anything unknown is logged and answered generically.
 */
export function formError(error: unknown, values: Record<string, string> = {}): FormState {
  if (error instanceof AppError && error.code === "UNAUTHENTICATED") unauthorized();
  if (error instanceof AppError && error.code === "FORBIDDEN") forbidden();
  if (error instanceof z.ZodError)
    return { ok: false, message: NOT_SAVED, fieldErrors: fieldErrorsOf(error), values };
  if (error instanceof StaleVersionError)
    return { ok: false, message: error.message, conflict: true, values };
  if (error instanceof AppError) {
    const fieldErrors = detailedFieldErrors(error);
    return { ok: false, message: error.message, ...(fieldErrors ? { fieldErrors } : {}), values };
  }
  logger.error({ err: error }, "form action failed");
  return { ok: false, message: GENERIC, values };
}

/** A data-layer answer that refuses the input without throwing. */
type Refusal = { ok: false; fieldErrors?: FieldErrors; message?: string };

const isRefusal = (value: unknown): value is Refusal =>
  typeof value === "object" && value !== null && (value as { ok?: unknown }).ok === false;

/** The call of the data layer an action makes: with the viewer, the record, what was typed. */
type DataCall<Target, Result> = (
  viewer: Viewer,
  target: Target,
  values: Record<string, string>,
  formData: FormData,
) => Result | Promise<Result>;

type Spec<Target, Result, State> = {
  /** Which record the form addresses (`plan`, `id` …), parsed from its fields. */
  target?: z.ZodType<Target>;
  /** The message when the addressed record cannot be read from the form. */
  gone?: string;
  /** Fields never sent back to the browser (passwords, a large hidden file). */
  omit?: readonly string[];
  /** Values the form's fields stand for (a set of checkboxes as one value), kept like the rest. */
  derived?: (formData: FormData) => Record<string, string>;
  /** Calls the data layer, which checks the viewer and the fields. */
  run: DataCall<Target, Result>;
  /** Adjusts a refusal's form state (its summary message), when a form needs to. */
  failed?: (state: FormState) => NoInfer<State>;
  /** The answer on success: a message, a redirect, revalidated paths. */
  done: (
    result: Exclude<Result, Refusal>,
    target: Target,
    values: Record<string, string>,
  ) => NoInfer<State> | Promise<NoInfer<State>>;
};

/** A form action for `useActionState`: `(state, form) => state`. */
export function formAction<
  Target = undefined,
  Result = unknown,
  State extends FormState = FormState,
>(spec: Spec<Target, Result, State>): (state: State, formData: FormData) => Promise<State> {
  return async (_state, formData) => {
    formArgument(formData);
    const values = { ...formValues(formData, spec.omit), ...spec.derived?.(formData) };
    let target = undefined as Target;
    if (spec.target) {
      // The target may be in a field that is not sent back (the previewed file).
      const parsed = spec.target.safeParse({ ...formValues(formData), ...values });
      if (!parsed.success)
        return { ok: false, message: spec.gone ?? NOT_FOUND_MESSAGE, values } as State;
      target = parsed.data;
    }
    const refuse = (state: FormState): State =>
      spec.failed ? spec.failed(state) : (state as State);
    let result: Result;
    try {
      result = await spec.run(await getViewer(), target, values, formData);
    } catch (error) {
      return refuse(formError(error, values));
    }
    if (isRefusal(result))
      return refuse({
        ok: false,
        message: result.message ?? NOT_SAVED,
        fieldErrors: result.fieldErrors,
        values,
      });
    return spec.done(result as Exclude<Result, Refusal>, target, values);
  };
}

/**
 * A plain form action (`<form action>` without state: up and down buttons, "start"): works
 * without JavaScript. On an error, `failed` decides what the user sees (by default nothing: the
 * re-rendered page shows the current state); 401 and 403 interrupt as in formAction.
 */
export function plainFormAction<Target = undefined, Result = unknown>(spec: {
  target?: z.ZodType<Target>;
  run: DataCall<Target, Result>;
  done?: (result: Result, target: Target) => void;
  /** An error's form state (its message), e.g. to redirect with it; unset: ignored. */
  failed?: (state: FormState, target: Target) => void;
}): (formData: FormData) => Promise<void> {
  return async (formData) => {
    formArgument(formData);
    const values = formValues(formData);
    let target = undefined as Target;
    if (spec.target) {
      const parsed = spec.target.safeParse(values);
      if (!parsed.success) return;
      target = parsed.data;
    }
    let result: Result;
    try {
      result = await spec.run(await getViewer(), target, values, formData);
    } catch (error) {
      const state = formError(error, values);
      spec.failed?.(state, target);
      return;
    }
    spec.done?.(result, target);
  };
}
