import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openDatabase } from "@/db/client";
import { verifyPassword } from "@/lib/auth/password";
import { TEST_TMP } from "@/test/paths";

function createAdmin(databasePath: string, args: string[], password?: string) {
  return spawnSync(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", "scripts/create-admin.ts", ...args],
    {
      env: { ...process.env, DATABASE_PATH: databasePath, ADMIN_PASSWORD: password ?? "" },
      encoding: "utf8",
      input: "",
      timeout: 60_000,
    },
  );
}

// Each test starts several real processes (tsx compiles on start): a guard against a hang, not a
// speed limit, so it allows for a machine busy with other work.
describe("npm run create-admin", { timeout: 120_000 }, () => {
  it("creates the first admin of an empty installation with the password from ADMIN_PASSWORD", async () => {
    const file = path.join(TEST_TMP, "no-demo.db");
    const result = createAdmin(
      file,
      ["--email", "Secretariat@Example.gov", "--name", "NAP Secretariat"],
      "a strong secretariat passphrase",
    );
    expect(result.stderr).toBe("");
    expect(result.stdout).toContain("Admin secretariat@example.gov created.");
    const db = openDatabase(file);
    const row = db.$client
      .prepare(
        "select role, name, password_hash as hash, (select count(*) from plans) as plans from users where email = ?",
      )
      .get("secretariat@example.gov") as {
      role: string;
      name: string;
      hash: string;
      plans: number;
    };
    db.$client.close();
    expect(row).toMatchObject({ role: "admin", name: "NAP Secretariat", plans: 0 });
    expect(await verifyPassword("a strong secretariat passphrase", row.hash)).toBe(true);
  });

  it("refuses a weak password, a bad e-mail and a duplicate, in one line each", () => {
    const file = path.join(TEST_TMP, "no-demo-2.db");
    expect(createAdmin(file, ["--email", "a@example.gov"], "short").stderr).toMatch(
      /^create-admin: Use at least 12 characters/,
    );
    expect(
      createAdmin(file, ["--email", "not-an-email"], "a strong secretariat passphrase").stderr,
    ).toMatch(/^create-admin: --email must be an e-mail address/);
    expect(
      createAdmin(file, ["--email", "a@example.gov"], "a strong secretariat passphrase").status,
    ).toBe(0);
    const again = createAdmin(
      file,
      ["--email", "a@example.gov"],
      "a strong secretariat passphrase",
    );
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/already exists/);
  });

  it("asks for the password when none is given and there is no terminal, and says how", () => {
    const result = createAdmin(path.join(TEST_TMP, "no-demo-3.db"), ["--email", "b@example.gov"]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/Set ADMIN_PASSWORD/);
  });
});
