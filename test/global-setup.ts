/**
 * Migrates and seeds one base database for the whole test run (Epic Stack's base.db): each test
 * then works on its own copy, which takes microseconds, so tests never share state.
 */
import fs from "node:fs";
import path from "node:path";
import { openDatabase } from "@/db/client";
import { seedDemo } from "@/lib/demo";
import { BASE_DB, TEST_DEMO_PASSWORD, TEST_TMP } from "./paths";

export default async function setup() {
  fs.rmSync(TEST_TMP, { recursive: true, force: true });
  fs.mkdirSync(TEST_TMP, { recursive: true });
  const db = openDatabase(BASE_DB);
  await seedDemo(db, TEST_DEMO_PASSWORD);
  // Fold the WAL into the main file so that a plain file copy is the whole database.
  db.$client.pragma("wal_checkpoint(TRUNCATE)");
  db.$client.close();
  return () => fs.rmSync(path.join(TEST_TMP), { recursive: true, force: true });
}
