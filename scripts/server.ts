/**
 * Serves the built app (what `npm start` runs after scripts/prepare.ts).
 *
 * A thin wrapper around Next's request handler for one reason: Next only fills in
 * X-Forwarded-For when a request does not bring one, so a client could forge the address that
 * sign-in rate limiting and the audit log record. Here the socket's address is always the last
 * entry; with TRUSTED_PROXIES=N (N reverse proxies in front), the entries they added are kept
 * and lib/auth/client-address.ts reads the client's address N entries from the end.
 */
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import { createServer } from "node:http";
import next from "next";
import { databasePath, readEnv } from "@/lib/config/env";
import { logger } from "@/lib/log/logger";

const env = readEnv();
const hostname = process.env.HOSTNAME ?? "0.0.0.0";
const proxies = Math.max(0, Number.parseInt(process.env.TRUSTED_PROXIES ?? "0", 10) || 0);

const app = next({ dev: false, hostname, port: env.PORT });
const handle = app.getRequestHandler();

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
      void handle(req, res);
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
