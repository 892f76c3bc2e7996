/**
 * next-auth (v4) configuration: credentials sign-in, JWT sessions.
 *
 * A JWT cannot be revoked by itself, so every use of the session re-reads the user: a session
 * whose user is deactivated, or whose session version no longer matches (role, institution or
 * password changed, or the user signed out elsewhere), is refused at once.
 */
import "server-only";
import { eq } from "drizzle-orm";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getDb } from "@/db/client";
import { institutions, users } from "@/db/schema";
import { recordAudit } from "@/lib/audit/log";
import { readEnv } from "@/lib/config/env";
import { ROLES, type Role } from "@/lib/domain/enums";
import { logger, logSecurityEvent } from "@/lib/log/logger";
import { clientAddress } from "./client-address";
import { getAuthSecret } from "./secret";
import { verifyCredentials } from "./sign-in";

// With PUBLIC_URL, next-auth builds its redirects from it. Without it, the origin comes from the
// request (the app runs on any host and port); cookies are marked Secure when that is https.
// next-auth reads these two from process.env itself: they are handed to it, never read back.
const { PUBLIC_URL } = readEnv();
if (PUBLIC_URL) process.env.NEXTAUTH_URL ??= PUBLIC_URL;
else process.env.AUTH_TRUST_HOST ??= "true";

/** Idle sessions end after this; an open tab renews its session every few minutes. */
export const SESSION_MAX_AGE_SECONDS = 30 * 60;

class SessionRevoked extends Error {
  constructor() {
    super("SESSION_REVOKED");
  }
}

type SessionUser = {
  id: number;
  name: string;
  email: string;
  role: Role;
  institution: string | null;
  institutionId: number | null;
};

function loadSessionUser(id: number, sessionVersion: number): SessionUser | null {
  const row = getDb()
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      active: users.active,
      sessionVersion: users.sessionVersion,
      institutionId: users.institutionId,
      institution: institutions.acronym,
    })
    .from(users)
    .leftJoin(institutions, eq(institutions.id, users.institutionId))
    .where(eq(users.id, id))
    .get();
  if (!row?.active || row.sessionVersion !== sessionVersion) return null;
  if (!(ROLES as readonly string[]).includes(row.role)) return null;
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    role: row.role,
    institution: row.institution ?? null,
    institutionId: row.institutionId,
  };
}

// Read when a request first needs it, never at module load: `next build` imports this module
// while collecting page data, and a build must not depend on (or create) runtime state such as
// data/.auth-secret.
let secret: string | undefined;

export const authOptions: NextAuthOptions = {
  get secret() {
    secret ??= getAuthSecret();
    return secret;
  },
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS, updateAge: 0 },
  jwt: { maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/signin", error: "/signin" },
  providers: [
    CredentialsProvider({
      name: "E-mail and password",
      credentials: {
        email: { label: "E-mail", type: "email" },
        password: { label: "Password", type: "password" },
      },
      async authorize(credentials, req) {
        const result = await verifyCredentials(
          { email: credentials?.email, password: credentials?.password },
          clientAddress(req.headers ?? {}),
        );
        if (!result.ok) return null;
        return { id: String(result.userId), sv: result.sessionVersion };
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      const uid = user ? Number(user.id) : Number(token.uid);
      const sv = user ? (user as { sv?: number }).sv : (token.sv as number | undefined);
      if (!Number.isInteger(uid) || typeof sv !== "number") throw new SessionRevoked();
      const current = loadSessionUser(uid, sv);
      // Throwing makes next-auth answer "no session" and clear the cookie.
      if (!current) throw new SessionRevoked();
      return {
        uid: current.id,
        sv,
        name: current.name,
        email: current.email,
        role: current.role,
        institution: current.institution,
        institutionId: current.institutionId,
        iat: token.iat,
        exp: token.exp,
        jti: token.jti,
      };
    },
    async session({ session, token }) {
      return {
        expires: session.expires,
        user: {
          id: token.uid as number,
          name: token.name ?? "",
          email: token.email ?? "",
          role: token.role as Role,
          institution: (token.institution as string | null) ?? null,
          institutionId: (token.institutionId as number | null) ?? null,
        },
      };
    },
  },
  events: {
    // Signing out ends every session of the user: a copied cookie stops working too.
    async signOut({ token }) {
      const uid = Number(token?.uid);
      if (!Number.isInteger(uid)) return;
      const db = getDb();
      db.transaction((tx) => {
        const t = tx as unknown as typeof db;
        const row = t
          .select({ email: users.email, sv: users.sessionVersion })
          .from(users)
          .where(eq(users.id, uid))
          .get();
        if (!row) return;
        t.update(users)
          .set({ sessionVersion: row.sv + 1 })
          .where(eq(users.id, uid))
          .run();
        recordAudit(t, {
          actor: { id: uid, label: row.email },
          action: "auth.sign_out",
          entityType: "session",
          entityId: uid,
        });
      });
    },
  },
  logger: {
    error(code, metadata) {
      const message =
        metadata instanceof Error ? metadata.message : (metadata as { message?: string })?.message;
      // A revoked, expired or tampered session is an expected outcome: a security event, not an error.
      if (code === "JWT_SESSION_ERROR") {
        logSecurityEvent("session.invalid", {
          reason: message === "SESSION_REVOKED" ? "revoked" : "invalid",
        });
        return;
      }
      logger.error({ kind: "auth", code, message }, "next-auth error");
    },
    warn(code) {
      if (code === "NEXTAUTH_URL") return;
      logger.warn({ kind: "auth", code }, "next-auth warning");
    },
    debug() {},
  },
};
