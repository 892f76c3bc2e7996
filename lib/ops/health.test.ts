import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { GET } from "@/app/api/health/route";
import { closeDb } from "@/db/client";
import { withTestDatabase } from "@/test/db";
import { TEST_TMP } from "@/test/paths";

withTestDatabase();

describe("GET /api/health", () => {
  it("answers 200 with the database, the applied migration and the version", async () => {
    const response = GET();
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toEqual({
      status: "ok",
      database: "ok",
      migration: expect.stringMatching(/^\d{4}_\w+$/),
      version: "0.1.0",
    });
    expect(JSON.stringify(body)).not.toMatch(/vitest|\.db|secret/i);
  });

  it("answers 503 when the database is unusable", async () => {
    closeDb();
    const broken = path.join(TEST_TMP, "not-a-database.db");
    fs.writeFileSync(broken, "this is not an SQLite file, whatever its name says".repeat(100));
    process.env.DATABASE_PATH = broken;
    const response = GET();
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({
      status: "unavailable",
      database: "error",
      version: "0.1.0",
    });
  });
});
