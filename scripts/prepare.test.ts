/**
 * Start-up refuses, in one line, what would lose data or confuse an operator: a database in a
 * missing or unwritable place, or one migrated by newer code.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openDatabase } from "@/db/client";
import { TEST_TMP } from "@/test/paths";

function prepare(databasePath: string) {
  const result = spawnSync(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", "scripts/prepare.ts"],
    {
      env: {
        ...process.env,
        DATABASE_PATH: databasePath,
        NAP_SKIP_BUILD: "1",
        DEMO_PASSWORD: "a long demo password",
      },
      encoding: "utf8",
      timeout: 60_000,
    },
  );
  const lines = result.stderr.trim().split("\n").filter(Boolean);
  return { status: result.status, lines, stdout: result.stdout };
}

// Each test starts several real processes (tsx compiles on start): a guard against a hang, not a
// speed limit, so it allows for a machine busy with other work.
describe("npm start's preparation", { timeout: 120_000 }, () => {
  it("stops with one line when the database folder does not exist", () => {
    const { status, lines } = prepare(path.join(TEST_TMP, "missing-folder", "nap.db"));
    expect(status).toBe(1);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^NAP Tracker cannot start: DATABASE_PATH: the folder .*missing-folder does not exist/,
    );
  });

  it("stops with one line when the database cannot be written there", () => {
    // /proc refuses new files even to root, unlike a chmod-ed folder.
    const { status, lines } = prepare("/proc/nap-tracker.db");
    expect(status).toBe(1);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^NAP Tracker cannot start: DATABASE_PATH: .*(not writable|cannot open)/,
    );
  });

  it("stops with one line when the path's parent is a file", () => {
    const file = path.join(TEST_TMP, "plain-file");
    fs.writeFileSync(file, "x");
    const { status, lines } = prepare(path.join(file, "nap.db"));
    expect(status).toBe(1);
    expect(lines).toEqual([expect.stringMatching(/DATABASE_PATH: .*plain-file is not a folder/)]);
  });

  it("refuses a database migrated by a newer version of the code", () => {
    const file = path.join(TEST_TMP, "newer.db");
    const db = openDatabase(file);
    db.$client
      .prepare("insert into __drizzle_migrations (hash, created_at) values ('future', ?)")
      .run(Date.now() + 10 * 365 * 24 * 3600 * 1000);
    db.$client.close();
    const { status, lines } = prepare(file);
    expect(status).toBe(1);
    expect(lines).toEqual([
      expect.stringMatching(
        /^NAP Tracker cannot start: The database was migrated by a newer version/,
      ),
    ]);
  });

  it("lists every invalid setting, one line each, and stops", () => {
    const result = spawnSync(
      process.execPath,
      ["--conditions=react-server", "--import", "tsx", "scripts/prepare.ts"],
      {
        env: {
          ...process.env,
          PORT: "99999",
          SMTP_URL: "http://not-smtp",
          BACKUP_KEEP: "zero",
          NAP_SKIP_BUILD: "1",
        },
        encoding: "utf8",
        timeout: 60_000,
      },
    );
    expect(result.status).toBe(1);
    const lines = result.stderr.trim().split("\n");
    expect(lines[0]).toBe("NAP Tracker cannot start: Invalid configuration:");
    expect(lines.slice(1).sort()).toEqual([
      expect.stringMatching(/^BACKUP_KEEP: /),
      expect.stringMatching(/^PORT: /),
      expect.stringMatching(/^SMTP_URL: must look like smtp:/),
    ]);
  });

  it("migrates and seeds an empty database once, and leaves it alone the second time", () => {
    const file = path.join(TEST_TMP, "fresh.db");
    const first = prepare(file);
    expect(first.stdout).toContain("Loaded the demo data");
    // The build check fails in this test (NAP_SKIP_BUILD and maybe no build); only seeding matters.
    const second = prepare(file);
    expect(second.stdout).not.toContain("Loaded the demo data");
    const db = openDatabase(file);
    const plans = db.$client.prepare("select count(*) as n from plans").get() as { n: number };
    db.$client.close();
    expect(plans.n).toBe(2);
    // The session-signing secret was generated beside the database, readable by its owner only.
    const secret = fs.statSync(path.join(TEST_TMP, ".auth-secret"));
    expect(secret.mode & 0o777).toBe(0o600);
  });
});
