/**
 * The one place that answers "may this user do this?". Data-access functions call
 * `assertAllowed` with the viewer from the session; pages, actions and route handlers never
 * decide on their own. A refusal is written to the audit log.
 *
 * Record-level rules (a reporter and their own institution's reports) live beside the records'
 * data access and call `deny` so they are logged the same way.
 */
import "server-only";
import { getDb } from "@/db/client";
import { recordAudit } from "@/lib/audit/log";
import type { Role } from "@/lib/domain/enums";
import { AppError } from "@/lib/errors";
import type { SignedInViewer, Viewer } from "./viewer";

export const PERMISSIONS = {
  /** An institution's workspace: its reports and yearly action plan. */
  "workspace.view": ["reporter"],
  /** The review queue. */
  "review.view": ["reviewer", "admin"],
  /** The steering committee's dashboard. */
  "dashboard.view": ["reviewer", "admin"],
  /** The secretariat's area. */
  "admin.view": ["admin"],
  "users.read": ["admin"],
  "users.manage": ["admin"],
  "audit.read": ["admin"],
  /** Plans and their M&E framework: create, import, edit. */
  "framework.manage": ["admin"],
  /** Reporting periods: create, change deadlines, open and close. */
  "periods.manage": ["admin"],
  /** Draft, save and submit their own institution's progress reports (record rule: own institution). */
  "reports.edit": ["reporter"],
  /** Read every institution's reports, submitted or not. */
  "reports.read.all": ["reviewer", "admin"],
  /** Approve or return a submitted report. */
  "reports.review": ["reviewer", "admin"],
  /** Reopen an approved report, with a reason. */
  "reports.reopen": ["admin"],
  /** Draft, edit and submit their own institution's yearly action plans (record rule: own institution). */
  "actionplans.edit": ["reporter"],
  /** Read every institution's yearly action plans, drafts included, and their budget totals. */
  "actionplans.read.all": ["reviewer", "admin"],
  /** Approve or return a submitted action plan. */
  "actionplans.review": ["reviewer", "admin"],
  /** Reopen an approved action plan, with a reason. */
  "actionplans.reopen": ["admin"],
  /** Comment on a report (reporters only on their own institution's: record rule). */
  "reports.comment": ["reporter", "reviewer", "admin"],
  /** A user's own in-app notifications. */
  "notifications.read": ["cso", "reporter", "reviewer", "admin"],
  /** A user's own account: name, password. */
  "account.manage": ["cso", "reporter", "reviewer", "admin"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(viewer: Viewer, permission: Permission): boolean {
  return viewer !== null && (PERMISSIONS[permission] as readonly Role[]).includes(viewer.role);
}

/** Logs the refusal and throws FORBIDDEN (or NOT_FOUND where existence must not leak). */
export function deny(
  viewer: SignedInViewer,
  what: string,
  options: { entityType?: string; entityId?: string | number; hide?: boolean } = {},
): never {
  recordAudit(getDb(), {
    actor: { id: viewer.id, label: viewer.email ?? `user:${viewer.id}` },
    action: "authz.denied",
    entityType: options.entityType ?? "permission",
    entityId: options.entityId ?? what,
    after: { role: viewer.role, attempted: what },
  });
  if (options.hide) throw new AppError("NOT_FOUND", "This record was not found.");
  throw new AppError("FORBIDDEN", "You do not have permission to do this.");
}

/** Throws UNAUTHENTICATED for the public, FORBIDDEN (logged) for a user without the permission. */
export function assertAllowed(viewer: Viewer, permission: Permission): SignedInViewer {
  if (viewer === null) throw new AppError("UNAUTHENTICATED", "Please sign in.");
  if (!can(viewer, permission)) deny(viewer, permission);
  return viewer;
}
