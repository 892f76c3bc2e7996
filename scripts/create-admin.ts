/**
 * Creates the first admin of an installation without demo data:
 *   npm run create-admin -- --email secretariat@example.gov --name "NAP Secretariat"
 * The password comes from ADMIN_PASSWORD, or is asked for (not echoed) at the prompt.
 */
import { parseArgs } from "node:util";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { openDatabase } from "@/db/client";
import { users } from "@/db/schema";
import { recordAudit } from "@/lib/audit/log";
import { hashPassword } from "@/lib/auth/password";
import { newPasswordSchema } from "@/lib/auth/password-rules";
import { databasePath, readEnv } from "@/lib/config/env";

const argsSchema = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email("--email must be an e-mail address")),
  name: z.string().trim().min(1).max(120).default("NAP Secretariat"),
});

async function askHidden(question: string): Promise<string> {
  if (!process.stdin.isTTY)
    throw new Error("Set ADMIN_PASSWORD, or run this in a terminal to be asked.");
  process.stdout.write(question);
  process.stdin.setRawMode(true);
  process.stdin.resume();
  process.stdin.setEncoding("utf8");
  return new Promise((resolve) => {
    let value = "";
    const onData = (char: string) => {
      if (char === "\r" || char === "\n" || char === "\u0004") {
        process.stdin.setRawMode(false);
        process.stdin.pause();
        process.stdin.off("data", onData);
        process.stdout.write("\n");
        resolve(value);
      } else if (char === "\u0003") {
        process.exit(130);
      } else if (char === "\u007f") {
        value = value.slice(0, -1);
      } else {
        value += char;
      }
    };
    process.stdin.on("data", onData);
  });
}

async function main() {
  const { values } = parseArgs({
    options: { email: { type: "string" }, name: { type: "string" } },
  });
  const args = argsSchema.parse(values);
  const password = newPasswordSchema.parse(
    process.env.ADMIN_PASSWORD || (await askHidden("Password for the new admin: ")),
  );
  const db = openDatabase(databasePath(readEnv()));
  const hash = await hashPassword(password);
  db.transaction((tx) => {
    const t = tx as unknown as typeof db;
    if (t.select({ id: users.id }).from(users).where(eq(users.email, args.email)).get()) {
      throw new Error(`A user with the e-mail ${args.email} already exists.`);
    }
    const row = t
      .insert(users)
      .values({ email: args.email, name: args.name, role: "admin", passwordHash: hash })
      .returning({ id: users.id })
      .get();
    recordAudit(t, {
      actor: { id: null, label: "system" },
      action: "user.create_admin",
      entityType: "user",
      entityId: row.id,
      after: { email: args.email },
    });
  });
  db.$client.close();
  console.log(`Admin ${args.email} created. Sign in at /signin.`);
}

main().catch((error: unknown) => {
  const message =
    error instanceof z.ZodError
      ? error.issues.map((i) => i.message).join("; ")
      : error instanceof Error
        ? error.message
        : String(error);
  console.error(`create-admin: ${message}`);
  process.exit(1);
});
