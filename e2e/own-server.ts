/**
 * A server of a spec's own, beside its worker's, for specs that must own every log line and
 * timer: the worker servers keep their logs quiet and run the reminder loop. It serves a fresh
 * copy of the base database, on the production build e2e/global-setup.ts made.
 */
import { type AppServer, startAppServer } from "./app-server";

export type OwnServer = AppServer;

export function startOwnServer(
  name: string,
  extraEnv: Record<string, string> = {},
): Promise<OwnServer> {
  return startAppServer(name, { LOG_LEVEL: "info", ...extraEnv });
}
