/**
 * Backups and restores on real SQLite files and real folders: a backup taken while another
 * process writes is one consistent snapshot, a restore puts back every table and every uploaded
 * file, and a restore refuses (changing nothing) under a running app or from a damaged backup.
 */
import { spawn, spawnSync } from "node:child_process";
import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { BASE_DB, TEST_TMP } from "@/test/paths";
import {
  type BackupSettings,
  backupSettings,
  createBackup,
  isAppRunning,
  listBackups,
  restoreBackup,
} from "./backup";

/** A live database (a copy of the seeded base) and its folders, in a folder of its own. */
function workspace(keep = 14): { root: string; settings: BackupSettings } {
  const root = path.join(TEST_TMP, `backup-${randomUUID()}`);
  fs.mkdirSync(path.join(root, "live"), { recursive: true });
  const databasePath = path.join(root, "live", "nap.db");
  fs.copyFileSync(BASE_DB, databasePath);
  return {
    root,
    settings: {
      databasePath,
      uploadsDir: path.join(root, "live", "uploads"),
      backupDir: path.join(root, "backups"),
      keep,
    },
  };
}

/** A few uploads: text, binary (every byte value), and one in a subfolder. */
function writeUploads(dir: string): void {
  fs.mkdirSync(path.join(dir, "reports", "2026"), { recursive: true });
  fs.writeFileSync(path.join(dir, "readme.txt"), "Evidence for the 2026 report.\n");
  const binary = Buffer.alloc(70_000);
  for (let i = 0; i < binary.length; i += 1) binary[i] = (i * 31 + 7) % 256;
  fs.writeFileSync(path.join(dir, "scan.bin"), binary);
  fs.writeFileSync(path.join(dir, "reports", "2026", "minutes.md"), "# Steering committee\n");
}

/** Every file under `dir` by relative posix path, with its bytes. */
function readTree(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const walk = (folder: string, prefix: string) => {
    if (!fs.existsSync(folder)) return;
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(path.join(folder, entry.name), relative);
      else files.set(relative, fs.readFileSync(path.join(folder, entry.name)));
    }
  };
  walk(dir, "");
  return files;
}

function sha256(file: string): string {
  return createHash("sha256").update(fs.readFileSync(file)).digest("hex");
}

/** The schema and every row of every table, in rowid order. */
function readAllTables(file: string): Record<string, unknown[]> {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const tables = db
      .prepare("select name from sqlite_master where type = 'table' order by name")
      .pluck()
      .all() as string[];
    const content: Record<string, unknown[]> = {
      sqlite_master: db
        .prepare("select type, name, tbl_name, sql from sqlite_master order by type, name")
        .all(),
    };
    for (const table of tables) {
      content[table] = db
        .prepare(`select * from "${table.replaceAll('"', '""')}" order by rowid`)
        .all();
    }
    return content;
  } finally {
    db.close();
  }
}

/** The writer's rows in a database: their numbers in order, and the count it recorded with them. */
function readLoad(file: string): { numbers: number[]; count: number } {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const numbers = (
      db
        .prepare("select key from app_settings where key like 'load-%' and key <> 'load-count'")
        .pluck()
        .all() as string[]
    )
      .map((key) => Number(key.slice("load-".length)))
      .sort((a, b) => a - b);
    const count = db
      .prepare("select value from app_settings where key = 'load-count'")
      .pluck()
      .get() as string | undefined;
    return { numbers, count: Number(count ?? 0) };
  } finally {
    db.close();
  }
}

function integrityOf(file: string): string {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.pragma("integrity_check", { simple: true }) as string;
  } finally {
    db.close();
  }
}

