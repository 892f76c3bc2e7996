/** The notifications loop: off with 0, started once, and a failing round never throws. */
import { afterEach, describe, expect, it, vi } from "vitest";
import { closeDb } from "@/db/client";
import { logger } from "@/lib/log/logger";
import { runNotificationRound, startNotificationLoop, stopNotificationLoop } from "./scheduler";

afterEach(() => {
  stopNotificationLoop();
  closeDb();
  delete process.env.REMINDER_INTERVAL_SECONDS;
  vi.restoreAllMocks();
});

describe("the notifications loop", () => {
  it("REMINDER_INTERVAL_SECONDS=0 turns it off", () => {
    process.env.REMINDER_INTERVAL_SECONDS = "0";
    expect(startNotificationLoop()).toBe(false);
  });

  it("starts once per process", () => {
    process.env.REMINDER_INTERVAL_SECONDS = "300";
    expect(startNotificationLoop()).toBe(true);
    expect(startNotificationLoop()).toBe(false);
  });

  it("a round that fails is logged and does not throw", async () => {
    const saved = process.env.DATABASE_PATH;
    process.env.DATABASE_PATH = "/nonexistent-folder/nap.db";
    const errors: string[] = [];
    vi.spyOn(logger, "error").mockImplementation(((_: unknown, message: string) => {
      errors.push(message);
    }) as never);
    try {
      await expect(runNotificationRound()).resolves.toBeUndefined();
    } finally {
      process.env.DATABASE_PATH = saved;
    }
    expect(errors).toContain("deadline reminders failed");
  });
});
