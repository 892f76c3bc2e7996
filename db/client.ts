/**
 * The one SQLite connection of this process.
 *
 * Opened once, lazily, with the pragmas that keep data safe:
 * - journal_mode=WAL: readers never block the writer, and a crash mid-write leaves the last
 *   committed state intact.
 * - synchronous=FULL: every commit is fsynced before it is acknowledged. In WAL mode NORMAL
 *   would survive an application crash but may lose the last commits on power loss; the
 *   write volume of a NAP tracker (a few hundred saves a day) makes FULL's cost invisible,
 *   and "never lose a committed write" is a promise to the user.
 * - foreign_keys=ON: SQLite does not enforce references unless asked, per connection.
 * - busy_timeout: a backup or a script writing at the same time waits instead of failing.
 */
import "server-only";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { type BetterSQLite3Database, drizzle } from "drizzle-orm/better-sqlite3";
import { databasePath } from "@/lib/config/env";
import { applyMigrations } from "./migrate";
import * as schema from "./schema";

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

/** A problem that must stop start-up, explained in one line. */
export class StartupError extends Error {}

/** Checks that the database file can be created or opened for writing at `file`. */
export function assertWritableLocation(file: string): void {
  const dir = path.dirname(file);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(dir);
  } catch {
    throw new StartupError(
      `DATABASE_PATH: the folder ${dir} does not exist; create it or point DATABASE_PATH elsewhere.`,
    );
  }
  if (!stat.isDirectory()) {
    throw new StartupError(`DATABASE_PATH: ${dir} is not a folder.`);
  }
  try {
    fs.accessSync(dir, fs.constants.W_OK);
    if (fs.existsSync(file)) fs.accessSync(file, fs.constants.R_OK | fs.constants.W_OK);
  } catch {
    throw new StartupError(
      `DATABASE_PATH: ${fs.existsSync(file) ? file : dir} is not writable by this user; fix its permissions or point DATABASE_PATH elsewhere.`,
    );
  }
}

/** Opens a connection with the pragmas above and brings the schema up to date. */
export function openDatabase(file: string): Db {
  assertWritableLocation(file);
  let sqlite: Database.Database;
  try {
    sqlite = new Database(file);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new StartupError(`DATABASE_PATH: cannot open ${file} (${reason}).`);
  }
  try {
    sqlite.pragma("journal_mode = WAL");
    sqlite.pragma("synchronous = FULL");
    sqlite.pragma("foreign_keys = ON");
    sqlite.pragma("busy_timeout = 5000");
    const db = drizzle(sqlite, { schema, casing: "snake_case" }) as Db;
    applyMigrations(db);
    return db;
  } catch (error) {
    sqlite.close();
    throw error;
  }
}

const globalForDb = globalThis as unknown as { napDb?: Db; napDbPath?: string };

/** The process-wide connection to the database at DATABASE_PATH. */
export function getDb(): Db {
  const file = databasePath();
  if (!globalForDb.napDb || globalForDb.napDbPath !== file) {
    globalForDb.napDb?.$client.close();
    globalForDb.napDb = openDatabase(file);
    globalForDb.napDbPath = file;
  }
  return globalForDb.napDb;
}

/** Closes the process-wide connection (tests, scripts); the next getDb() opens it again. */
export function closeDb(): void {
  globalForDb.napDb?.$client.close();
  globalForDb.napDb = undefined;
  globalForDb.napDbPath = undefined;
}
