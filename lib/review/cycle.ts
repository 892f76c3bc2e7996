/**
 * The review cycle: the one implementation of how a reviewed record moves from its institution
 * to the steering committee and back (PRODUCT.md). Progress reports (lib/reports/data.ts) and
 * yearly action plans (lib/action-plans/data.ts) both go through it; a new reviewed record
 * (shadow observations, statistics imports) plugs in with a `ReviewAdapter`: how to read and
 * write its row, its words, and what approving it freezes.
 *
 *   draft ─submit→ submitted ─approve→ approved
 *   submitted ─return (reason)→ draft        approved ─reopen (reason)→ draft
 *
 * What the cycle decides, the same for every record:
 * - Who may do which transition: `WHO` names the adapter's permission (lib/auth/policy.ts) for
 *   each; the record-level rule (own institution, hidden as "not found") is the adapter's
 *   `readable` / `editable`. Checked before the transaction and again inside it, on the locked
 *   row, so that a refusal's audit row is not rolled back with it.
 * - Return and reopen need a reason the institution reads, at least 5 characters (`needReason`).
 * - Every transition names the version it started from; a stale one is a CONFLICT naming who
 *   changed the record and when (the adapter may say more, as reports list the fields).
 * - Only a submitted record is approved or returned, only an approved one reopened, only a draft
 *   submitted (the adapter's `editable` refuses the others with `lockedReason`).
 * - Each transition bumps the version, stamps when (and the reason), is audited as
 *   `<prefix>.<transition>` in the same IMMEDIATE transaction, and notifies: a submission the
 *   reviewers, the rest the institution's reporters; the mailer is kicked after the commit.
 * - Approving freezes the record as a new approved version (`freeze`): what the public reads.
 *   Returning, reopening, editing and re-submitting change nothing public; the next approval
 *   replaces it. Reports freeze into `report_versions` and publish observations; action plans
 *   into `action_plan_versions`.
 */
import "server-only";
import { and, desc, eq, ne, sql } from "drizzle-orm";
import { type Db, getDb } from "@/db/client";
import * as s from "@/db/schema";
import { recordAudit } from "@/lib/audit/log";
import { assertAllowed, type Permission } from "@/lib/auth/policy";
import type { SignedInViewer, Viewer } from "@/lib/auth/viewer";
import { AppError, DetailedError } from "@/lib/errors";
import {
  kickMailer,
  type NotificationInput,
  notifyInstitutionReporters,
  notifyReviewers,
} from "@/lib/notifications/data";
import { actorOf, immediate } from "@/lib/server/db";
import {
  CONTROL_CHARACTERS_MESSAGE,
  hasControlCharacters,
  isReason,
  reasonMessage,
} from "@/lib/server/validation";
import { lockedReason, type ReviewStatus, type ReviewTransition, TRANSITIONS } from "./states";

export type { ReviewState, ReviewStatus, ReviewTransition } from "./states";
export { lockedReason, reviewReason, reviewState } from "./states";

/** Which of the record's permissions each transition needs. */
export const WHO = {
  submit: "edit",
  approve: "review",
  return: "review",
  reopen: "reopen",
} as const satisfies Record<ReviewTransition, "edit" | "review" | "reopen">;

/** The part of a reviewed record's row the cycle reads. */
export type CycleRow = {
  id: number;
  status: ReviewStatus;
  version: number;
  institutionId: number;
};

/** The columns the cycle writes; every reviewed record's table has them. */
export type CycleColumns = {
  status: ReviewStatus;
  version: number;
  updatedAt: string;
  updatedById?: number;
  submittedAt?: string;
  approvedAt?: string;
  approvedById?: number;
  returnedAt?: string | null;
  returnReason?: string | null;
  reopenedAt?: string | null;
  reopenReason?: string | null;
};

/** What the notifications say of one record. */
export type CycleSubject = {
  /** The institution's acronym and name. */
  institution: string;
  institutionName: string;
  planTitle: string;
  /** What the record covers, after "for": "July 2021 – June 2022", "2022". */
  when: string;
};

export type ApproveInput = {
  version: number;
  /** The reviewer's note, when they wrote one. */
  note?: string;
  /** What else the approval carries (reports: the warnings the reviewer ticked). */
  acknowledged?: readonly string[];
};