/** Starts test/write-load.ts on `file` for `milliseconds`; resolves `ready` after its first commit. */
function startWriter(file: string, milliseconds: number) {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "test/write-load.ts", file, String(milliseconds)],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  let stdout = "";
  let stderr = "";
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    stdout += chunk;
    if (stdout.includes("ready\n")) markReady();
  });
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
  });
  const done = new Promise<number>((resolve, reject) => {
    child.on("error", reject);
    child.on("exit", (code) => {
      const written = /done (\d+)/.exec(stdout)?.[1];
      if (code === 0 && written) resolve(Number(written));
      else reject(new Error(`writer exited with ${code}: ${stderr}`));
    });
  });
  // A writer that dies before its first commit must fail the test, not hang it.
  return { ready: Promise.race([ready, done.then(() => undefined)]), done };
}

function liveState(settings: BackupSettings) {
  return {
    database: sha256(settings.databasePath),
    uploads: readTree(settings.uploadsDir),
    leftovers: fs
      .readdirSync(path.dirname(settings.databasePath))
      .filter((name) => name.includes(".restoring") || name.includes(".replaced")),
  };
}

describe("backupSettings", () => {
  /** An environment with only these variables (NODE_ENV is required by its type). */
  const only = (vars: Record<string, string>): NodeJS.ProcessEnv => ({ NODE_ENV: "test", ...vars });

  it("puts uploads and backups beside the database by default and keeps 14", () => {
    const settings = backupSettings(only({ DATABASE_PATH: "some/where/nap.db" }));
    const folder = path.resolve("some/where");
    expect(settings).toEqual({
      databasePath: path.join(folder, "nap.db"),
      uploadsDir: path.join(folder, "uploads"),
      backupDir: path.join(folder, "backups"),
      keep: 14,
    });
    expect(
      backupSettings(only({ UPLOADS_DIR: "/srv/up", BACKUP_DIR: "/srv/bk", BACKUP_KEEP: "3" })),
    ).toMatchObject({ uploadsDir: "/srv/up", backupDir: "/srv/bk", keep: 3 });
  });

  it("names the variable to fix", () => {
    expect(() => backupSettings(only({ BACKUP_KEEP: "0" }))).toThrow(/BACKUP_KEEP/);
    expect(() => backupSettings(only({ BACKUP_KEEP: "1001" }))).toThrow(/BACKUP_KEEP/);
    expect(() => backupSettings(only({ BACKUP_KEEP: "many" }))).toThrow(/BACKUP_KEEP/);
    expect(() => backupSettings(only({ BACKUP_KEEP: "2.5" }))).toThrow(/BACKUP_KEEP/);
    expect(() =>
      backupSettings(only({ UPLOADS_DIR: "/srv/up", BACKUP_DIR: "/srv/up/bk" })),
    ).toThrow(/BACKUP_DIR: .* must be outside UPLOADS_DIR/);
  });
});

