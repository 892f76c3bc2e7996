import fs from "node:fs";
import path from "node:path";
import { openDatabase } from "@/db/client";
import { DEFAULT_DATABASE_PATH } from "@/lib/config/env";
import { isEmpty, seedDemo } from "@/lib/demo";

/** Migrates the database at `file` and seeds the demo data when it holds no plan yet. */
export async function prepareDatabase(file: string, demoPassword?: string): Promise<void> {
  // The default folder is ours to create; a folder the operator named must already exist.
  if (file === path.resolve(DEFAULT_DATABASE_PATH))
    fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = openDatabase(file);
  try {
    if (isEmpty(db)) {
      const result = await seedDemo(db, demoPassword);
      console.log(`Loaded the demo data (Rwanda's NAP 2018–2022) into ${file}.`);
      console.log(
        `Demo accounts: ${result.accounts
          .filter((a) => a.role !== "reporter")
          .map((a) => a.email)
          .join(", ")}, and reporter.<institution acronym>@example.org for each institution.`,
      );
      if (result.generated) {
        console.log(
          `Demo password (shown once; set DEMO_PASSWORD to choose one): ${result.password}`,
        );
      }
    }
  } finally {
    db.$client.close();
  }
}
