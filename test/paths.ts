import path from "node:path";

/** One directory per test run (set in vitest.config.ts), so that runs side by side never collide. */
export const TEST_TMP = path.resolve(".tmp", "vitest", process.env.NAP_TEST_RUN ?? "default");
export const BASE_DB = path.join(TEST_TMP, "base.db");
export const TEST_DEMO_PASSWORD = "correct horse battery staple";
