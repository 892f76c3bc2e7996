/**
 * Serves the built app (what `npm start` runs after scripts/prepare.ts).
 *
 * A thin wrapper around Next's request handler for one reason: Next only fills in
 * X-Forwarded-For when a request does not bring one, so a client could forge the address that
 * sign-in rate limiting and the audit log record. Here the socket's address is always the last
 * entry; with TRUSTED_PROXIES=N (N reverse proxies in front), the entries they added are kept
 * and lib/auth/client-address.ts reads the client's address N entries from the end.
 *
 * It also refuses malformed requests before Next sees them (lib/http/request-guard.ts): unknown
 * methods, undecodable paths, unparsable Host or Origin headers, server action bodies that are
 * too large or that Next could not decode, form posts to pages that name no action. Each refusal
 * is a 4xx (JSON under /api) and one warning line, never a stack trace. Error answers of /api
 * that Next makes without JSON (its HTML 404, empty 405s) become `{ error: { code, message } }`.
 */
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import path from "node:path";
import next from "next";
import { databasePath, readEnv } from "@/lib/config/env";
import { methodsFor, readApiRoutes } from "@/lib/http/api-routes";
import {
  ACTION_BODY_LIMIT,
  type ActionBody,
  checkActionBody,
  checkHead,
  type Refusal,
} from "@/lib/http/request-guard";
import { logger } from "@/lib/log/logger";
import { isRemovedAddress } from "@/lib/plans/addresses";

const env = readEnv();
const hostname = env.HOSTNAME;
const proxies = env.TRUSTED_PROXIES;

const app = next({ dev: false, hostname, port: env.PORT });
const handle = app.getRequestHandler();
const apiRoutes = readApiRoutes(path.join(process.cwd(), "app"));
const apiMethods = (pathname: string) => methodsFor(apiRoutes, pathname);

function isApi(url: string | undefined): boolean {
  const pathname = (url ?? "/").split("?")[0] ?? "/";
  return pathname === "/api" || pathname.startsWith("/api/");
}

/** Answers a refused request: JSON under /api, plain text elsewhere; one warning line. */
function answerRefusal(req: IncomingMessage, res: ServerResponse, refusal: Refusal) {
  logger.warn(
    {
      kind: "bad-request",
      requestId: req.headers["x-request-id"],
      method: req.method,
      path: (req.url ?? "/").split("?")[0],
      status: refusal.status,
      reason: refusal.reason,
    },
    "bad request",
  );
  if (res.headersSent) return;
  const message = `Bad request: ${refusal.reason}.`;
  const body = isApi(req.url)
    ? JSON.stringify({ error: { code: refusal.code, message } })
    : `${message}\n`;
  res.statusCode = refusal.status;
  res.setHeader("Content-Type", isApi(req.url) ? "application/json" : "text/plain; charset=utf-8");
  res.setHeader("Cache-Control", "no-store");
  res.setHeader("X-Content-Type-Options", "nosniff");
  if (refusal.allow) res.setHeader("Allow", refusal.allow);
  res.setHeader("Content-Length", Buffer.byteLength(body));
  res.end(req.method === "HEAD" ? undefined : body);
}

const API_ERRORS: Record<number, [string, string]> = {
  400: ["VALIDATION", "The request is not valid."],
  401: ["UNAUTHENTICATED", "Sign in first."],
  403: ["FORBIDDEN", "You may not do this."],
  404: ["NOT_FOUND", "There is no such API endpoint. See /api/v1/openapi.json."],
  405: ["METHOD_NOT_ALLOWED", "This method is not allowed here."],
  413: ["TOO_LARGE", "The request body is too large."],
};

/**
 * Error answers under /api that Next makes without a JSON body (its HTML 404 page, the empty 405
 * of a route handler without the method) are replaced by `{ error: { code, message } }`.
 */
