/**
 * A server of a spec's own, on its own fresh demo database, for specs that must see every row
 * or log line the server writes (the shared test server is written to by specs running beside
 * them, and keeps its logs quiet). Uses the production build the shared server made.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { expect } from "@playwright/test";
import { DEMO_PASSWORD, E2E_DATA } from "./support";

export type OwnServer = {
  port: number;
  base: string;
  dbPath: string;
  /** Everything the server wrote to stdout and stderr so far. */
  output: () => string;
  stop: () => void;
};

/** A port nobody listens on now. */
async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

export async function startOwnServer(
  name: string,
  extraEnv: Record<string, string> = {},
): Promise<OwnServer> {
  const port = await freePort();
  const dir = path.join(E2E_DATA, name);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const dbPath = path.join(dir, `${name}.db`);
  const env = {
    ...process.env,
    DATABASE_PATH: dbPath,
    DEMO_PASSWORD,
    PORT: String(port),
    HOSTNAME: "127.0.0.1",
    LOG_LEVEL: "info",
    NAP_SKIP_BUILD: "1",
    ...extraEnv,
  };
  const prepared = spawnSync(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", "scripts/prepare.ts"],
    {
      env,
      encoding: "utf8",
    },
  );
  expect(prepared.status, prepared.stderr).toBe(0);
  let output = "";
  // Node itself, not npx, so that stopping it stops the server.
  const server: ChildProcess = spawn(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", "scripts/server.ts"],
    {
      env: { ...env, NODE_ENV: "production" },
    },
  );
  server.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  server.stderr?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  await expect.poll(() => output, { timeout: 60_000 }).toContain("NAP Tracker is ready");
  return {
    port,
    base: `http://127.0.0.1:${port}`,
    dbPath,
    output: () => output,
    stop: () => server.kill("SIGTERM"),
  };
}
