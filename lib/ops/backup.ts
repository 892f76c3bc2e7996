/**
 * Backups of the live database with the uploaded evidence files, and restoring one.
 *
 * A backup is a folder `nap-backup-<UTC time>` in BACKUP_DIR holding `database.sqlite`, a copy of
 * UPLOADS_DIR in `uploads/`, and `manifest.json` with the SHA-256 of every file, so that a restore
 * can prove it puts back exactly what was saved. Backups are taken while the app runs: SQLite's
 * backup API reads one consistent snapshot while the app keeps writing. Restores refuse to run
 * under the app, because the app would keep writing to the file the restore replaced.
 *
 * Plain Node (no "server-only"): the CLIs in scripts/ and the tests call it directly.
 */
import "server-only";
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { z } from "zod";
import { latestAppliedMigration, latestCodeMigration } from "@/db/migrate";
import { ConfigError, databasePath, readEnv, uploadsDir as uploadsDirOf } from "@/lib/config/env";

/** A problem that stops a backup or a restore, explained in one line. */
export class BackupError extends Error {}

const DATABASE_FILE = "database.sqlite";
const MANIFEST_FILE = "manifest.json";
const UPLOADS_FOLDER = "uploads";
/** Files being written into the uploads folder are named so until they are complete. */
export const INCOMING_PREFIX = ".incoming-";
const BACKUP_NAME = /^nap-backup-(\d{8}T\d{6}Z)(?:-(\d+))?$/;
const PARTIAL_PREFIX = ".partial-";
const PARTIAL_OWNER = /-pid(\d+)-[0-9a-f]+$/;
/** better-sqlite3 caps the pages per backup step at this; it means "all of them". */
const ALL_PAGES = 0x7fffffff;
const MAX_PID = 0x7fffffff;

// ---------------------------------------------------------------------------------------------
// Settings

export type BackupSettings = {
  /** The live database file (absolute). */
  databasePath: string;
  /** The folder of uploaded evidence files (absolute). */
  uploadsDir: string;
  /** The folder that holds the dated backup folders (absolute). */
  backupDir: string;
  /** How many complete backups to keep; older ones are deleted after each backup. */
  keep: number;
};

function isInside(child: string, parent: string): boolean {
  const relative = path.relative(parent, child);
  return (
    relative === "" ||
    (relative !== ".." && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative))
  );
}

/**
 * The backup settings, from the app's own zod-validated environment (lib/config/env.ts) so that
 * backups always find the database and uploads the app uses: DATABASE_PATH, UPLOADS_DIR and
 * BACKUP_DIR (default: `uploads` and `backups` beside the database file) and BACKUP_KEEP (1–1000,
 * default 14). Throws a ConfigError that names the variable to fix.
 */
export function backupSettings(source: NodeJS.ProcessEnv = process.env): BackupSettings {
  const env = readEnv(source);
  const file = databasePath(env);
  const beside = path.dirname(file);
  const uploadsDir = uploadsDirOf(env);
  const backupDir = path.resolve(env.BACKUP_DIR ?? path.join(beside, "backups"));
  // Each backup copies UPLOADS_DIR: backups kept inside it would be copied into every new one.
  if (isInside(backupDir, uploadsDir) || isInside(uploadsDir, backupDir)) {
    throw new ConfigError(
      `Invalid configuration:\nBACKUP_DIR: ${backupDir} must be outside UPLOADS_DIR (${uploadsDir}) and not contain it.`,
    );
  }
  return { databasePath: file, uploadsDir, backupDir, keep: env.BACKUP_KEEP };
}

// ---------------------------------------------------------------------------------------------
// Manifest

const sha256Schema = z.string().regex(/^[0-9a-f]{64}$/, "must be a SHA-256 in hex");

/** A relative posix path that stays inside the backup's uploads folder. */
const relativePathSchema = z
  .string()
  .min(1)
  .refine(
    (value) =>
      !value.startsWith("/") &&
      !value.includes("\\") &&
      value.split("/").every((part) => part !== "" && part !== "." && part !== ".."),
    "must be a relative path inside the uploads folder",
  );

