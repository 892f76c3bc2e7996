/**
 * Every setting comes from the environment and is validated here, once, with zod. Each problem
 * becomes one line naming the variable, so a misconfigured start-up says exactly what to fix.
 * `.env.example` lists and explains every variable.
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
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  DEFAULT_LANGUAGE: z.enum(["en", "fr", "rw"]).default("en"),
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
});

export type Env = z.infer<typeof envSchema>;

export class ConfigError extends Error {}

export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const known = Object.fromEntries(
    Object.keys(envSchema.shape)
      .map((key) => [key, source[key]])
      .filter(([, value]) => value !== undefined && value !== ""),
  );
  const parsed = envSchema.safeParse(known);
  if (!parsed.success) {
    const lines = parsed.error.issues.map(
      (issue) => `${issue.path.join(".") || "environment"}: ${issue.message}`,
    );
    throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  return parsed.data;
}

/** The database file's absolute path. */
export function databasePath(env: Env = readEnv()): string {
  return path.resolve(env.DATABASE_PATH);
}

/** The uploaded files' folder (absolute): UPLOADS_DIR, or `uploads` beside the database file. */
export function uploadsDir(env: Env = readEnv()): string {
  return path.resolve(env.UPLOADS_DIR ?? path.join(path.dirname(databasePath(env)), "uploads"));
}
