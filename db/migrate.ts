/**
 * Applies the committed drizzle-kit migrations, refusing a database that was migrated by a
 * newer version of the code: running old code on a newer schema can silently lose data.
 */
import "server-only";
import fs from "node:fs";
import path from "node:path";
import type Database from "better-sqlite3";
import type { BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { readMigrationFiles } from "drizzle-orm/migrator";

export const MIGRATIONS_FOLDER = path.join(process.cwd(), "db", "migrations");

export class MigrationError extends Error {}

type MigratableDb = BetterSQLite3Database<Record<string, unknown>> & {
  $client: Database.Database;
};

/** The newest migration the code knows: its tag (e.g. `0000_foundation`) and timestamp. */
export function latestCodeMigration(folder = MIGRATIONS_FOLDER): { tag: string; when: number } {
  const migrations = readMigrationFiles({ migrationsFolder: folder });
  const last = migrations.at(-1);
  if (!last) throw new MigrationError(`No migrations found in ${folder}.`);
  // The journal names the tag; readMigrationFiles only gives the timestamp.
  const journal = JSON.parse(
    fs.readFileSync(path.join(folder, "meta", "_journal.json"), "utf8"),
  ) as {
    entries: { tag: string; when: number }[];
  };
  const entry = journal.entries.find((e) => e.when === last.folderMillis);
  return { tag: entry?.tag ?? String(last.folderMillis), when: last.folderMillis };
}

/** The newest migration applied to the database, or null for an empty database. */
export function latestAppliedMigration(sqlite: Database.Database): number | null {
  const table = sqlite
    .prepare(
      "select name from sqlite_master where type = 'table' and name = '__drizzle_migrations'",
    )
    .get();
  if (!table) return null;
  const row = sqlite.prepare("select max(created_at) as last from __drizzle_migrations").get() as {
    last: number | null;
  };
  return row.last === null ? null : Number(row.last);
}

export function applyMigrations(db: MigratableDb, folder = MIGRATIONS_FOLDER): void {
  const code = latestCodeMigration(folder);
  const applied = latestAppliedMigration(db.$client);
  if (applied !== null && applied > code.when) {
    throw new MigrationError(
      `The database was migrated by a newer version of NAP Tracker (migration of ${new Date(applied).toISOString()}, this code knows up to ${code.tag}); refusing to start. Run the newer version or restore a backup.`,
    );
  }
  migrate(db, { migrationsFolder: folder });
}
