/**
 * The secret that signs session cookies. From AUTH_SECRET (or NEXTAUTH_SECRET) when set;
 * otherwise generated once, at first start, and kept beside the database with owner-only
 * permissions, so the two-command start works without a hard-coded default.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { configuredAuthSecret, databasePath } from "@/lib/config/env";

export function authSecretPath(): string {
  return path.join(path.dirname(databasePath()), ".auth-secret");
}

export function getAuthSecret(): string {
  // Its length is checked with the rest of the settings (lib/config/env.ts).
  const fromEnv = configuredAuthSecret();
  if (fromEnv) return fromEnv;
  const file = authSecretPath();
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch {
    const secret = randomBytes(48).toString("base64url");
    // `wx`: never overwrite a secret another process wrote in the meantime.
    try {
      fs.writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: "wx" });
      return secret;
    } catch {
      return fs.readFileSync(file, "utf8").trim();
    }
  }
}
