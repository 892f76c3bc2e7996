/**
 * What scripts/server.ts refuses before Next sees a request: each check answers a 4xx with a
 * reason, never a 500. Pure functions over the method, path, headers and (for server actions)
 * the buffered body, so they are tested on their own (lib/http/request-guard.test.ts) and end to
 * end (e2e/malformed.spec.ts).
 */

export type Refusal = {
  status: 400 | 404 | 405 | 413 | 415;
  code: "VALIDATION" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "TOO_LARGE";
  reason: string;
  allow?: string;
};

/** Methods route handlers may implement; anything else is refused here. */
const KNOWN = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];
/** Methods that exist in HTTP but that this app never serves. */
const REFUSED = new Set(["TRACE", "TRACK", "CONNECT"]);
const PAGE_METHODS = "GET, HEAD, POST";

/** Server action bodies (multipart forms) may not exceed this: Next's default, unchanged in next.config.ts. */
export const ACTION_BODY_LIMIT = 1024 * 1024;

const HEX_ID = /^[0-9a-f]{40,50}$/i;

function refuse(status: Refusal["status"], reason: string, allow?: string): Refusal {
  const code =
    status === 404
      ? "NOT_FOUND"
      : status === 405
        ? "METHOD_NOT_ALLOWED"
        : status === 413
          ? "TOO_LARGE"
          : "VALIDATION";
  return { status, code, reason, ...(allow ? { allow } : {}) };
}

/** True for a Host (or X-Forwarded-Host) value that names a host, with an optional port. */
export function isValidHost(value: string): boolean {
  if (value.length === 0 || value.length > 255) return false;
  if (!/^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(:\d{1,5})?$/i.test(value)) return false;
  try {
    return new URL(`http://${value}`).host.length > 0;
  } catch {
    return false;
  }
}

/** True for an Origin header a browser can send: "null" or a scheme, host and optional port. */
export function isValidOrigin(value: string): boolean {
  if (value === "null") return true;
  try {
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && url.origin === value;
  } catch {
    return false;
  }
}