const manifestSchema = z.object({
  createdAt: z.iso.datetime(),
  databaseFile: z
    .string()
    .regex(/^[^/\\]+$/, "must be a file name")
    .refine((name) => name !== "." && name !== "..", "must be a file name"),
  sha256: sha256Schema,
  integrity: z.literal("ok"),
  files: z.array(
    z.object({ path: relativePathSchema, size: z.number().int().min(0), sha256: sha256Schema }),
  ),
});

export type BackupManifest = z.infer<typeof manifestSchema>;
export type BackupFile = BackupManifest["files"][number];

function readManifest(file: string): BackupManifest {
  let data: unknown;
  try {
    data = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (error) {
    throw new BackupError(`${file} is not readable JSON (${reasonOf(error)}).`);
  }
  const parsed = manifestSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new BackupError(
      `${file} is not a valid backup manifest (${issue ? `${issue.path.join(".") || "manifest"}: ${issue.message}` : "invalid"}).`,
    );
  }
  return parsed.data;
}

// ---------------------------------------------------------------------------------------------
// Files

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function compareText(a: string, b: string): number {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}

function sha256File(file: string): string {
  const hash = createHash("sha256");
  const fd = fs.openSync(file, "r");
  try {
    const buffer = Buffer.allocUnsafe(1 << 20);
    for (;;) {
      const read = fs.readSync(fd, buffer, 0, buffer.length, null);
      if (read === 0) break;
      hash.update(buffer.subarray(0, read));
    }
  } finally {
    fs.closeSync(fd);
  }
  return hash.digest("hex");
}

/** Flushes a file to disk, so that a backup or a restored file survives a power cut. */
function fsyncFile(file: string): void {
  const fd = fs.openSync(file, "r");
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Flushes a folder's entries (a rename is durable only once its folder is). */
function fsyncFolder(folder: string): void {
  let fd: number;
  try {
    fd = fs.openSync(folder, "r");
  } catch {
    return;
  }
  try {
    fs.fsyncSync(fd);
  } catch {
    // Some platforms cannot fsync a folder; the rename is still atomic there.
  } finally {
    fs.closeSync(fd);
  }
}

function writeFileDurably(file: string, text: string): void {
  fs.writeFileSync(file, text);
  fsyncFile(file);
}

function removeDatabaseFiles(file: string): void {
  for (const suffix of ["", "-wal", "-shm", "-journal"]) {
    fs.rmSync(`${file}${suffix}`, { force: true });
  }
}

/**
 * Copies the uploads folder into `target`, flushing and hashing each copy (the hash is of what
 * the backup holds, not of the original). A missing uploads folder is an installation without
 * uploads yet: the backup gets an empty folder.
 */
function copyUploads(uploadsDir: string, target: string): BackupFile[] {
  fs.mkdirSync(target, { recursive: true });
  if (!fs.existsSync(uploadsDir)) return [];
  if (!fs.statSync(uploadsDir).isDirectory()) {
    throw new BackupError(`UPLOADS_DIR: ${uploadsDir} is not a folder.`);
  }
  const files: BackupFile[] = [];
  const walk = (from: string, to: string, prefix: string) => {
    const entries = fs
      .readdirSync(from, { withFileTypes: true })
      .sort((a, b) => compareText(a.name, b.name));
    for (const entry of entries) {
      // A file the app is still writing (lib/evidence/storage.ts): not an upload until renamed.
      if (entry.name.startsWith(INCOMING_PREFIX)) continue;
      const source = path.join(from, entry.name);
      const copy = path.join(to, entry.name);
      const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        fs.mkdirSync(copy);
        walk(source, copy, relative);
      } else if (entry.isFile()) {
        try {
          fs.copyFileSync(source, copy);
        } catch (error) {
          // Removed by the app since the folder was listed: the database copy no longer needs it.
          if ((error as NodeJS.ErrnoException).code === "ENOENT") continue;
          throw error;
        }
        fsyncFile(copy);
        files.push({ path: relative, size: fs.statSync(copy).size, sha256: sha256File(copy) });
      } else {
        // Links could point outside the folder or loop; evidence uploads are plain files.
        throw new BackupError(
          `UPLOADS_DIR: ${source} is neither a file nor a folder; backups copy plain files only, so replace it with the file it stands for.`,
        );
      }
    }
    fsyncFolder(to);
  };
  walk(uploadsDir, target, "");
  return files;
}

