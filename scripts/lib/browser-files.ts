/**
 * After every build: the files Next serves to browsers (`.next/static`) must not hold the
 * database schema. Its column names are the tell: if `password_hash` or `session_version`
 * appears there, client code has pulled in `db/schema` (and drizzle-orm with it), which
 * `app/client-imports.test.ts` should have caught first.
 */
import fs from "node:fs";
import path from "node:path";

export const SERVER_ONLY_WORDS = ["password_hash", "session_version"] as const;

export class BrowserFilesError extends Error {}

function files(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => {
      const full = path.join(dir, entry.name);
      return entry.isDirectory() ? files(full) : entry.isFile() ? [full] : [];
    });
}

/** Each file under `dir` that names a server-only word, with the words it names. */
export function serverWordsInBrowserFiles(dir: string): { file: string; words: string[] }[] {
  return files(dir).flatMap((file) => {
    const text = fs.readFileSync(file, "latin1");
    const words = SERVER_ONLY_WORDS.filter((word) => text.includes(word));
    return words.length > 0 ? [{ file, words }] : [];
  });
}

/** Throws, naming every offending file, when the build's browser files hold the schema. */
export function assertBrowserFilesClean(dir = path.join(".next", "static")): void {
  if (!fs.existsSync(dir))
    throw new BrowserFilesError(`${dir} is missing: the build did not finish.`);
  const found = serverWordsInBrowserFiles(dir);
  if (found.length === 0) return;
  const lines = found.map(({ file, words }) => `  ${file}: ${words.join(", ")}`);
  throw new BrowserFilesError(
    [
      "The build ships the database schema to browsers (a client module imports db/):",
      ...lines,
      "Import enums from lib/domain/enums.ts instead; run `npx vitest run app/client-imports.test.ts` to see the import chain.",
    ].join("\n"),
  );
}
