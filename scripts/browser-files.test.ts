import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { TEST_TMP } from "@/test/paths";
import { assertBrowserFilesClean } from "./lib/browser-files";

function staticDir(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(TEST_TMP, "static-"));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

describe("the check of the build's browser files", () => {
  it("passes files without the schema", () => {
    const dir = staticDir({ "chunks/app.js": 'const ROLES=["cso","reporter"];' });
    expect(() => assertBrowserFilesClean(dir)).not.toThrow();
  });

  it("names every file that holds a column of the users table", () => {
    const dir = staticDir({
      "chunks/a.js": 'text("password_hash").notNull()',
      "chunks/deep/b.js": 'integer("session_version")',
      "chunks/c.js": "fine",
    });
    expect(() => assertBrowserFilesClean(dir)).toThrow(
      /ships the database schema[\s\S]*chunks\/a\.js: password_hash[\s\S]*chunks\/deep\/b\.js: session_version/,
    );
  });

  it("fails when there is no build to check", () => {
    expect(() => assertBrowserFilesClean(path.join(TEST_TMP, "no-such-build"))).toThrow(/missing/);
  });
});