function jsonApiErrors(req: IncomingMessage, res: ServerResponse) {
  const write = res.write.bind(res) as (...args: unknown[]) => boolean;
  const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
  const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => ServerResponse;
  let decided = false;
  let replacement: string | null = null;
  const decide = () => {
    if (decided) return;
    decided = true;
    const status = res.statusCode;
    const type = String(res.getHeader("content-type") ?? "");
    if (status < 400 || type.includes("json")) return;
    const [code, message] = API_ERRORS[status] ?? [
      status >= 500 ? "INTERNAL" : "VALIDATION",
      status >= 500 ? "Something went wrong on our side. Please try again later." : "Bad request.",
    ];
    if (status === 405 && !res.getHeader("allow")) {
      const methods = apiMethods((req.url ?? "/").split("?")[0] ?? "/");
      if (methods) res.setHeader("Allow", methods.join(", "));
    }
    replacement = JSON.stringify({ error: { code, message } });
    res.removeHeader("content-encoding");
    res.removeHeader("transfer-encoding");
    res.setHeader("Content-Type", "application/json");
    res.setHeader("Cache-Control", "no-store");
    res.setHeader("Content-Length", Buffer.byteLength(replacement));
  };
  res.writeHead = ((status: number, ...rest: unknown[]) => {
    res.statusCode = status;
    const headers = rest.find((item) => item !== null && typeof item === "object");
    if (Array.isArray(headers)) {
      for (let i = 0; i + 1 < headers.length; i += 2)
        res.setHeader(String(headers[i]), headers[i + 1] as string);
    } else if (headers) {
      for (const [name, value] of Object.entries(headers))
        if (value !== undefined) res.setHeader(name, value as string);
    }
    decide();
    const message = rest.find((item) => typeof item === "string");
    return message ? writeHead(status, message) : writeHead(status);
  }) as typeof res.writeHead;
  res.write = ((chunk: unknown, ...rest: unknown[]) => {
    decide();
    if (replacement === null) return write(chunk, ...rest);
    const callback = rest.find((item) => typeof item === "function") as (() => void) | undefined;
    callback?.();
    return true;
  }) as typeof res.write;
  res.end = ((...args: unknown[]) => {
    decide();
    if (replacement === null) return end(...args);
    const callback = args.find((item) => typeof item === "function") as (() => void) | undefined;
    return end(req.method === "HEAD" ? undefined : replacement, callback);
  }) as typeof res.end;
}

/**
 * Reads a server action's body whole (at most ACTION_BODY_LIMIT bytes, counted as they stream
 * in) without consuming the request: the parser's pushes are held back, checked, then handed on
 * to Next, which reads the request as it came. Over the limit answers 413; the rest of the body
 * is read and dropped so that the client sees the answer.
 */
/**
 * A removed record's public address (docs/architecture.md, "Stable public addresses"): the page says what was
 * removed and why, and the answer is 410 Gone, which a page cannot set itself. Only full page
 * loads: client navigations (RSC requests) keep Next's own status.
 */
function goneStatus(req: IncomingMessage, res: ServerResponse) {
  if ((req.method !== "GET" && req.method !== "HEAD") || req.headers.rsc !== undefined) return;
  if (!isRemovedAddress((req.url ?? "/").split("?")[0] ?? "/")) return;
  const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => ServerResponse;
  const write = res.write.bind(res) as (...args: unknown[]) => boolean;
  const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
  // Next sets the status either through writeHead or as statusCode before its first write.
  const gone = () => {
    if (!res.headersSent && res.statusCode === 200) res.statusCode = 410;
  };
  res.writeHead = ((status: number, ...rest: unknown[]) =>
    writeHead(status === 200 ? 410 : status, ...rest)) as typeof res.writeHead;
  res.write = ((...args: unknown[]) => {
    gone();
    return write(...args);
  }) as typeof res.write;
  res.end = ((...args: unknown[]) => {
    gone();
    return end(...args);
  }) as typeof res.end;
}

function holdActionBody(
  req: IncomingMessage,
  res: ServerResponse,
  kind: ActionBody,
  proceed: () => void,
) {
  const push = req.push.bind(req);
  const chunks: Buffer[] = [];
  let size = 0;
  let refused = false;
  req.push = ((chunk: Buffer | null) => {
    if (refused) {
      if (chunk === null) return push(null);
      size += chunk.length;
      if (size > 20 * ACTION_BODY_LIMIT) req.socket.destroy();
      return true;
    }
    if (chunk !== null) {
      size += chunk.length;
      if (size > ACTION_BODY_LIMIT) {
        refused = true;
        chunks.length = 0;
        res.setHeader("Connection", "close");
        answerRefusal(req, res, {
          status: 413,
          code: "TOO_LARGE",
          reason: "the server action body is too large",
        });
        return true;
      }
      chunks.push(Buffer.from(chunk));
      return true;
    }
    const body = Buffer.concat(chunks);
    const contentType = String(req.headers["content-type"] ?? "");
    checkActionBody(kind, contentType, body).then(
      (refusal) => {
        if (refusal) {
          push(null);
          answerRefusal(req, res, refusal);
          return;
        }
        req.push = push;
        if (body.length > 0) push(body);
        push(null);
        proceed();
      },
      () => {
        push(null);
        answerRefusal(req, res, {
          status: 400,
          code: "VALIDATION",
          reason: "the server action body cannot be read",
        });
      },
    );
    return true;
  }) as typeof req.push;
}