export type ReviewAdapter<Row extends CycleRow> = {
  /** The audit trail's entity type: "progress_report". */
  entityType: string;
  /** The audit actions' prefix: "report" gives "report.submit". */
  actionPrefix: string;
  labels: {
    /** The record in a sentence: "report", "action plan". */
    noun: string;
    /** In a notification's body: "progress report", "yearly action plan". */
    fullNoun: string;
    /** How the body names the plan: "on" (a report on a plan), "under". */
    planPreposition: string;
    /** Added to the approval's notification: "Its figures are now public." */
    approvedNote?: string;
  };
  permissions: Record<"edit" | "review" | "reopen", Permission>;
  links: { workspace: (id: number) => string; review: (id: number) => string };
  /** The row, if the viewer may read it; otherwise a logged refusal (NOT_FOUND where hidden). */
  readable: (viewer: SignedInViewer, id: number, db: Db) => Row;
  /** The row, if the viewer may change it now (a draft of their institution); else a refusal. */
  editable: (viewer: Viewer, id: number, db: Db) => { viewer: SignedInViewer; row: Row };
  subject: (row: Row) => CycleSubject;
  /** Writes the cycle's columns of the row. */
  update: (db: Db, id: number, set: CycleColumns) => void;
  /** A stale version: throws a CONFLICT (the default names who changed it last, and when). */
  conflict?: (db: Db, row: Row, version: number) => never;
  /** Refuses a submission of an incomplete record (VALIDATION, saying what is missing). */
  checkSubmittable?: (db: Db, row: Row) => void;
  /** Refuses an approval the record's own rules stop; returns what goes into its audit. */
  checkApprovable?: (
    db: Db,
    row: Row,
    input: ApproveInput,
  ) => { note?: string; audit?: Record<string, unknown> } | undefined;
  /** Why this record cannot be reopened now (CONFLICT), or null. */
  reopenBlocker?: (row: Row) => string | null;
  /**
   * Freezes the record as its next approved version, the one the public reads; returns the
   * version number and what the approval's audit event and answer should say of it.
   */
  freeze: (
    db: Db,
    row: Row,
    approval: { at: string; actor: SignedInViewer },
  ) => { versionNumber: number; details?: Record<string, unknown> };
  /** After a return or reopen is written (reports keep the reason as a comment). */
  afterBackToDraft?: (
    db: Db,
    row: Row,
    done: { actor: SignedInViewer; transition: "return" | "reopen"; why: string },
  ) => void;
};

/**
 * The reason of a return or reopen: the reason rule of every reason (lib/server/validation.ts,
 * at least 5 characters besides spaces, plain text); otherwise a VALIDATION on `reason`, one
 * message (the report editor's API reads one; the form wrapper makes it the one shape).
 */
export function needReason(reason: string | undefined, what: string): string {
  const why = reason?.trim() ?? "";
  if (!isReason(why) || hasControlCharacters(why))
    throw new DetailedError("VALIDATION", `Please give the institution a reason to ${what}.`, {
      fieldErrors: {
        reason: hasControlCharacters(why)
          ? CONTROL_CHARACTERS_MESSAGE
          : reasonMessage(`Write a reason to ${what}`),
      },
    });
  return why;
}

/** The default stale-version refusal: who changed the record last, and when. */
function staleVersion<Row extends CycleRow>(adapter: ReviewAdapter<Row>, db: Db, row: Row): never {
  const last = db
    .select({
      at: s.auditEvents.at,
      by: sql<string>`coalesce(${s.users.name}, ${s.auditEvents.actorLabel})`,
    })
    .from(s.auditEvents)
    .leftJoin(s.users, eq(s.users.id, s.auditEvents.actorId))
    .where(
      and(
        eq(s.auditEvents.entityType, adapter.entityType),
        eq(s.auditEvents.entityId, String(row.id)),
        ne(s.auditEvents.action, "authz.denied"),
      ),
    )
    .orderBy(desc(s.auditEvents.id))
    .get();
  const who = last
    ? ` ${last.by} changed it at ${last.at.slice(0, 16).replace("T", " ")} UTC.`
    : "";
  const { noun } = adapter.labels;
  throw new DetailedError(
    "CONFLICT",
    `This ${noun} was changed after you opened it.${who} Nothing was saved: reload the page to see the current ${noun}; what you typed is still in the form.`,
    { currentVersion: row.version },
  );
}

