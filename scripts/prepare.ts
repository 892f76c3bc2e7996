/**
 * Runs before `npm start`: checks the configuration, migrates the database, loads the demo
 * data into an empty database, and builds the app when the sources changed since the last build.
 * Any problem stops start-up with one line that says what to fix.
 */
import fs from "node:fs";
import { StartupError } from "@/db/client";
import { MigrationError } from "@/db/migrate";
import { getAuthSecret } from "@/lib/auth/secret";
import { ConfigError, databasePath, readEnv } from "@/lib/config/env";
import { buildApp, needsBuild } from "./lib/build-hash";
import { prepareDatabase } from "./lib/prepare-database";

async function main() {
  const env = readEnv();
  const file = databasePath(env);
  await prepareDatabase(file, env.DEMO_PASSWORD);
  // Generates the session-signing secret beside the database at first start (if AUTH_SECRET is unset).
  getAuthSecret();
  if (process.env.NAP_SKIP_BUILD !== "1" && needsBuild()) {
    console.log("Building the app (first start or changed sources) …");
    buildApp();
  }
  if (!fs.existsSync(".next/BUILD_ID")) throw new ConfigError("The app has not been built.");
}

main().catch((error: unknown) => {
  const known =
    error instanceof ConfigError ||
    error instanceof StartupError ||
    error instanceof MigrationError;
  console.error(
    `NAP Tracker cannot start: ${error instanceof Error ? error.message : String(error)}`,
  );
  if (!known && error instanceof Error && error.stack) console.error(error.stack);
  process.exit(1);
});
