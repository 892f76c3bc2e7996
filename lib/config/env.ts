/**
 * Every setting comes from the environment and is validated here, with zod; nothing else in the
 * app reads `process.env` for a setting. Each problem becomes one line naming the variable, so a
 * misconfigured start-up says exactly what to fix. `.env.example` lists and explains every
 * variable.
 *
 * Parsed once: `readEnv()` keeps the last result and parses again only when one of the variables
 * it reads has changed, which in a running app is never (tests point DATABASE_PATH at a copy per
 * test, and `lib/auth/options.ts` fills in NEXTAUTH_URL for next-auth).
 */
import path from "node:path";
import { z } from "zod";

export const DEFAULT_DATABASE_PATH = path.join("data", "nap-tracker.db");

const optionalText = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === "" ? undefined : value.trim()));

const envSchema = z.object({
  DATABASE_PATH: z.string().trim().min(1, "must not be empty").default(DEFAULT_DATABASE_PATH),
  UPLOADS_DIR: optionalText,
  EVIDENCE_MAX_MB: z.coerce.number().int().min(1).max(100).default(10),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOSTNAME: z.string().trim().min(1).default("0.0.0.0"),
  PUBLIC_URL: optionalText.pipe(
    z
      .url({
        protocol: /^https?$/,
        message: "must be the app's address, e.g. https://nap.example.gov",
      })
      .optional(),
  ),
  AUTH_SECRET: optionalText.pipe(z.string().min(32, "must be at least 32 characters").optional()),
  /** next-auth's own names, still honoured: AUTH_SECRET and PUBLIC_URL are the ones to set. */
  NEXTAUTH_SECRET: optionalText.pipe(
    z.string().min(32, "must be at least 32 characters").optional(),
  ),
  NEXTAUTH_URL: optionalText,
  DEMO_PASSWORD: optionalText.pipe(
    z
      .string()
      .min(12, "must be at least 12 characters")
      .max(128, "must be at most 128 characters")
      .optional(),
  ),
  SMTP_URL: optionalText.pipe(
    z
      .url({
        protocol: /^smtps?$/,
        message: "must look like smtp://user:password@host:587 or smtps://…",
      })
      .optional(),
  ),
  MAIL_FROM: optionalText,
  /** Days before a reporting deadline on which reporters are reminded, e.g. "7,1". */
  REMINDER_DAYS: z
    .string()
    .default("7,1")
    .transform((value) =>
      value
        .split(",")
        .map((part) => part.trim())
        .filter((part) => part !== "")
        .map(Number),
    )
    .pipe(
      z
        .array(
          z
            .number({ error: "must be whole numbers of days, e.g. 7,1" })
            .int("must be whole numbers of days, e.g. 7,1")
            .min(0, "must not be negative")
            .max(365, "must be at most 365 days"),
        )
        .min(1, "must name at least one day, e.g. 7,1")
        .max(10, "must name at most 10 days")
        .transform((days) => [...new Set(days)].sort((a, b) => b - a)),
    ),
  /** How often the app checks for reminders and e-mails to send; 0 turns the loop off. */
  REMINDER_INTERVAL_SECONDS: z.coerce.number().int().min(0).max(86_400).default(300),
  BACKUP_DIR: optionalText,
  BACKUP_KEEP: z.coerce.number().int().min(1).max(1000).default(14),
  TRUSTED_PROXIES: z.coerce.number().int().min(0).max(10).default(0),
  /** Unset: `info`, or `silent` under NODE_ENV=test (see `logLevel`). */
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).optional(),
  DEFAULT_LANGUAGE: z.enum(["en", "fr", "rw"]).default("en"),
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
});

export type Env = z.infer<typeof envSchema>;

export class ConfigError extends Error {}

let last: { key: string; env: Env } | undefined;

export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const known = Object.fromEntries(
    Object.keys(envSchema.shape)
      .map((key) => [key, source[key]])
      .filter(([, value]) => value !== undefined && value !== ""),
  );
  const key = JSON.stringify(known);
  if (last?.key === key) return last.env;
  const parsed = envSchema.safeParse(known);
  if (!parsed.success) {
    const lines = parsed.error.issues.map(
      (issue) => `${issue.path.join(".") || "environment"}: ${issue.message}`,
    );
    throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  // Shared by every caller from now on, so nobody may change it.
  Object.freeze(parsed.data.REMINDER_DAYS);
  last = { key, env: Object.freeze(parsed.data) };
  return parsed.data;
}

/** How much the logs say: LOG_LEVEL, else `info` (`silent` while unit tests run). */
export function logLevel(env: Env = readEnv()): NonNullable<Env["LOG_LEVEL"]> {
  return env.LOG_LEVEL ?? (env.NODE_ENV === "test" ? "silent" : "info");
}

/** The secret that signs sessions when one is configured (AUTH_SECRET, else NEXTAUTH_SECRET). */
export function configuredAuthSecret(env: Env = readEnv()): string | undefined {
  return env.AUTH_SECRET ?? env.NEXTAUTH_SECRET;
}

/** The address next-auth builds its links from: NEXTAUTH_URL when set, else PUBLIC_URL. */
export function authUrl(env: Env = readEnv()): string | undefined {
  return env.NEXTAUTH_URL ?? env.PUBLIC_URL;
}

/** The database file's absolute path. */
export function databasePath(env: Env = readEnv()): string {
  return path.resolve(env.DATABASE_PATH);
}

/** The uploaded files' folder (absolute): UPLOADS_DIR, or `uploads` beside the database file. */
export function uploadsDir(env: Env = readEnv()): string {
  return path.resolve(env.UPLOADS_DIR ?? path.join(path.dirname(databasePath(env)), "uploads"));
}
