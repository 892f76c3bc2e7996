import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type Page } from "@playwright/test";
import { type AppServer, startAppServer } from "./app-server";
import { setWorkerData } from "./support";

/** Checks the page against WCAG 2.2 A/AA with axe; any violation fails the test, listed by rule. */
async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"])
    .analyze();
  const summary = results.violations.map(
    (v) =>
      `${v.impact ?? "?"} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`,
  );
  expect(summary, `accessibility violations on ${page.url()}`).toEqual([]);
}

export type WorkerServer = Pick<AppServer, "base" | "port" | "dataDir" | "dbPath">;

/**
 * Every worker has a server of its own, on its own copy of the base database (e2e/app-server.ts):
 * `baseURL` points at it, and `queryDb` and the other helpers of e2e/support.ts read its
 * database. Tests of one worker run one after another, so a test sees only its own writes and
 * those of the tests that ran before it in the same worker.
 */
export const test = base.extend<
  { expectAccessible: (page: Page) => Promise<void> },
  { workerServer: WorkerServer }
>({
  workerServer: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright fixtures take their dependencies this way.
    async ({}, use, workerInfo) => {
      const server = await startAppServer(`worker-${workerInfo.workerIndex}`);
      setWorkerData(server);
      try {
        await use(server);
      } finally {
        await server.stop();
      }
    },
    { scope: "worker", auto: true, timeout: 120_000 },
  ],
  baseURL: async ({ workerServer }, use) => {
    await use(workerServer.base);
  },
  // biome-ignore lint/correctness/noEmptyPattern: Playwright fixtures take their dependencies this way.
  expectAccessible: async ({}, use) => {
    await use(expectAccessible);
  },
});

export { expect };
