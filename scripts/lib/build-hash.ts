/** Decides whether `npm start` must build: when no build exists or the sources changed since. */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { assertBrowserFilesClean } from "./browser-files";

const SOURCES = [
  "app",
  "lib",
  "db",
  "public",
  "package-lock.json",
  "next.config.ts",
  "tsconfig.json",
  "proxy.ts",
];
const STAMP = path.join(".next", "nap-source-hash");

function walk(entry: string, hash: ReturnType<typeof createHash>) {
  if (!fs.existsSync(entry)) return;
  const stat = fs.statSync(entry);
  if (stat.isDirectory()) {
    for (const child of fs.readdirSync(entry).sort()) walk(path.join(entry, child), hash);
  } else {
    hash.update(entry);
    hash.update(fs.readFileSync(entry));
  }
}

export function sourceHash(): string {
  const hash = createHash("sha256");
  for (const source of SOURCES) walk(source, hash);
  return hash.digest("hex");
}

export function needsBuild(): boolean {
  if (!fs.existsSync(path.join(".next", "BUILD_ID"))) return true;
  return !fs.existsSync(STAMP) || fs.readFileSync(STAMP, "utf8") !== sourceHash();
}

export function recordBuild(): void {
  fs.writeFileSync(STAMP, sourceHash());
}

/**
 * Runs `next build`, checks that no browser file holds the database schema, and records the
 * sources it was built from (a build that fails the check is not recorded, so it is redone).
 */
export function buildApp(): void {
  execFileSync(process.execPath, [require.resolve("next/dist/bin/next"), "build"], {
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
  });
  assertBrowserFilesClean();
  recordBuild();
}