app
  .prepare()
  .then(() => {
    const server = createServer((req, res) => {
      const started = process.hrtime.bigint();
      // A request id from a trusted proxy is kept; otherwise each request gets its own.
      const incoming = req.headers["x-request-id"];
      const requestId =
        proxies > 0 && typeof incoming === "string" && /^[\w.-]{1,64}$/.test(incoming)
          ? incoming
          : randomUUID();
      req.headers["x-request-id"] = requestId;
      res.setHeader("X-Request-Id", requestId);
      res.on("finish", () => {
        logger.info(
          {
            kind: "request",
            requestId,
            method: req.method,
            // The path only: query strings can carry one-time tokens.
            path: (req.url ?? "/").split("?")[0],
            status: res.statusCode,
            ms: Number((process.hrtime.bigint() - started) / 1_000_000n),
          },
          "request",
        );
      });
      const socketAddress = req.socket.remoteAddress ?? "unknown";
      const forwarded = req.headers["x-forwarded-for"];
      const earlier =
        proxies > 0 && forwarded
          ? Array.isArray(forwarded)
            ? forwarded.join(", ")
            : forwarded
          : "";
      req.headers["x-forwarded-for"] = earlier ? `${earlier}, ${socketAddress}` : socketAddress;

      const checked = checkHead(
        { method: req.method ?? "", url: req.url ?? "/", headers: req.headers },
        apiMethods,
      );
      if ("status" in checked) {
        answerRefusal(req, res, checked);
        // Whatever body came with a refused request is read and dropped.
        req.resume();
        return;
      }
      if (isApi(req.url)) jsonApiErrors(req, res);
      else goneStatus(req, res);
      if (checked.body) holdActionBody(req, res, checked.body, () => void handle(req, res));
      else void handle(req, res);
    });
    // CONNECT never reaches the request handler: Node hands it to a "connect" listener, and
    // without one drops the socket. Answer it like any method this app does not serve.
    server.on("connect", (_req, socket) => {
      const body = "Bad request: method CONNECT is not served.\n";
      socket.on("error", () => socket.destroy());
      socket.end(
        `HTTP/1.1 405 Method Not Allowed\r\nAllow: GET, HEAD, POST\r\nContent-Type: text/plain; charset=utf-8\r\nCache-Control: no-store\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      );
    });
    server.on("error", (error: NodeJS.ErrnoException) => {
      const reason =
        error.code === "EADDRINUSE"
          ? `port ${env.PORT} on ${hostname} is already in use`
          : error.message;
      logger.fatal({ kind: "lifecycle", code: error.code }, `NAP Tracker cannot start: ${reason}`);
      console.error(
        `NAP Tracker cannot start: ${reason}. Set PORT to a free port or stop the other server.`,
      );
      process.exit(1);
    });
    server.listen(env.PORT, hostname, () => {
      // Tells `npm run restore` that the app is running on this database.
      const pidFile = `${databasePath(env)}.server.pid`;
      fs.writeFileSync(pidFile, String(process.pid));
      const removePidFile = () => fs.rmSync(pidFile, { force: true });
      process.on("exit", removePidFile);
      for (const signal of ["SIGINT", "SIGTERM"] as const) {
        process.on(signal, () => process.exit(0));
      }
      logger.info(
        {
          kind: "lifecycle",
          url: `http://${hostname === "0.0.0.0" ? "localhost" : hostname}:${env.PORT}`,
        },
        "NAP Tracker is ready",
      );
    });
  })
  .catch((error: unknown) => {
    logger.fatal({ kind: "lifecycle", err: error }, "NAP Tracker could not start");
    process.exit(1);
  });