/** Refuses a change that started from another version than the record's. */
export function checkVersion<Row extends CycleRow>(
  adapter: ReviewAdapter<Row>,
  db: Db,
  row: Row,
  version: number,
): void {
  if (row.version === version) return;
  if (adapter.conflict) adapter.conflict(db, row, version);
  staleVersion(adapter, db, row);
}

/** The row and the signed-in actor, if the viewer holds the transition's permission and may read it. */
function reviewerOf<Row extends CycleRow>(
  adapter: ReviewAdapter<Row>,
  viewer: Viewer,
  id: number,
  transition: Exclude<ReviewTransition, "submit">,
  db: Db,
) {
  const actor = assertAllowed(viewer, adapter.permissions[WHO[transition]]);
  return { actor, row: adapter.readable(actor, id, db) };
}

/** What the viewer may do to this record now, for the page's buttons (no audit entry). */
export function mayReview<Row extends CycleRow>(
  adapter: ReviewAdapter<Row>,
  can: (permission: Permission) => boolean,
  row: Pick<Row, "status">,
) {
  return {
    review: can(adapter.permissions.review) && row.status === TRANSITIONS.approve.from,
    reopen: can(adapter.permissions.reopen) && row.status === TRANSITIONS.reopen.from,
  };
}

/** Refuses a transition from another status than its own. */
function checkFrom<Row extends CycleRow>(
  adapter: ReviewAdapter<Row>,
  row: Row,
  transition: Exclude<ReviewTransition, "submit">,
) {
  const from = TRANSITIONS[transition].from;
  if (row.status !== from) {
    const verb = { approve: "approved", return: "returned", reopen: "reopened" }[transition];
    throw new AppError(
      "CONFLICT",
      `Only ${from === "approved" ? "an" : "a"} ${from} ${adapter.labels.noun} can be ${verb}.`,
    );
  }
}

function audit<Row extends CycleRow>(
  adapter: ReviewAdapter<Row>,
  db: Db,
  actor: SignedInViewer,
  row: Row,
  transition: ReviewTransition,
  extra: { after?: Record<string, unknown>; reason?: string | null } = {},
) {
  recordAudit(db, {
    actor: actorOf(actor),
    action: `${adapter.actionPrefix}.${transition}`,
    entityType: adapter.entityType,
    entityId: row.id,
    before: { status: row.status, version: row.version },
    after: { status: TRANSITIONS[transition].to, version: row.version + 1, ...extra.after },
    reason: extra.reason ?? null,
  });
}

function tellInstitution<Row extends CycleRow>(
  adapter: ReviewAdapter<Row>,
  db: Db,
  row: Row,
  message: Omit<NotificationInput, "link">,
) {
  notifyInstitutionReporters(db, row.institutionId, {
    ...message,
    link: adapter.links.workspace(row.id),
  });
}

/** The institution sends its draft for review; the reviewers are told. */
export function submit<Row extends CycleRow>(
  adapter: ReviewAdapter<Row>,
  viewer: Viewer,
  id: number,
  input: { version: number },
) {
  assertAllowed(viewer, adapter.permissions[WHO.submit]);
  adapter.editable(viewer, id, getDb());
  const done = immediate((db) => {
    const { viewer: reporter, row } = adapter.editable(viewer, id, db);
    checkVersion(adapter, db, row, input.version);
    // `editable` refuses a record that is not a draft; this holds for any adapter.
    if (row.status !== TRANSITIONS.submit.from)
      throw new AppError("CONFLICT", lockedReason(adapter.labels.noun, row.status) ?? "");
    adapter.checkSubmittable?.(db, row);
    const at = new Date().toISOString();
    adapter.update(db, row.id, {
      status: TRANSITIONS.submit.to,
      version: row.version + 1,
      submittedAt: at,
      updatedById: reporter.id,
      updatedAt: at,
      returnedAt: null,
      returnReason: null,
      reopenedAt: null,
      reopenReason: null,
    });
    audit(adapter, db, reporter, row, "submit");
    const { noun, fullNoun, planPreposition } = adapter.labels;
    const subject = adapter.subject(row);
    notifyReviewers(db, {
      kind: "report.submitted",
      title: `${subject.institution} submitted its ${noun} for ${subject.when}`,
      body: `${subject.institutionName} submitted its ${fullNoun} ${planPreposition} ${subject.planTitle} for ${subject.when}. It is waiting for review.`,
      link: adapter.links.review(row.id),
    });
    return { version: row.version + 1 };
  });
  kickMailer();
  return done;
}