function one(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

export type RequestHead = {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
};

/** The kind of body a server action request carries, once its head has been accepted. */
export type ActionBody = "multipart-fetch" | "text-fetch" | "multipart-form";

/**
 * Checks a request's line and headers. Returns a refusal, or `{ body }` when the request is a
 * server action whose body must be read and checked (checkActionBody) before Next decodes it.
 */
export function checkHead(
  head: RequestHead,
  apiMethods: (path: string) => string[] | null,
): Refusal | { body: ActionBody | null } {
  const method = head.method.toUpperCase();
  const path = head.url.split("?")[0] ?? "/";
  const api = path === "/api" || path.startsWith("/api/");
  if (REFUSED.has(method)) return refuse(405, `method ${method} is not served`, allowFor(path));
  // An unknown method is the client's error (405 with the methods that are served), never a 5xx.
  if (!KNOWN.includes(method)) return refuse(405, `method ${method} is not served`, allowFor(path));
  if (!path.startsWith("/")) return refuse(400, "the request target is not a path");
  try {
    decodeURIComponent(path);
  } catch {
    return refuse(400, "the path has undecodable percent-encoding");
  }
  const host = one(head.headers.host);
  if (host === undefined || !isValidHost(host)) return refuse(400, "the Host header is not valid");
  const forwardedHost = one(head.headers["x-forwarded-host"]);
  if (forwardedHost !== undefined && !isValidHost(forwardedHost))
    return refuse(400, "the X-Forwarded-Host header is not valid");
  const origin = one(head.headers.origin);
  if (origin !== undefined && !isValidOrigin(origin))
    return refuse(400, "the Origin header is not valid");

  const contentType = (one(head.headers["content-type"]) ?? "").toLowerCase();
  const actionId = one(head.headers["next-action"]);
  const length = Number(one(head.headers["content-length"]) ?? "0");

  if (api) {
    // next-auth answers the credentials callback only by POST; a GET made it throw.
    if (path === "/api/auth/callback/credentials" && method !== "POST")
      return refuse(405, "sign-in takes a POST", "POST");
    if (actionId !== undefined) return refuse(400, "server actions are not served under /api");
    const methods = apiMethods(path);
    if (methods && !methods.includes(method))
      return refuse(405, `method ${method} is not allowed here`, methods.join(", "));
    return { body: null };
  }

  if (actionId !== undefined) {
    if (method !== "POST") return refuse(405, "server actions take a POST", "POST");
    if (!HEX_ID.test(actionId)) return refuse(400, "the Next-Action header is not an action id");
    const body: ActionBody | null = contentType.startsWith("multipart/form-data")
      ? "multipart-fetch"
      : contentType.startsWith("text/plain")
        ? "text-fetch"
        : null;
    if (!body) return refuse(400, "a server action body must be multipart/form-data");
    if (body === "multipart-fetch" && !/boundary=/.test(contentType))
      return refuse(400, "the multipart body has no boundary");
    if (length > ACTION_BODY_LIMIT) return refuse(413, "the server action body is too large");
    return { body };
  }

  if (method === "POST") {
    // A form posted without JavaScript names its server action in a `$ACTION_ID_…` field: only
    // such multipart forms are accepted by pages.
    if (!contentType.startsWith("multipart/form-data"))
      return refuse(405, "pages accept only server action forms", PAGE_METHODS);
    if (!/boundary=/.test(contentType)) return refuse(400, "the multipart body has no boundary");
    if (length > ACTION_BODY_LIMIT) return refuse(413, "the form body is too large");
    return { body: "multipart-form" };
  }
  if (method !== "GET" && method !== "HEAD")
    return refuse(405, `method ${method} is not allowed on pages`, PAGE_METHODS);
  return { body: null };
}

function allowFor(path: string): string {
  return path === "/api" || path.startsWith("/api/")
    ? "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS"
    : PAGE_METHODS;
}

/**
 * React's reply format (what `encodeReply` sends): part "0" holds the arguments as JSON, and
 * strings beginning with "$" refer to other parts or encode special values. Every action of this
 * app takes `(state, formData)` or `(formData)`: the arguments must be an array of one or two
 * whose last item is a FormData reference (`$K…`). References to parts must name parts that exist
 * and parse; unknown tags are refused, so that nothing Next fails to decode reaches it.
 */
function checkReply(root: string, parts: Map<string, string>): string | null {
  let args: unknown;
  try {
    args = JSON.parse(root);
  } catch {
    return "the action arguments are not JSON";
  }
  if (!Array.isArray(args) || args.length < 1 || args.length > 2)
    return "the action arguments are not (state, form) or (form)";
  const last = args[args.length - 1];
  if (typeof last !== "string" || !/^\$K[0-9a-f]+$/.test(last))
    return "the action's last argument is not a form";
  const seen = new Set<string>();
  let budget = 10_000;
  const visit = (value: unknown, depth: number): string | null => {
    if (--budget < 0 || depth > 64) return "the action arguments are nested too deeply";
    if (typeof value === "string") return visitString(value, depth);
    if (Array.isArray(value)) {
      for (const item of value) {
        const problem = visit(item, depth + 1);
        if (problem) return problem;
      }
      return null;
    }
    if (value && typeof value === "object") {
      for (const item of Object.values(value)) {
        const problem = visit(item, depth + 1);
        if (problem) return problem;
      }
    }
    return null;
  };
  const visitString = (value: string, depth: number): string | null => {
    if (!value.startsWith("$")) return null;
    if (
      value.startsWith("$$") ||
      ["$undefined", "$NaN", "$Infinity", "$-Infinity", "$-0", "$T"].includes(value)
    )
      return null;
    if (/^\$K[0-9a-f]+$/.test(value)) return null; // a FormData: its fields carry a prefix
    if (/^\$n-?\d+$/.test(value)) return null; // a BigInt
    if (/^\$D/.test(value)) return Number.isNaN(Date.parse(value.slice(2))) ? "bad date" : null;
    const reference = /^\$([@QW]?)([0-9a-f]+)$/.exec(value);
    if (!reference) return `the action arguments hold an unsupported value "${value.slice(0, 12)}"`;
    const key = String(Number.parseInt(reference[2] ?? "", 16));
    const part = parts.get(key);
    if (part === undefined) return "the action arguments refer to a missing part";
    if (seen.has(key)) return null;
    seen.add(key);
    let parsed: unknown;
    try {
      parsed = JSON.parse(part);
    } catch {
      return "a part of the action arguments is not JSON";
    }
    if ((reference[1] === "Q" || reference[1] === "W") && !Array.isArray(parsed))
      return "a Map or Set in the action arguments is not a list";
    return visit(parsed, depth + 1);
  };
  return visit(args, 0);
}

/**
 * Checks a server action's body (read whole, at most ACTION_BODY_LIMIT bytes) before Next decodes
 * it; `null` when Next may have it.
 */
export async function checkActionBody(
  kind: ActionBody,
  contentType: string,
  body: Buffer,
): Promise<Refusal | null> {
  if (kind === "text-fetch") {
    const problem = checkReply(body.toString("utf8"), new Map());
    return problem ? refuse(400, problem) : null;
  }
  let form: FormData;
  try {
    form = await new Response(new Uint8Array(body), {
      headers: { "content-type": contentType },
    }).formData();
  } catch {
    return refuse(400, "the multipart body cannot be parsed");
  }
  if (kind === "multipart-form") {
    const keys = [...form.keys()];
    const direct = keys.some((key) => /^\$ACTION_ID_[0-9a-f]{40,50}$/i.test(key));
    const bound = keys.find((key) => /^\$ACTION_REF_\d+$/.test(key));
    if (!direct && !bound)
      return refuse(405, "pages accept only server action forms", PAGE_METHODS);
    if (bound) {
      const prefix = `$ACTION_${bound.slice("$ACTION_REF_".length)}:`;
      const root = form.get(`${prefix}0`);
      if (typeof root !== "string") return refuse(400, "the bound server action has no reference");
      try {
        const reference = JSON.parse(root) as { id?: unknown; bound?: unknown };
        if (typeof reference?.id !== "string" || !HEX_ID.test(reference.id))
          return refuse(400, "the bound server action reference is not valid");
      } catch {
        return refuse(400, "the bound server action reference is not JSON");
      }
    }
    return null;
  }
  const root = form.get("0");
  if (typeof root !== "string") return refuse(400, "the action arguments are missing");
  const parts = new Map<string, string>();
  for (const [key, value] of form.entries()) {
    if (/^\d+$/.test(key) && typeof value === "string") parts.set(key, value);
  }
  const problem = checkReply(root, parts);
  return problem ? refuse(400, problem) : null;
}
