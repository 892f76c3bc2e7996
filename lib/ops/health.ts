/**
 * What /api/health reports: whether the database answers, which migration it is at, and the
 * app's version. Nothing secret: no paths, no settings, no counts of people.
 */
import "server-only";
import fs from "node:fs";
import path from "node:path";
import { getDb } from "@/db/client";
import { latestAppliedMigration, latestCodeMigration } from "@/db/migrate";

let version: string | undefined;
function appVersion(): string {
  if (!version) {
    const pkg = JSON.parse(fs.readFileSync(path.join(process.cwd(), "package.json"), "utf8")) as {
      version?: string;
    };
    version = pkg.version ?? "unknown";
  }
  return version;
}

export type Health =
  | { status: "ok"; database: "ok"; migration: string; version: string }
  | { status: "unavailable"; database: "error"; version: string };

export function checkHealth(): Health {
  try {
    const sqlite = getDb().$client;
    sqlite.prepare("select 1").get();
    const applied = latestAppliedMigration(sqlite);
    const code = latestCodeMigration();
    return {
      status: "ok",
      database: "ok",
      migration: applied === code.when ? code.tag : String(applied),
      version: appVersion(),
    };
  } catch {
    return { status: "unavailable", database: "error", version: appVersion() };
  }
}
