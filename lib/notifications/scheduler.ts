/**
 * The notifications loop of the running app, started once from instrumentation.ts: every
 * REMINDER_INTERVAL_SECONDS (default 300; 0 turns it off) it sends the deadline reminders that
 * are due, then the e-mails that are waiting. Nothing here can stop the server: a failed round
 * is logged and the next one tries again. The timer is unref'd, so it never keeps a stopping
 * process alive; what a round did not finish, the next start picks up (lib/notifications/outbox.ts).
 */
import "server-only";
import { readEnv } from "@/lib/config/env";
import { logger } from "@/lib/log/logger";
import { errorSummary, sweepOutbox } from "./outbox";
import { runReminders } from "./reminders";

/** The first round waits a little, so that start-up (migrations, the first requests) comes first. */
const FIRST_ROUND_MS = 5_000;

const state = globalThis as unknown as { napNotificationLoop?: ReturnType<typeof setInterval> };

/** One round: reminders, then the outbox. Never throws. */
export async function runNotificationRound(now = new Date()): Promise<void> {
  try {
    const created = runReminders(now);
    if (created > 0) logger.info({ kind: "reminders", created }, "deadline reminders created");
  } catch (error) {
    logger.error({ kind: "reminders", err: errorSummary(error) }, "deadline reminders failed");
  }
  try {
    await sweepOutbox();
  } catch (error) {
    logger.error({ kind: "mail", err: errorSummary(error) }, "notification e-mail sweep failed");
  }
}

/** Starts the loop once per process; returns false when it is turned off or already running. */
export function startNotificationLoop(): boolean {
  if (state.napNotificationLoop) return false;
  const seconds = readEnv().REMINDER_INTERVAL_SECONDS;
  if (seconds === 0) {
    logger.info({ kind: "lifecycle" }, "reminders and notification e-mails are turned off");
    return false;
  }
  let busy = false;
  const round = async () => {
    if (busy) return;
    busy = true;
    try {
      await runNotificationRound();
    } finally {
      busy = false;
    }
  };
  state.napNotificationLoop = setInterval(round, seconds * 1000);
  state.napNotificationLoop.unref();
  setTimeout(round, Math.min(FIRST_ROUND_MS, seconds * 1000)).unref();
  return true;
}

/** Stops the loop (tests). */
export function stopNotificationLoop(): void {
  if (state.napNotificationLoop) clearInterval(state.napNotificationLoop);
  state.napNotificationLoop = undefined;
}
