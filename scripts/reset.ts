/** Deletes the database at DATABASE_PATH and creates it afresh with the demo data. */
import fs from "node:fs";
import { databasePath, readEnv } from "@/lib/config/env";
import { prepareDatabase } from "./lib/prepare-database";

async function main() {
  const env = readEnv();
  const file = databasePath(env);
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(`${file}${suffix}`, { force: true });
  console.log(`Deleted ${file}.`);
  await prepareDatabase(file, env.DEMO_PASSWORD);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
