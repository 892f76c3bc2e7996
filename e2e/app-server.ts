/**
 * Starts the production build on a database of its own, copied from the base database that
 * e2e/global-setup.ts migrated and seeded once per run. Every Playwright worker gets one
 * (e2e/fixtures.ts), and specs that must own a server outright (its logs, its timers) start
 * another (e2e/own-server.ts).
 */
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { BASE_DIR, DEMO_PASSWORD, E2E_DATA } from "./support";

export type AppServer = {
  port: number;
  base: string;
  /** The folder of the server's database, session secret and uploads. */
  dataDir: string;
  dbPath: string;
  /** Everything the server wrote to stdout and stderr so far. */
  output: () => string;
  stop: () => Promise<void>;
};

/** A port nobody listens on now. */
export async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/** A fresh folder `name` under e2e/.data holding a copy of the base database and its secret. */
export function copyBaseDatabase(name: string): { dataDir: string; dbPath: string } {
  const dataDir = path.join(E2E_DATA, name);
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.mkdirSync(dataDir, { recursive: true });
  const dbPath = path.join(dataDir, "e2e.db");
  // The base was checkpointed and closed (no -wal, no -shm): the one file is the whole database.
  fs.copyFileSync(path.join(BASE_DIR, "e2e.db"), dbPath);
  fs.copyFileSync(path.join(BASE_DIR, ".auth-secret"), path.join(dataDir, ".auth-secret"));
  return { dataDir, dbPath };
}

export async function startAppServer(
  name: string,
  extraEnv: Record<string, string> = {},
): Promise<AppServer> {
  const { dataDir, dbPath } = copyBaseDatabase(name);
  const port = await freePort();
  let output = "";
  // Node itself, not npm or npx, so that stopping it stops the server.
  const child: ChildProcess = spawn(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", "scripts/server.ts"],
    {
      env: {
        ...process.env,
        NODE_ENV: "production",
        DATABASE_PATH: dbPath,
        DEMO_PASSWORD,
        PORT: String(port),
        HOSTNAME: "127.0.0.1",
        NEXT_TELEMETRY_DISABLED: "1",
        LOG_LEVEL: "error",
        ...extraEnv,
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  child.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  const base = `http://127.0.0.1:${port}`;
  const until = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The ${name} server exited:\n${output}`);
    try {
      if ((await fetch(`${base}/api/health`)).status === 200) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > until) {
      child.kill("SIGTERM");
      throw new Error(`The ${name} server did not answer within 90 s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    port,
    base,
    dataDir,
    dbPath,
    output: () => output,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    },
  };
}
