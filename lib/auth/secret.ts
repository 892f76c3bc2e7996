/**
 * The secret that signs session cookies. From AUTH_SECRET (or NEXTAUTH_SECRET) when set;
 * otherwise generated once, at first start, and kept beside the database with owner-only
 * permissions, so the two-command start works without a hard-coded default.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { databasePath } from "@/lib/config/env";

export function authSecretPath(): string {
  return path.join(path.dirname(databasePath()), ".auth-secret");
}

export function getAuthSecret(): string {
  const fromEnv = process.env.AUTH_SECRET || process.env.NEXTAUTH_SECRET;
  if (fromEnv && fromEnv.length >= 32) return fromEnv;
  if (fromEnv) throw new Error("AUTH_SECRET: must be at least 32 characters.");
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
