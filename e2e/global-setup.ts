/**
 * Runs once before any worker starts: the production build (only when the sources changed since
 * the last one) and one base database, migrated and seeded as `npm start` does it. Each worker
 * then serves a copy of that database on a port of its own (e2e/fixtures.ts), so specs in
 * different workers never see each other's writes.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { buildApp, needsBuild } from "../scripts/lib/build-hash";
import { BASE_DIR, DEMO_PASSWORD, E2E_DATA } from "./support";

export default function globalSetup() {
  if (needsBuild()) {
    console.log("Building the app for the end-to-end tests …");
    buildApp();
  }
  fs.rmSync(E2E_DATA, { recursive: true, force: true });
  fs.mkdirSync(BASE_DIR, { recursive: true });
  const dbPath = path.join(BASE_DIR, "e2e.db");
  // What `npm start` runs first (migrations, demo data, session secret), without the build check.
  const prepared = spawnSync(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", "scripts/prepare.ts"],
    {
      env: {
        ...process.env,
        DATABASE_PATH: dbPath,
        DEMO_PASSWORD,
        NAP_SKIP_BUILD: "1",
        LOG_LEVEL: "error",
      },
      encoding: "utf8",
    },
  );
  if (prepared.status !== 0)
    throw new Error(
      `The base database could not be prepared:\n${prepared.stdout}${prepared.stderr}`,
    );
  // Fold the WAL into the main file and close: a plain file copy is then the whole database.
  const db = new Database(dbPath, { fileMustExist: true });
  db.pragma("wal_checkpoint(TRUNCATE)");
  db.close();
  for (const companion of ["-wal", "-shm"])
    if (fs.existsSync(`${dbPath}${companion}`))
      throw new Error(`The base database still has a ${companion} file`);
}
