/**
 * Serves the built app (what `npm start` runs after scripts/prepare.ts).
 *
 * A thin wrapper around Next's request handler for one reason: Next only fills in
 * X-Forwarded-For when a request does not bring one, so a client could forge the address that
 * sign-in rate limiting and the audit log record. Here the socket's address is always the last
 * entry; with TRUSTED_PROXIES=N (N reverse proxies in front), the entries they added are kept
 * and lib/auth/client-address.ts reads the client's address N entries from the end.
 */
import { createServer } from "node:http";
import next from "next";
import { readEnv } from "@/lib/config/env";

const env = readEnv();
const hostname = process.env.HOSTNAME ?? "0.0.0.0";
const proxies = Math.max(0, Number.parseInt(process.env.TRUSTED_PROXIES ?? "0", 10) || 0);

const app = next({ dev: false, hostname, port: env.PORT });
const handle = app.getRequestHandler();

app
  .prepare()
  .then(() => {
    createServer((req, res) => {
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
    }).listen(env.PORT, hostname, () => {
      console.log(
        `NAP Tracker is ready on http://${hostname === "0.0.0.0" ? "localhost" : hostname}:${env.PORT}`,
      );
    });
  })
  .catch((error: unknown) => {
    console.error("NAP Tracker could not start:", error);
    process.exit(1);
  });
