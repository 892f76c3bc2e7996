/**
 * Starts the app for end-to-end tests as `npm start` does (migrate, seed, build when needed,
 * `next start`), on a fresh database under e2e/.data so that every run begins from the seed.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import { DEMO_PASSWORD, E2E_DATA, E2E_DB } from "./support";

fs.rmSync(E2E_DATA, { recursive: true, force: true });
fs.mkdirSync(E2E_DATA, { recursive: true });

const env = {
  ...process.env,
  DATABASE_PATH: E2E_DB,
  DEMO_PASSWORD,
  PORT: process.env.E2E_PORT ?? "3210",
  NEXT_TELEMETRY_DISABLED: "1",
  // Keep the test output readable; e2e/logs.spec.ts checks the logs on a server of its own.
  LOG_LEVEL: "error",
};

const child = spawn("npm", ["start"], { env: { ...env, HOSTNAME: "127.0.0.1" }, stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
child.on("exit", (code) => process.exit(code ?? 1));
