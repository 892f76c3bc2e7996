/**
 * The one set of input rules every boundary shares: plain text, record ids, plan addresses,
 * indicator codes and reasons, and the one shape of field errors. Pure zod, no database: the
 * browser's forms check with the same schemas as they are typed (lib/<domain>/*-schema.ts build
 * on these), and the data layer, the one validator on the server, checks again.
 */
import { z } from "zod";
import { DetailedError } from "@/lib/errors";

// ─── Field errors ──────────────────────────────────────────────────────────────────────────

/**
 * The one field-error shape: every message of a field, by its top-level name (what
 * `z.flattenError(…).fieldErrors` gives); problems of the whole form are under `form`.
 */
export type FieldErrors = Record<string, string[]>;

/** A failed parse's messages in the one field-error shape. */
export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const flat = z.flattenError(error);
  const out: FieldErrors = {};
  for (const [key, messages] of Object.entries(flat.fieldErrors) as [string, string[]][])
    if (messages.length > 0) out[key] = messages;
  if (flat.formErrors.length > 0) out.form = flat.formErrors;
  return out;
}

/** The first message of each field, for a one-line summary. */
export const firstErrorOf = (errors: FieldErrors): string | undefined =>
  Object.values(errors).find((messages) => messages.length > 0)?.[0];

// ─── Plain text ────────────────────────────────────────────────────────────────────────────

/**
 * Invisible control characters (C0, DEL and C1) other than tab, line feed and carriage return:
 * nobody types them, they break exports and screen readers, and they can hide a different text
 * behind the one shown.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

export const CONTROL_CHARACTERS_MESSAGE = "This text contains invisible control characters.";

export const hasControlCharacters = (text: string): boolean => CONTROL.test(text);

/** Text a person types: trimmed, at most `max` characters, no control characters. */
export const plainText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `At most ${max} characters.`)
    .refine((text) => !hasControlCharacters(text), CONTROL_CHARACTERS_MESSAGE);

/** Plain text that must be given (`what`: "a title", "the person's name"). */
export const requiredText = (max: number, what: string) =>
  z
    .string({ error: `Enter ${what}.` })
    .trim()
    .min(1, `Enter ${what}.`)
    .max(max, `At most ${max} characters.`)
    .refine((text) => !hasControlCharacters(text), CONTROL_CHARACTERS_MESSAGE);

/** Plain text that may be left empty: absent or empty is null. */
export const optionalText = (max: number) =>
  plainText(max)
    .optional()
    .transform((text) => text || null);

// ─── Record ids ────────────────────────────────────────────────────────────────────────────

/**
 * A record id as it travels in an address or a form: the canonical decimal form of a positive
 * integer only (`12`), so one record has one address. `0x0c`, `012`, `1e1`, ` 12`, `12.0` and
 * `+12` are not ids (Number() would read them all as numbers).
 */
export const RECORD_ID_PATTERN = /^[1-9]\d{0,15}$/;

export const recordIdSchema = z
  .string({ error: "This record was not found." })
  .regex(RECORD_ID_PATTERN, "This record was not found.")
  .transform(Number)
  .refine(Number.isSafeInteger, "This record was not found.");

/** An id from an address, a form field or a caller: the number, or null when it is not one. */
export function parseRecordId(raw: unknown): number | null {
  if (typeof raw === "number") return Number.isSafeInteger(raw) && raw > 0 ? raw : null;
  const parsed = recordIdSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

/**
 * A schema field that takes a record id as a number or its canonical text; `message` when it is
 * neither ("This reporting period was not found.").
 */
export const recordIdField = (message = "This record was not found.") =>
  z.union(
    [
      z.number().int(message).positive(message).max(Number.MAX_SAFE_INTEGER, message),
      z
        .string()
        .regex(RECORD_ID_PATTERN, message)
        .transform(Number)
        .refine(Number.isSafeInteger, message),
    ],
    { error: message },
  );

export const recordIdInput = recordIdField();

// ─── Addresses and codes ───────────────────────────────────────────────────────────────────

/** A plan's address (`rwanda-nap-2018-2022`): lower-case letters and digits in dash-joined words. */
export const PLAN_SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const planSlugSchema = z
  .string()
  .max(100, "A plan address is at most 100 characters.")
  .regex(PLAN_SLUG_PATTERN, "A plan address is lower-case letters, digits and dashes.");

/** An indicator's code (`1.1.a`, `WPS-3`): what its public address is made of. */
export const INDICATOR_CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/;

export const indicatorCodeSchema = z
  .string()
  .regex(INDICATOR_CODE_PATTERN, "An indicator code is letters, digits, dots, dashes or _.");

// ─── Reasons ───────────────────────────────────────────────────────────────────────────────

export const REASON_MIN = 5;
export const REASON_MAX = 1000;
export const REASON_MESSAGE = `Write a reason (at least ${REASON_MIN} characters).`;

/** The one message of the reason rule, optionally saying what the reason is for. */
export const reasonMessage = (why?: string): string =>
  why ? `${why.replace(/[.:]$/, "")} (at least ${REASON_MIN} characters).` : REASON_MESSAGE;

/** Whether a reason says something: at least REASON_MIN characters that are not spaces. */
export const isReason = (text: string): boolean => text.replace(/\s/g, "").length >= REASON_MIN;

/**
 * A reason that is needed (returning a report, reopening a period, changing a published plan):
 * at least 5 characters besides spaces, at most 1000, plain text. `message` may say what the
 * reason is for; the rule and its "(at least 5 characters)" are the same everywhere.
 */
export const reasonSchema = (why?: string) => {
  const message = reasonMessage(why);
  return z
    .string({ error: message })
    .trim()
    .max(REASON_MAX, `At most ${REASON_MAX} characters.`)
    .refine((text) => !hasControlCharacters(text), CONTROL_CHARACTERS_MESSAGE)
    .refine(isReason, message);
};

/**
 * A reason that is needed only sometimes (`required`): when needed, the rule of reasonSchema;
 * otherwise any plain text up to 1000 characters, or none (null). Answers in the field-error shape.
 */
export function checkReason(
  raw: unknown,
  required: boolean,
  why?: string,
): { ok: true; reason: string | null } | { ok: false; fieldErrors: FieldErrors } {
  const text = typeof raw === "string" ? raw : "";
  const schema = required ? reasonSchema(why) : plainText(REASON_MAX);
  const parsed = schema.safeParse(text);
  if (!parsed.success)
    return { ok: false, fieldErrors: { reason: parsed.error.issues.map((i) => i.message) } };
  return { ok: true, reason: parsed.data || null };
}

// ─── The data layer's refusal ──────────────────────────────────────────────────────────────

export const CORRECT_FIELDS = "Please correct the fields marked below.";

/** The VALIDATION error the data layer throws: every problem, by field, in the one shape. */
export const invalidInput = (fieldErrors: FieldErrors, message = CORRECT_FIELDS) =>
  new DetailedError("VALIDATION", message, { fieldErrors });

/** Parses input with a schema, or throws invalidInput with every problem by field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw invalidInput(fieldErrorsOf(parsed.error));
  return parsed.data;
}

/**
 * A reason that must be given (returning, reopening): the text, or a VALIDATION error with the
 * reason rule's message on the `reason` field. `message` is the error's summary.
 */
export function requireReason(raw: unknown, why: string, message = why): string {
  const checked = checkReason(raw, true, why);
  if (!checked.ok) throw invalidInput(checked.fieldErrors, message);
  return checked.reason as string;
}
