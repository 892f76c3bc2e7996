/**
 * Users and their access: listing, creating, changing role or institution, deactivating,
 * password links. Only admins manage users (lib/auth/policy.ts); every change is written with
 * its audit event in one transaction, and any change to what a user may do bumps their session
 * version, which ends their open sessions at once.
 */
import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { and, asc, eq, gt, isNull, or, type SQL, sql } from "drizzle-orm";
import { type Db, getDb } from "@/db/client";
import { institutions, passwordTokens, users } from "@/db/schema";
import { recordAudit } from "@/lib/audit/log";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { assertAllowed } from "@/lib/auth/policy";
import type { Viewer } from "@/lib/auth/viewer";
import type { Role } from "@/lib/domain/enums";
import { AppError } from "@/lib/errors";
import { actorOf } from "@/lib/server/db";
import { parseInput } from "@/lib/server/validation";
import {
  type CreateUserInput,
  createUserSchema,
  type UpdateUserInput,
  type UserSearch,
  updateUserSchema,
} from "./schemas";

/** How long a set-password link stays valid. */
export const PASSWORD_LINK_HOURS = 72;

export type UserListItem = {
  id: number;
  email: string;
  name: string;
  role: Role;
  institution: string | null;
  institutionId: number | null;
  active: boolean;
  hasPassword: boolean;
};

const listColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  role: users.role,
  institution: institutions.acronym,
  institutionId: users.institutionId,
  active: users.active,
  hasPassword: sql<number>`${users.passwordHash} is not null`,
};

type ListRow = Omit<UserListItem, "hasPassword"> & { hasPassword: number };
const toItem = (row: ListRow): UserListItem => ({ ...row, hasPassword: Boolean(row.hasPassword) });

