import fs from "node:fs";
import { defineConfig, devices } from "@playwright/test";

// Debian's Chromium where it exists (this project's machines cannot download Playwright's own);
// elsewhere Playwright's bundled browser.
const chromium = process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH ?? "/usr/bin/chromium";
const executablePath = fs.existsSync(chromium) ? chromium : undefined;

export default defineConfig({
  testDir: "e2e",
  // The production build and the base database, once; then each worker starts a server of its
  // own on its own copy of that database (e2e/fixtures.ts, which also sets `baseURL`).
  globalSetup: "./e2e/global-setup.ts",
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 2,
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  timeout: 30_000,
  use: {
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          executablePath,
          args: [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
          ],
        },
      },
    },
  ],
});
