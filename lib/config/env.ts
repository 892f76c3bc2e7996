/**
 * Settings from the environment, validated once with zod. Each problem becomes one line
 * that names the variable, so a misconfigured start-up says exactly what to fix.
 */
import path from "node:path";
import { z } from "zod";

export const DEFAULT_DATABASE_PATH = path.join("data", "nap-tracker.db");

const envSchema = z.object({
  DATABASE_PATH: z.string().trim().min(1, "must not be empty").default(DEFAULT_DATABASE_PATH),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  DEMO_PASSWORD: z
    .string()
    .min(12, "must be at least 12 characters")
    .max(128, "must be at most 128 characters")
    .optional(),
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
});

export type Env = z.infer<typeof envSchema>;

export class ConfigError extends Error {}

export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const cleaned = Object.fromEntries(
    Object.entries(source).filter(([, value]) => value !== undefined && value !== ""),
  );
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map(
      (issue) => `${issue.path.join(".") || "environment"}: ${issue.message}`,
    );
    throw new ConfigError(`Invalid configuration. ${lines.join("; ")}`);
  }
  return parsed.data;
}

/** The database file's absolute path. */
export function databasePath(env: Env = readEnv()): string {
  return path.resolve(env.DATABASE_PATH);
}
