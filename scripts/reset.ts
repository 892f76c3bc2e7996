/** Deletes the database at DATABASE_PATH and creates it afresh with the demo data. */
import fs from "node:fs";
import { authSecretPath } from "@/lib/auth/secret";
import { configuredAuthSecret, databasePath, readEnv } from "@/lib/config/env";
import { prepareDatabase } from "./lib/prepare-database";

async function main() {
  const env = readEnv();
  const file = databasePath(env);
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(`${file}${suffix}`, { force: true });
  console.log(`Deleted ${file}.`);
  // The new database reuses user ids: a fresh generated secret makes sure no old session cookie
  // carries over to it (a secret from AUTH_SECRET is the operator's to rotate).
  if (!configuredAuthSecret(env)) fs.rmSync(authSecretPath(), { force: true });
  await prepareDatabase(file, env.DEMO_PASSWORD);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
