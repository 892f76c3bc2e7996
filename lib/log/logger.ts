/**
 * Structured JSON logs (pino) on standard output: one line per request, error and security
 * event, each with the request id where there is one. Never passwords, tokens, cookies or
 * personal data: request logs carry the path without its query string, security events carry
 * user ids, not e-mail addresses or client addresses (those stay in the access-controlled audit
 * log).
 */
import pino from "pino";

const level = process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "silent" : "info");

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