describe("createBackup and restoreBackup", () => {
  it("backs up a consistent snapshot under concurrent writes and restores every table and file", async () => {
    const { root, settings } = workspace();
    writeUploads(settings.uploadsDir);
    const writer = startWriter(settings.databasePath, 2000);
    await writer.ready;
    const first = await createBackup(settings, new Date("2026-11-29T18:15:00Z"));
    const second = await createBackup(settings, new Date("2026-11-29T18:16:00Z"));
    const written = await writer.done;

    expect(path.basename(first.dir)).toBe("nap-backup-20261129T181500Z");
    expect(path.basename(second.dir)).toBe("nap-backup-20261129T181600Z");
    const counts: number[] = [];
    for (const backup of [first, second]) {
      const file = path.join(backup.dir, "database.sqlite");
      expect(backup.manifest.integrity).toBe("ok");
      expect(integrityOf(file)).toBe("ok");
      expect(backup.manifest.sha256).toBe(sha256(file));
      // A consistent snapshot: rows 1..k with no gap, and the count committed with them.
      const { numbers, count } = readLoad(file);
      expect(count).toBeGreaterThanOrEqual(1);
      expect(numbers).toEqual(Array.from({ length: count }, (_, i) => i + 1));
      counts.push(count);
      // The backup holds one file, with no WAL of its own.
      expect(fs.readdirSync(backup.dir).sort()).toEqual([
        "database.sqlite",
        "manifest.json",
        "uploads",
      ]);
    }
    // Both backups were taken while the writer was committing.
    expect(counts[0]).toBeLessThanOrEqual(counts[1] ?? 0);
    expect(counts[1]).toBeLessThan(written);

    const originals = readTree(settings.uploadsDir);
    expect(second.manifest.files.map((file) => file.path)).toEqual([
      "readme.txt",
      "reports/2026/minutes.md",
      "scan.bin",
    ]);
    for (const file of second.manifest.files) {
      const bytes = originals.get(file.path);
      expect(bytes?.length).toBe(file.size);
      expect(
        createHash("sha256")
          .update(bytes ?? "")
          .digest("hex"),
      ).toBe(file.sha256);
    }

    // Restore into a new installation.
    const restored: BackupSettings = {
      ...settings,
      databasePath: path.join(root, "restored", "nap.db"),
      uploadsDir: path.join(root, "restored", "uploads"),
    };
    const summary = await restoreBackup(restored, second.dir);
    expect(summary).toEqual({
      source: second.dir,
      databasePath: restored.databasePath,
      uploadsDir: restored.uploadsDir,
      files: 3,
    });
    const expected = readAllTables(path.join(second.dir, "database.sqlite"));
    const actual = readAllTables(restored.databasePath);
    expect(Object.keys(actual)).toEqual(Object.keys(expected));
    expect(Object.keys(actual)).toEqual(
      expect.arrayContaining(["app_settings", "audit_events", "plans", "users"]),
    );
    for (const table of Object.keys(expected)) {
      expect(actual[table], table).toEqual(expected[table]);
    }
    expect((actual.plans ?? []).length).toBeGreaterThan(0);
    expect(readLoad(restored.databasePath).count).toBe(counts[1]);
    expect(integrityOf(restored.databasePath)).toBe("ok");
    expect(readTree(restored.uploadsDir)).toEqual(originals);
    expect(fs.readdirSync(path.join(root, "restored")).sort()).toEqual(["nap.db", "uploads"]);
  });

  it("keeps the newest backups and removes stale partial ones", async () => {
    const { settings } = workspace(2);
    writeUploads(settings.uploadsDir);
    const at = (minute: number) => new Date(Date.UTC(2026, 10, 29, 18, minute));
    const a = await createBackup(settings, at(1));
    const b = await createBackup(settings, at(2));
    expect(b.removed).toEqual([]);

    const stale = path.join(settings.backupDir, ".partial-x");
    const inProgress = path.join(
      settings.backupDir,
      `.partial-20261129T180000Z-pid${process.pid}-ab`,
    );
    const unrelated = path.join(settings.backupDir, "notes");
    for (const dir of [stale, inProgress, unrelated]) {
      fs.mkdirSync(dir);
      fs.writeFileSync(path.join(dir, "database.sqlite"), "half a copy");
    }
    const c = await createBackup(settings, at(3));
    expect(c.removed.sort()).toEqual([a.dir, stale].sort());
    expect(listBackups(settings).map((backup) => backup.dir)).toEqual([c.dir, b.dir]);
    expect(fs.existsSync(a.dir)).toBe(false);
    expect(fs.existsSync(stale)).toBe(false);
    // Another backup of this (live) process may be building it; others' folders are not ours.
    expect(fs.existsSync(inProgress)).toBe(true);
    expect(fs.existsSync(unrelated)).toBe(true);

    // A second backup within the same second gets its own, newer name.
    const d = await createBackup(settings, at(3));
    expect(path.basename(d.dir)).toBe("nap-backup-20261129T180300Z-2");
    expect(listBackups(settings)).toEqual([
      { name: "nap-backup-20261129T180300Z-2", dir: d.dir, takenAt: at(3) },
      { name: "nap-backup-20261129T180300Z", dir: c.dir, takenAt: at(3) },
    ]);
    expect(d.removed).toEqual([b.dir]);
  });

  it("refuses to restore while the app is running on the database, and proceeds once it is not", async () => {
    const { settings } = workspace();
    writeUploads(settings.uploadsDir);
    const backup = await createBackup(settings);
    const pidFile = `${settings.databasePath}.server.pid`;

    fs.writeFileSync(pidFile, `${process.pid}\n`);
    expect(isAppRunning(settings.databasePath)).toBe(true);
    const before = liveState(settings);
    await expect(restoreBackup(settings, backup.dir)).rejects.toThrow(/running/);
    expect(liveState(settings)).toEqual(before);

    fs.writeFileSync(pidFile, "not a pid");
    expect(isAppRunning(settings.databasePath)).toBe(true);

    // The app crashed: its pid is gone and its last commit is still in the -wal file.
    fs.writeFileSync(pidFile, "2147483646\n");
    expect(isAppRunning(settings.databasePath)).toBe(false);
    const crash = spawnSync(
      process.execPath,
      [
        "-e",
        `const Database = require("better-sqlite3");
         const db = new Database(process.argv[1]);
         db.pragma("journal_mode = WAL");
         db.prepare("insert into app_settings (key, value) values ('after-backup', 'x')").run();
         process.kill(process.pid, "SIGKILL");`,
        settings.databasePath,
      ],
      { encoding: "utf8" },
    );
    expect(crash.signal).toBe("SIGKILL");
    expect(fs.statSync(`${settings.databasePath}-wal`).size).toBeGreaterThan(0);
    fs.rmSync(path.join(settings.uploadsDir, "readme.txt"));
    fs.writeFileSync(path.join(settings.uploadsDir, "added-later.txt"), "new");

    const summary = await restoreBackup(settings, backup.dir);
    expect(summary.files).toBe(3);
    expect(readAllTables(settings.databasePath)).toEqual(
      readAllTables(path.join(backup.dir, "database.sqlite")),
    );
    expect(fs.existsSync(`${settings.databasePath}-wal`)).toBe(false);
    expect([...readTree(settings.uploadsDir).keys()].sort()).toEqual([
      "readme.txt",
      "reports/2026/minutes.md",
      "scan.bin",
    ]);

    // A bare database file restores the database and leaves the uploads alone.
    fs.writeFileSync(path.join(settings.uploadsDir, "kept.txt"), "kept");
    const bare = await restoreBackup(settings, path.join(backup.dir, "database.sqlite"));
    expect(bare.files).toBeNull();
    expect(sha256(settings.databasePath)).toBe(backup.manifest.sha256);
    expect(readTree(settings.uploadsDir).has("kept.txt")).toBe(true);
  });

  it("refuses damaged backups and leaves the live database and uploads unchanged", async () => {
    const { root, settings } = workspace();
    writeUploads(settings.uploadsDir);
    const backup = await createBackup(settings);
    const backupDatabase = path.join(backup.dir, "database.sqlite");
    const before = liveState(settings);

    const overwritten = path.join(root, "overwritten.sqlite");
    fs.copyFileSync(backupDatabase, overwritten);
    const fd = fs.openSync(overwritten, "r+");
    fs.writeSync(fd, Buffer.alloc(4096 * 6, 0xab), 0, 4096 * 6, 4096);
    fs.closeSync(fd);

    const truncated = path.join(root, "truncated.sqlite");
    fs.copyFileSync(backupDatabase, truncated);
    fs.truncateSync(truncated, Math.floor(fs.statSync(truncated).size / 2));

    const garbage = path.join(root, "garbage.db");
    fs.writeFileSync(garbage, "this is not a database at all, just some text".repeat(200));

    for (const damaged of [overwritten, truncated, garbage]) {
      await expect(restoreBackup(settings, damaged), damaged).rejects.toThrow(
        /integrity check|not a readable SQLite database/,
      );
      expect(liveState(settings)).toEqual(before);
    }

    // Checksums in the manifest: of the database, and of an uploaded file.
    const badDatabaseSum = path.join(root, "bad-database-sum");
    fs.cpSync(backup.dir, badDatabaseSum, { recursive: true });
    fs.writeFileSync(
      path.join(badDatabaseSum, "manifest.json"),
      JSON.stringify({ ...backup.manifest, sha256: "0".repeat(64) }),
    );
    await expect(restoreBackup(settings, badDatabaseSum)).rejects.toThrow(
      /database\.sqlite does not match the checksum/,
    );
    expect(liveState(settings)).toEqual(before);

    const changedUpload = path.join(root, "changed-upload");
    fs.cpSync(backup.dir, changedUpload, { recursive: true });
    fs.appendFileSync(path.join(changedUpload, "uploads", "reports", "2026", "minutes.md"), "!");
    await expect(restoreBackup(settings, changedUpload)).rejects.toThrow(
      /minutes\.md does not match the checksum/,
    );
    expect(liveState(settings)).toEqual(before);

    // A database migrated by newer code than this.
    const newer = path.join(root, "newer.sqlite");
    fs.copyFileSync(backupDatabase, newer);
    const db = new Database(newer);
    db.prepare("insert into __drizzle_migrations (hash, created_at) values ('future', ?)").run(
      Date.now() + 10 * 365 * 24 * 3600 * 1000,
    );
    db.close();
    await expect(restoreBackup(settings, newer)).rejects.toThrow(/migrated by a newer version/);
    expect(liveState(settings)).toEqual(before);

    // A backup of a damaged or missing database is not kept, not even as a partial folder.
    const damagedLive: BackupSettings = { ...settings, databasePath: overwritten };
    await expect(createBackup(damagedLive)).rejects.toThrow(
      /integrity check|not a readable SQLite database/,
    );
    const missingLive: BackupSettings = { ...settings, databasePath: path.join(root, "none.db") };
    await expect(createBackup(missingLive)).rejects.toThrow(/there is no database at /);
    expect(fs.readdirSync(settings.backupDir)).toEqual([path.basename(backup.dir)]);

    // Not a backup at all.
    await expect(restoreBackup(settings, root)).rejects.toThrow(/has no manifest\.json/);
    await expect(restoreBackup(settings, path.join(root, "missing.db"))).rejects.toThrow(
      /does not exist/,
    );
  });
});

