import path from "node:path";

export const TEST_TMP = path.resolve(".tmp", "vitest");
export const BASE_DB = path.join(TEST_TMP, "base.db");
export const TEST_DEMO_PASSWORD = "correct horse battery staple";
