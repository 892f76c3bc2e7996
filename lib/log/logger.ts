/**
 * Structured JSON logs (pino) on standard output: one line per request, error and security
 * event, each with the request id where there is one. Never passwords, tokens, cookies or
 * personal data: request logs carry the path without its query string, security events carry
 * user ids, not e-mail addresses or client addresses (those stay in the access-controlled audit
 * log).
 */
import pino from "pino";
import { ConfigError, logLevel } from "@/lib/config/env";

/**
 * Read when the module loads. A configuration that does not parse is reported, in one line, by
 * whoever starts the app (scripts/prepare.ts); the logger must not be the one to crash on it.
 */
function startupLevel(): string {
  try {
    return logLevel();
  } catch (error) {
    if (error instanceof ConfigError) return "info";
    throw error;
  }
}

const level = startupLevel();

export const logger = pino({
  level,
  base: { app: "nap-tracker" },
  timestamp: pino.stdTimeFunctions.isoTime,
  redact: {
    paths: [
      "password",
      "*.password",
      "token",
      "*.token",
      "cookie",
      "*.cookie",
      "headers.cookie",
      "headers.authorization",
      "email",
      "*.email",
    ],
    censor: "[redacted]",
  },
});

/** A security-relevant event (sign-in, refusal, session problem), without personal data. */
export function logSecurityEvent(event: string, details: Record<string, unknown> = {}) {
  logger.warn({ kind: "security", event, ...details }, event);
}