describe("npm run backup and npm run restore", () => {
  function run(script: "backup" | "restore", args: string[], env: Record<string, string>) {
    const base = { ...process.env };
    for (const name of ["DATABASE_PATH", "UPLOADS_DIR", "BACKUP_DIR", "BACKUP_KEEP"]) {
      delete base[name];
    }
    const result = spawnSync(
      process.execPath,
      ["--conditions=react-server", "--import", "tsx", `scripts/${script}.ts`, ...args],
      { env: { ...base, ...env }, encoding: "utf8", timeout: 60_000 },
    );
    return {
      status: result.status,
      stdout: result.stdout.trim().split("\n").filter(Boolean),
      stderr: result.stderr.trim().split("\n").filter(Boolean),
    };
  }

  it("backs up with one summary line, and restores it", () => {
    const { root, settings } = workspace();
    const env = { DATABASE_PATH: settings.databasePath, BACKUP_DIR: settings.backupDir };
    const backup = run("backup", [], env);
    expect(backup.stderr).toEqual([]);
    expect(backup.status).toBe(0);
    expect(backup.stdout).toEqual([
      expect.stringMatching(
        /^Backed up .*nap\.db and 0 uploaded files to .*nap-backup-\d{8}T\d{6}Z;/,
      ),
    ]);
    const [made] = listBackups(settings);
    expect(made && fs.existsSync(path.join(made.dir, "manifest.json"))).toBe(true);

    const restore = run("restore", [made?.dir ?? ""], {
      DATABASE_PATH: path.join(root, "other.db"),
    });
    expect(restore.stderr).toEqual([]);
    expect(restore.status).toBe(0);
    expect(restore.stdout).toEqual([expect.stringMatching(/^Restored .*other\.db from /)]);
  });

  it("fails with one line on stderr", () => {
    const { settings } = workspace();
    const noArgument = run("restore", [], { DATABASE_PATH: settings.databasePath });
    expect(noArgument.status).toBe(1);
    expect(noArgument.stderr).toEqual([expect.stringMatching(/^restore: name one backup/)]);
  });
});