/** A reviewer approves a submitted record: it is locked and frozen as its next approved version. */
export function approve<Row extends CycleRow>(
  adapter: ReviewAdapter<Row>,
  viewer: Viewer,
  id: number,
  input: ApproveInput,
) {
  reviewerOf(adapter, viewer, id, "approve", getDb());
  const done = immediate((db) => {
    const { actor, row } = reviewerOf(adapter, viewer, id, "approve", db);
    checkVersion(adapter, db, row, input.version);
    checkFrom(adapter, row, "approve");
    const checked = adapter.checkApprovable?.(db, row, input);
    const at = new Date().toISOString();
    const frozen = adapter.freeze(db, row, { at, actor });
    adapter.update(db, row.id, {
      status: TRANSITIONS.approve.to,
      version: row.version + 1,
      approvedAt: at,
      approvedById: actor.id,
      updatedAt: at,
    });
    audit(adapter, db, actor, row, "approve", {
      after: { versionNumber: frozen.versionNumber, ...frozen.details, ...checked?.audit },
      reason: checked?.note ?? null,
    });
    const { noun, fullNoun, approvedNote } = adapter.labels;
    const subject = adapter.subject(row);
    tellInstitution(adapter, db, row, {
      kind: "report.approved",
      title: `Your ${noun} for ${subject.when} was approved`,
      body: `The steering committee approved ${subject.institution}'s ${fullNoun} for ${subject.when}.${approvedNote ? ` ${approvedNote}` : ""}`,
    });
    return { version: row.version + 1, versionNumber: frozen.versionNumber, ...frozen.details };
  });
  kickMailer();
  return done;
}

/**
 * Sends a record back to draft with a reason: a reviewer's return of a submitted record, an
 * admin's reopening of an approved one. The reason is kept on the record and audited, and the
 * institution's reporters are told why. What was approved before stays public.
 */
function backToDraft<Row extends CycleRow>(
  adapter: ReviewAdapter<Row>,
  transition: "return" | "reopen",
  viewer: Viewer,
  id: number,
  input: { version: number; reason?: string },
) {
  reviewerOf(adapter, viewer, id, transition, getDb());
  const done = immediate((db) => {
    const { actor, row } = reviewerOf(adapter, viewer, id, transition, db);
    const { noun } = adapter.labels;
    const why = needReason(input.reason, `${transition} the ${noun}`);
    checkVersion(adapter, db, row, input.version);
    checkFrom(adapter, row, transition);
    if (transition === "reopen") {
      const blocker = adapter.reopenBlocker?.(row);
      if (blocker) throw new AppError("CONFLICT", blocker);
    }
    const at = new Date().toISOString();
    const returned = transition === "return";
    adapter.update(db, row.id, {
      status: TRANSITIONS[transition].to,
      version: row.version + 1,
      updatedAt: at,
      ...(returned ? { returnedAt: at, returnReason: why } : { reopenedAt: at, reopenReason: why }),
    });
    adapter.afterBackToDraft?.(db, row, { actor, transition, why });
    audit(adapter, db, actor, row, transition, { reason: why });
    const subject = adapter.subject(row);
    tellInstitution(
      adapter,
      db,
      row,
      returned
        ? {
            kind: "report.returned",
            title: `Your ${noun} for ${subject.when} was returned`,
            body: `The reviewer returned ${subject.institution}'s ${noun} for ${subject.when}: ${why}`,
          }
        : {
            kind: "report.reopened",
            title: `Your approved ${noun} for ${subject.when} was reopened`,
            body: `An administrator reopened ${subject.institution}'s ${noun} for ${subject.when}: ${why}`,
          },
    );
    return { version: row.version + 1 };
  });
  kickMailer();
  return done;
}

/** A reviewer returns a submitted record to its institution, with a reason. */
export const returnToInstitution = <Row extends CycleRow>(
  adapter: ReviewAdapter<Row>,
  viewer: Viewer,
  id: number,
  input: { version: number; reason?: string },
) => backToDraft(adapter, "return", viewer, id, input);

/** An admin reopens an approved record, with a reason; the public keeps its approved version. */
export const reopen = <Row extends CycleRow>(
  adapter: ReviewAdapter<Row>,
  viewer: Viewer,
  id: number,
  input: { version: number; reason?: string },
) => backToDraft(adapter, "reopen", viewer, id, input);
