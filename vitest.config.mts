import { randomUUID } from "node:crypto";
import path from "node:path";
import { defineConfig } from "vitest/config";

// Each run gets its own temporary directory (test/paths.ts); workers inherit the variable.
process.env.NAP_TEST_RUN ??= randomUUID();

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      // The data-access layer is marked server-only; tests are a server, so the guard is empty here.
      "server-only": path.resolve(import.meta.dirname, "test/empty-module.ts"),
    },
  },
  test: {
    include: ["lib/**/*.test.ts", "db/**/*.test.ts", "scripts/**/*.test.ts", "app/**/*.test.ts"],
    globalSetup: ["test/global-setup.ts"],
    environment: "node",
    // Password hashing and database copies are CPU-bound; two cores here.
    maxWorkers: 2,
    testTimeout: 20_000,
  },
});
