/**
 * Password hashing with scrypt from Node's own crypto (no native add-on to build).
 * Parameters follow OWASP's Password Storage Cheat Sheet: N=2^17, r=8, p=1.
 * Stored as `scrypt$N$r$p$salt$hash` (base64), so parameters can be raised later and old
 * hashes still verify.
 */
import { randomBytes, scrypt, timingSafeEqual } from "node:crypto";

// Unit and integration tests (Vitest sets NODE_ENV=test) use a cheaper cost so that hundreds of
// hashes stay fast; the cost is stored in each hash, so verification is unaffected.
const N = process.env.NODE_ENV === "test" ? 2 ** 12 : 2 ** 17;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;
const MAX_MEMORY = 256 * 1024 * 1024;

function derive(password: string, salt: Buffer, n: number, r: number, p: number) {
  return new Promise<Buffer>((resolve, reject) => {
    scrypt(
      password.normalize("NFC"),
      salt,
      KEY_LENGTH,
      { N: n, r, p, maxmem: MAX_MEMORY },
      (error, key) => (error ? reject(error) : resolve(key)),
    );
  });
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, N, R, P);
  return ["scrypt", N, R, P, salt.toString("base64"), key.toString("base64")].join("$");
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split("$");
  if (scheme !== "scrypt" || !n || !r || !p || !salt || !hash) return false;
  const expected = Buffer.from(hash, "base64");
  const key = await derive(password, Buffer.from(salt, "base64"), Number(n), Number(r), Number(p));
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** A random password for demo accounts when DEMO_PASSWORD is not set. */
export function generatePassword(): string {
  return randomBytes(18).toString("base64url");
}
