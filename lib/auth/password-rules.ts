/**
 * Password rules as OWASP ASVS (V2.1) puts them: at least 12 characters, at most 128, no
 * composition rules, and refused when on a list of common passwords shipped with the app.
 */
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";

let common: Set<string> | undefined;

function commonPasswords(): Set<string> {
  if (!common) {
    const text = fs.readFileSync(
      path.join(process.cwd(), "lib", "auth", "common-passwords.txt"),
      "utf8",
    );
    common = new Set(
      text
        .split("\n")
        .map((line) => line.trim())
        .filter((line) => line && !line.startsWith("#")),
    );
  }
  return common;
}

export function isCommonPassword(password: string): boolean {
  return commonPasswords().has(password.toLowerCase());
}

export const newPasswordSchema = z
  .string()
  .min(12, "Use at least 12 characters. A few words together make a good password.")
  .max(128, "Use at most 128 characters.")
  .refine((value) => !isCommonPassword(value), {
    message: "This password is too common. Choose one that others are unlikely to use.",
  });