// ---------------------------------------------------------------------------------------------
// Databases

/**
 * Copies the live database with SQLite's backup API from a read-only connection of its own: the
 * app's connection is never touched, and opening the file here must not migrate it.
 */
async function copyLiveDatabase(file: string, target: string): Promise<void> {
  if (!fs.existsSync(file))
    throw new BackupError(`DATABASE_PATH: there is no database at ${file}.`);
  let source: Database.Database;
  try {
    source = new Database(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new BackupError(`DATABASE_PATH: cannot open ${file} (${reasonOf(error)}).`);
  }
  try {
    source.pragma("busy_timeout = 5000");
    // All pages in one step are read inside one read transaction: in WAL mode that is one
    // consistent snapshot, and the app's writers carry on meanwhile. In small steps SQLite
    // restarts from the first page whenever another connection commits between two steps, so a
    // backup of a busy database might never finish.
    await source.backup(target, { progress: () => ALL_PAGES });
  } finally {
    source.close();
  }
}

/**
 * Opens a private copy of a database, makes it a self-contained file (rollback journal instead of
 * WAL, so no `-wal` file belongs to it; the app turns WAL back on when it opens it), runs
 * `PRAGMA integrity_check` and returns the newest applied migration.
 */
function inspectDatabase(file: string, label: string): { applied: number | null } {
  let db: Database.Database;
  try {
    db = new Database(file, { fileMustExist: true });
  } catch (error) {
    throw new BackupError(`${label} is not a readable SQLite database (${reasonOf(error)}).`);
  }
  try {
    db.pragma("journal_mode = DELETE");
    const rows = db.pragma("integrity_check") as { integrity_check: string }[];
    const problems = rows.map((row) => row.integrity_check).filter((line) => line !== "ok");
    if (rows.length === 0 || problems.length > 0) {
      throw new BackupError(
        `${label} failed SQLite's integrity check (${problems.slice(0, 3).join("; ") || "no answer"}).`,
      );
    }
    return { applied: latestAppliedMigration(db) };
  } catch (error) {
    if (error instanceof BackupError) throw error;
    throw new BackupError(`${label} is not a readable SQLite database (${reasonOf(error)}).`);
  } finally {
    db.close();
  }
}

/** Refuses a database the code could not run: not NAP Tracker's, or migrated by newer code. */
function assertMigrationsKnown(applied: number | null, label: string): void {
  if (applied === null) {
    throw new BackupError(`${label} is not a NAP Tracker database (it has no migrations).`);
  }
  const code = latestCodeMigration();
  if (applied > code.when) {
    throw new BackupError(
      `${label} was migrated by a newer version of NAP Tracker (migration of ${new Date(applied).toISOString()}, this code knows up to ${code.tag}); restore it with that version.`,
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Backup folders

export type BackupEntry = {
  /** The folder's name, e.g. `nap-backup-20261129T181500Z` (`-2`, `-3` … within one second). */
  name: string;
  /** The folder (absolute). */
  dir: string;
  /** When it was taken, from its name. */
  takenAt: Date;
};

function formatStamp(when: Date): string {
  // 2026-11-29T18:15:00.123Z -> 20261129T181500Z
  return when
    .toISOString()
    .replace(/\.\d+Z$/, "Z")
    .replace(/[-:]/g, "");
}

function parseStamp(stamp: string): Date {
  const [, y, mo, d, h, mi, s] = /^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/.exec(stamp) ?? [];
  return new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)));
}

/** The complete backups in BACKUP_DIR (named folders with a manifest), newest first. */
export function listBackups(settings: BackupSettings): BackupEntry[] {
  if (!fs.existsSync(settings.backupDir)) return [];
  const found: (BackupEntry & { stamp: string; sequence: number })[] = [];
  for (const entry of fs.readdirSync(settings.backupDir, { withFileTypes: true })) {
    const match = BACKUP_NAME.exec(entry.name);
    if (!entry.isDirectory() || !match?.[1]) continue;
    const dir = path.join(settings.backupDir, entry.name);
    if (!fs.existsSync(path.join(dir, MANIFEST_FILE))) continue;
    found.push({
      name: entry.name,
      dir,
      takenAt: parseStamp(match[1]),
      stamp: match[1],
      sequence: Number(match[2] ?? 1),
    });
  }
  found.sort((a, b) => compareText(b.stamp, a.stamp) || b.sequence - a.sequence);
  return found.map(({ name, dir, takenAt }) => ({ name, dir, takenAt }));
}

/** Gives a finished backup its final name; a second backup within the same second gets `-2`. */
function publishBackup(partial: string, backupDir: string, stamp: string): string {
  for (let sequence = 1; sequence <= 1000; sequence += 1) {
    const name = sequence === 1 ? `nap-backup-${stamp}` : `nap-backup-${stamp}-${sequence}`;
    const dir = path.join(backupDir, name);
    if (fs.existsSync(dir)) continue;
    try {
      fs.renameSync(partial, dir);
      fsyncFolder(backupDir);
      return dir;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // Another backup took the name between the check and the rename.
      if (code === "ENOTEMPTY" || code === "EEXIST" || code === "ENOTDIR") continue;
      throw error;
    }
  }
  throw new BackupError(`BACKUP_DIR: too many backups named nap-backup-${stamp} in ${backupDir}.`);
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** A `.partial-*` folder is stale unless the process that is building it is still alive. */
function isStalePartial(name: string): boolean {
  const owner = PARTIAL_OWNER.exec(name)?.[1];
  const pid = owner === undefined ? Number.NaN : Number(owner);
  return !(Number.isSafeInteger(pid) && pid > 0 && pid <= MAX_PID && isProcessAlive(pid));
}

/** Keeps the newest `keep` backups (never the one just made) and removes stale partial ones. */
function pruneBackups(settings: BackupSettings, justMade: string): string[] {
  const removed: string[] = [];
  for (const old of listBackups(settings).slice(settings.keep)) {
    // With a clock set back, the new backup sorts as old; deleting it would defeat the purpose.
    if (old.dir === justMade) continue;
    fs.rmSync(old.dir, { recursive: true, force: true });
    removed.push(old.dir);
  }
  for (const entry of fs.readdirSync(settings.backupDir, { withFileTypes: true })) {
    if (!entry.isDirectory() || !entry.name.startsWith(PARTIAL_PREFIX)) continue;
    if (!isStalePartial(entry.name)) continue;
    const dir = path.join(settings.backupDir, entry.name);
    fs.rmSync(dir, { recursive: true, force: true });
    removed.push(dir);
  }
  return removed;
}

export type BackupResult = {
  /** The new backup folder. */
  dir: string;
  manifest: BackupManifest;
  /** Folders deleted afterwards: backups beyond `keep` and stale partial ones. */
  removed: string[];
};

/**
 * Takes a backup of the live database and the uploads into a new dated folder of BACKUP_DIR,
 * then deletes the backups beyond `keep`. Safe while the app runs and writes.
 */
export async function createBackup(
  settings: BackupSettings,
  now: Date = new Date(),
): Promise<BackupResult> {
  const stamp = formatStamp(now);
  fs.mkdirSync(settings.backupDir, { recursive: true });
  // Built under a name that never looks complete, so a crash mid-way leaves only a partial
  // folder, which a later backup removes; the pid tells whether its builder is still at work.
  const partial = path.join(
    settings.backupDir,
    `${PARTIAL_PREFIX}${stamp}-pid${process.pid}-${randomBytes(4).toString("hex")}`,
  );
  fs.mkdirSync(partial);
  let dir: string;
  let manifest: BackupManifest;
  try {
    const databaseCopy = path.join(partial, DATABASE_FILE);
    await copyLiveDatabase(settings.databasePath, databaseCopy);
    inspectDatabase(databaseCopy, `The backup of ${settings.databasePath}`);
    fsyncFile(databaseCopy);
    // Uploads after the database: the app stores a file before the row that refers to it, so
    // every file the copied database mentions is already there.
    const files = copyUploads(settings.uploadsDir, path.join(partial, UPLOADS_FOLDER));
    manifest = {
      createdAt: now.toISOString(),
      databaseFile: DATABASE_FILE,
      sha256: sha256File(databaseCopy),
      integrity: "ok",
      files,
    };
    writeFileDurably(path.join(partial, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
    fsyncFolder(partial);
    dir = publishBackup(partial, settings.backupDir, stamp);
  } catch (error) {
    fs.rmSync(partial, { recursive: true, force: true });
    throw error;
  }
  return { dir, manifest, removed: pruneBackups(settings, dir) };
}

// ---------------------------------------------------------------------------------------------
// Restore

function serverPidFile(file: string): string {
  return `${file}.server.pid`;
}

/**
 * Whether the app is serving the database at `file`: the server writes its pid to
 * `<file>.server.pid`. A pid file that cannot be read as a pid counts as running, because
 * restoring under a live server loses its writes; the refusal says how to clear it.
 */
export function isAppRunning(file: string): boolean {
  let text: string;
  try {
    text = fs.readFileSync(serverPidFile(file), "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return false;
    throw error;
  }
  const pid = /^\d+$/.test(text.trim()) ? Number(text.trim()) : Number.NaN;
  if (!Number.isSafeInteger(pid) || pid <= 0 || pid > MAX_PID) return true;
  return isProcessAlive(pid);
}

function assertAppStopped(file: string): void {
  if (isAppRunning(file)) {
    throw new BackupError(
      `the app is running on ${file} (see ${serverPidFile(file)}); stop it first, or delete that file if no server is running.`,
    );
  }
}

type RestoreSource = {
  /** What the operator named (absolute). */
  path: string;
  databaseFile: string;
  manifest: BackupManifest | null;
  uploadsFolder: string | null;
};

function readRestoreSource(source: string): RestoreSource {
  const resolved = path.resolve(source);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(resolved);
  } catch {
    throw new BackupError(`${resolved} does not exist.`);
  }
  if (stat.isDirectory()) {
    const manifestFile = path.join(resolved, MANIFEST_FILE);
    if (!fs.existsSync(manifestFile)) {
      throw new BackupError(`${resolved} has no ${MANIFEST_FILE}, so it is not a complete backup.`);
    }
    const manifest = readManifest(manifestFile);
    const databaseFile = path.join(resolved, manifest.databaseFile);
    if (!fs.existsSync(databaseFile)) {
      throw new BackupError(`${databaseFile} is missing; the backup is damaged.`);
    }
    return {
      path: resolved,
      databaseFile,
      manifest,
      uploadsFolder: path.join(resolved, UPLOADS_FOLDER),
    };
  }
  if (!stat.isFile() || !/\.(sqlite|db)$/i.test(resolved)) {
    throw new BackupError(`${resolved} is neither a backup folder nor a .sqlite or .db file.`);
  }
  // A bare copy of a WAL-mode database may keep recent commits in its -wal file; copying the
  // main file alone would silently drop them.
  const wal = `${resolved}-wal`;
  if (fs.existsSync(wal) && fs.statSync(wal).size > 0) {
    throw new BackupError(
      `${resolved} has commits in ${wal} that a copy of the file would lose; restore a backup folder made by npm run backup instead.`,
    );
  }
  return { path: resolved, databaseFile: resolved, manifest: null, uploadsFolder: null };
}

/** Copies and checks every file the manifest lists into `staging`, refusing any mismatch. */
function stageUploads(from: string, files: BackupFile[], staging: string): void {
  fs.mkdirSync(staging, { recursive: true });
  for (const file of files) {
    const source = path.join(from, ...file.path.split("/"));
    const copy = path.join(staging, ...file.path.split("/"));
    if (!fs.existsSync(source)) {
      throw new BackupError(
        `${source} is listed in the manifest but missing; the backup is damaged.`,
      );
    }
    fs.mkdirSync(path.dirname(copy), { recursive: true });
    fs.copyFileSync(source, copy);
    if (fs.statSync(copy).size !== file.size || sha256File(copy) !== file.sha256) {
      throw new BackupError(
        `${source} does not match the checksum in the manifest; the backup is damaged.`,
      );
    }
    fsyncFile(copy);
  }
  fsyncFolder(staging);
}

/** Folds the live database's WAL into it, so that nothing is lost if the restore stops midway. */
function checkpointLiveDatabase(file: string): void {
  if (!fs.existsSync(file)) return;
  try {
    const db = new Database(file, { fileMustExist: true });
    try {
      db.pragma("busy_timeout = 5000");
      db.pragma("wal_checkpoint(TRUNCATE)");
    } finally {
      db.close();
    }
  } catch {
    // A live database too damaged to open is what a restore is for: replace it regardless.
  }
}

/** Puts the staged uploads in place of the live folder with two renames. */
function swapFolder(staged: string, live: string): void {
  const replaced = `${live}.replaced`;
  fs.rmSync(replaced, { recursive: true, force: true });
  if (fs.existsSync(live)) fs.renameSync(live, replaced);
  fs.renameSync(staged, live);
  fsyncFolder(path.dirname(live));
  fs.rmSync(replaced, { recursive: true, force: true });
}

export type RestoreSummary = {
  /** The backup folder or database file restored from (absolute). */
  source: string;
  databasePath: string;
  uploadsDir: string;
  /** The number of uploaded files put back, or null when the source was a bare database file
   * (the uploads folder is then left as it was). */
  files: number | null;
};

/**
 * Replaces the live database (and, from a backup folder, the uploads) with a backup, after
 * checking it: the checksums in its manifest, SQLite's integrity check, and migrations this code
 * knows. Nothing live changes until every check has passed. Refuses while the app is running.
 */
export async function restoreBackup(
  settings: BackupSettings,
  source: string,
): Promise<RestoreSummary> {
  const from = readRestoreSource(source);
  const target = settings.databasePath;
  if (from.databaseFile === target) {
    throw new BackupError(`${from.databaseFile} is the live database itself.`);
  }
  assertAppStopped(target);
  fs.mkdirSync(path.dirname(target), { recursive: true });

  const staging = `${target}.restoring`;
  const stagedUploads = `${settings.uploadsDir}.restoring`;
  const cleanUp = () => {
    removeDatabaseFiles(staging);
    fs.rmSync(stagedUploads, { recursive: true, force: true });
  };
  cleanUp();
  try {
    fs.copyFileSync(from.databaseFile, staging);
    // Checked on the copy: these are the bytes that will become the live database.
    if (from.manifest && sha256File(staging) !== from.manifest.sha256) {
      throw new BackupError(
        `${from.databaseFile} does not match the checksum in its manifest; the backup is damaged.`,
      );
    }
    const { applied } = inspectDatabase(staging, from.databaseFile);
    assertMigrationsKnown(applied, from.databaseFile);
    fsyncFile(staging);
    if (from.manifest && from.uploadsFolder) {
      stageUploads(from.uploadsFolder, from.manifest.files, stagedUploads);
    }
  } catch (error) {
    cleanUp();
    throw error;
  }

  // Everything is checked; from here on the live files are replaced. The app may have been
  // started while the checks ran.
  try {
    assertAppStopped(target);
  } catch (error) {
    cleanUp();
    throw error;
  }
  checkpointLiveDatabase(target);
  // The old WAL must go before the new file arrives: SQLite would replay its pages onto it.
  for (const suffix of ["-wal", "-shm", "-journal"])
    fs.rmSync(`${target}${suffix}`, { force: true });
  fs.renameSync(staging, target);
  fsyncFolder(path.dirname(target));
  if (from.manifest && from.uploadsFolder) swapFolder(stagedUploads, settings.uploadsDir);

  return {
    source: from.path,
    databasePath: target,
    uploadsDir: settings.uploadsDir,
    files: from.manifest ? from.manifest.files.length : null,
  };
}
