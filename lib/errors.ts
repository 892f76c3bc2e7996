/**
 * The one error type the data-access layer throws. Route handlers and pages map its code to a
 * status and a clear message; anything else is logged and answered with a generic message.
 */
export const ERROR_CODES = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  VALIDATION: 400,
  CONFLICT: 409,
  /** A removed record's public address (docs/architecture.md, "Stable public addresses"). */
  GONE: 410,
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "AppError";
  }

  get status(): number {
    return ERROR_CODES[this.code];
  }
}

/** An error that carries extra JSON for the client (field errors, a conflict's details). */
export class DetailedError extends AppError {
  constructor(
    code: ErrorCode,
    message: string,
    readonly details: Record<string, unknown>,
  ) {
    super(code, message);
  }
}

/**
 * A CONFLICT because the form is stale: the record changed since the form was loaded (as opposed
 * to a conflict because data still uses a record). Forms offer to reload on it.
 */
export class StaleVersionError extends AppError {
  constructor(message: string) {
    super("CONFLICT", message);
    this.name = "StaleVersionError";
  }
}

export const notFound = (what: string) => new AppError("NOT_FOUND", `${what} was not found.`);
