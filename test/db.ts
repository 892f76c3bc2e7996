/** Gives each test its own copy of the migrated, seeded base database. */
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterEach, beforeEach } from "vitest";
import { closeDb } from "@/db/client";
import { BASE_DB, TEST_TMP } from "./paths";

export function withTestDatabase() {
  let file = "";
  beforeEach(() => {
    file = path.join(TEST_TMP, `${randomUUID()}.db`);
    fs.copyFileSync(BASE_DB, file);
    process.env.DATABASE_PATH = file;
  });
  afterEach(() => {
    closeDb();
    for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(`${file}${suffix}`, { force: true });
  });
  return { path: () => file };
}