/** Admins: users matching a search, by name. */
export function listUsers(viewer: Viewer, search: UserSearch = {}): UserListItem[] {
  assertAllowed(viewer, "users.read");
  const filters: SQL[] = [];
  if (search.q) {
    const pattern = `%${search.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const match = or(
      sql`${users.name} like ${pattern} escape '\\'`,
      sql`${users.email} like ${pattern} escape '\\'`,
      sql`${institutions.acronym} like ${pattern} escape '\\'`,
    );
    if (match) filters.push(match);
  }
  if (search.role) filters.push(eq(users.role, search.role));
  if (search.status) filters.push(eq(users.active, search.status === "active"));
  return getDb()
    .select(listColumns)
    .from(users)
    .leftJoin(institutions, eq(institutions.id, users.institutionId))
    .where(filters.length ? and(...filters) : undefined)
    .orderBy(asc(users.name), asc(users.email))
    .all()
    .map(toItem);
}

/** Admins: one user, or NOT_FOUND. */
export function getUser(viewer: Viewer, id: number): UserListItem {
  assertAllowed(viewer, "users.read");
  const row = getDb()
    .select(listColumns)
    .from(users)
    .leftJoin(institutions, eq(institutions.id, users.institutionId))
    .where(eq(users.id, id))
    .get();
  if (!row) throw new AppError("NOT_FOUND", "This user was not found.");
  return toItem(row);
}

/** Admins: the institutions a user can belong to. */
export function listInstitutionOptions(viewer: Viewer) {
  assertAllowed(viewer, "users.read");
  return getDb()
    .select({ id: institutions.id, acronym: institutions.acronym, name: institutions.name })
    .from(institutions)
    .where(eq(institutions.active, true))
    .orderBy(asc(institutions.acronym))
    .all();
}

function assertInstitution(db: Db, institutionId: number | null) {
  if (institutionId === null) return;
  const found = db
    .select({ id: institutions.id })
    .from(institutions)
    .where(eq(institutions.id, institutionId))
    .get();
  if (!found) throw new AppError("VALIDATION", "This institution does not exist.");
}

function newPasswordToken(db: Db, userId: number): string {
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(Date.now() + PASSWORD_LINK_HOURS * 3600_000).toISOString();
  // Any earlier unused link stops working: only the newest one counts.
  db.update(passwordTokens)
    .set({ usedAt: new Date().toISOString() })
    .where(and(eq(passwordTokens.userId, userId), isNull(passwordTokens.usedAt)))
    .run();
  db.insert(passwordTokens)
    .values({ userId, tokenHash: hashToken(token), expiresAt })
    .run();
  return token;
}

function hashToken(token: string) {
  return createHash("sha256").update(token).digest("hex");
}

/** Admins: creates a user without a password and returns a one-time set-password token. */
export function createUser(
  viewer: Viewer,
  raw: unknown,
): { id: number; token: string; email: string } {
  const admin = assertAllowed(viewer, "users.manage");
  const input: CreateUserInput = parseInput(createUserSchema, raw);
  const db = getDb();
  return db.transaction((tx) => {
    const t = tx as unknown as Db;
    assertInstitution(t, input.institutionId);
    const existing = t
      .select({ id: users.id })
      .from(users)
      .where(eq(users.email, input.email))
      .get();
    if (existing) throw new AppError("CONFLICT", "A user with this e-mail address already exists.");
    const row = t.insert(users).values(input).returning({ id: users.id }).get();
    const token = newPasswordToken(t, row.id);
    recordAudit(t, {
      actor: actorOf(admin),
      action: "user.create",
      entityType: "user",
      entityId: row.id,
      after: input,
    });
    return { id: row.id, token, email: input.email };
  });
}

/** Admins: changes name, role or institution; a changed role or institution ends the user's sessions. */
export function updateUser(viewer: Viewer, id: number, raw: unknown): void {
  const admin = assertAllowed(viewer, "users.manage");
  const input: UpdateUserInput = parseInput(updateUserSchema, raw);
  const db = getDb();
  db.transaction((tx) => {
    const t = tx as unknown as Db;
    const before = t
      .select({
        name: users.name,
        role: users.role,
        institutionId: users.institutionId,
        sv: users.sessionVersion,
      })
      .from(users)
      .where(eq(users.id, id))
      .get();
    if (!before) throw new AppError("NOT_FOUND", "This user was not found.");
    if (id === admin.id && input.role !== "admin") {
      throw new AppError("VALIDATION", "You cannot remove your own admin role; ask another admin.");
    }
    assertInstitution(t, input.institutionId);
    const accessChanged =
      before.role !== input.role || before.institutionId !== input.institutionId;
    t.update(users)
      .set({
        ...input,
        sessionVersion: accessChanged ? before.sv + 1 : before.sv,
        updatedAt: new Date().toISOString(),
      })
      .where(eq(users.id, id))
      .run();
    const { sv: _sv, ...shownBefore } = before;
    recordAudit(t, {
      actor: actorOf(admin),
      action: "user.update",
      entityType: "user",
      entityId: id,
      before: shownBefore,
      after: input,
    });
  });
}

/** Admins: deactivating ends the user's sessions at once; reactivating lets them sign in again. */
export function setUserActive(viewer: Viewer, id: number, active: boolean): void {
  const admin = assertAllowed(viewer, "users.manage");
  if (id === admin.id && !active)
    throw new AppError("VALIDATION", "You cannot deactivate your own account.");
  const db = getDb();
  db.transaction((tx) => {
    const t = tx as unknown as Db;
    const before = t
      .select({ active: users.active, sv: users.sessionVersion })
      .from(users)
      .where(eq(users.id, id))
      .get();
    if (!before) throw new AppError("NOT_FOUND", "This user was not found.");
    if (before.active === active) return;
    t.update(users)
      .set({ active, sessionVersion: before.sv + 1, updatedAt: new Date().toISOString() })
      .where(eq(users.id, id))
      .run();
    recordAudit(t, {
      actor: actorOf(admin),
      action: active ? "user.reactivate" : "user.deactivate",
      entityType: "user",
      entityId: id,
      before: { active: before.active },
      after: { active },
    });
  });
}

/** Admins: removes the user's password, ends their sessions, and returns a one-time set-password token. */
export function resetPassword(viewer: Viewer, id: number): { token: string; email: string } {
  const admin = assertAllowed(viewer, "users.manage");
  const db = getDb();
  return db.transaction((tx) => {
    const t = tx as unknown as Db;
    const before = t
      .select({ sv: users.sessionVersion, email: users.email })
      .from(users)
      .where(eq(users.id, id))
      .get();
    if (!before) throw new AppError("NOT_FOUND", "This user was not found.");
    t.update(users)
      .set({ passwordHash: null, sessionVersion: before.sv + 1 })
      .where(eq(users.id, id))
      .run();
    const token = newPasswordToken(t, id);
    recordAudit(t, {
      actor: actorOf(admin),
      action: "user.reset_password",
      entityType: "user",
      entityId: id,
    });
    return { token, email: before.email };
  });
}

/** Anyone holding a valid, unused link: sets the password. The token is the authorisation. */
export async function setPasswordWithToken(
  token: string,
  password: string,
): Promise<{ email: string }> {
  const hash = await hashPassword(password);
  const db = getDb();
  return db.transaction((tx) => {
    const t = tx as unknown as Db;
    const now = new Date().toISOString();
    const link = t
      .select({ id: passwordTokens.id, userId: passwordTokens.userId })
      .from(passwordTokens)
      .where(
        and(
          eq(passwordTokens.tokenHash, hashToken(token)),
          isNull(passwordTokens.usedAt),
          gt(passwordTokens.expiresAt, now),
        ),
      )
      .get();
    if (!link)
      throw new AppError(
        "NOT_FOUND",
        "This link is not valid any more. Ask the NAP secretariat for a new one.",
      );
    const user = t
      .select({ email: users.email, sv: users.sessionVersion })
      .from(users)
      .where(eq(users.id, link.userId))
      .get();
    if (!user) throw new AppError("NOT_FOUND", "This link is not valid any more.");
    t.update(passwordTokens).set({ usedAt: now }).where(eq(passwordTokens.id, link.id)).run();
    t.update(users)
      .set({ passwordHash: hash, sessionVersion: user.sv + 1, updatedAt: now })
      .where(eq(users.id, link.userId))
      .run();
    recordAudit(t, {
      actor: { id: link.userId, label: user.email },
      action: "user.set_password",
      entityType: "user",
      entityId: link.userId,
    });
    return { email: user.email };
  });
}

/** Any signed-in user: changes their own password after proving the current one; ends all their sessions. */
export async function changeOwnPassword(
  viewer: Viewer,
  current: string,
  next: string,
): Promise<void> {
  const self = assertAllowed(viewer, "account.manage");
  const db = getDb();
  const row = db
    .select({ hash: users.passwordHash })
    .from(users)
    .where(eq(users.id, self.id))
    .get();
  if (!row?.hash || !(await verifyPassword(current, row.hash))) {
    throw new AppError("VALIDATION", "Your current password is not correct.");
  }
  const hash = await hashPassword(next);
  db.transaction((tx) => {
    const t = tx as unknown as Db;
    t.update(users)
      .set({
        passwordHash: hash,
        sessionVersion: sql`${users.sessionVersion} + 1`,
        updatedAt: new Date().toISOString(),
      })
      .where(eq(users.id, self.id))
      .run();
    recordAudit(t, {
      actor: actorOf(self),
      action: "user.change_password",
      entityType: "user",
      entityId: self.id,
    });
  });
}

/** Counts for the admin overview. */
export function countUsers(viewer: Viewer): { total: number; active: number } {
  assertAllowed(viewer, "users.read");
  const row = getDb()
    .select({
      total: sql<number>`count(*)`,
      active: sql<number>`coalesce(sum(${users.active}), 0)`,
    })
    .from(users)
    .get();
  return { total: row?.total ?? 0, active: row?.active ?? 0 };
}
