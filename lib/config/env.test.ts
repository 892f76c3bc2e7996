import { describe, expect, it } from "vitest";
import { ConfigError, configuredAuthSecret, logLevel, readEnv as readEnvOf } from "./env";

/** An environment of only these variables (NODE_ENV among them only when given). */
const readEnv = (vars: Record<string, string>) => readEnvOf(vars as NodeJS.ProcessEnv);

describe("the settings", () => {
  it("are parsed once: the same environment gives the same frozen settings", () => {
    const source = { PORT: "4100", DATABASE_PATH: "data/a.db" };
    const first = readEnv(source);
    expect(readEnv({ ...source })).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(first.PORT).toBe(4100);
  });

  it("are parsed again when a variable changes, as a test pointing at its own database does", () => {
    const first = readEnv({ DATABASE_PATH: "data/a.db" });
    const second = readEnv({ DATABASE_PATH: "data/b.db" });
    expect(second).not.toBe(first);
    expect(second.DATABASE_PATH).toBe("data/b.db");
  });

  it("refuse a bad value every time, not only the first", () => {
    expect(() => readEnv({ PORT: "seventy" })).toThrow(ConfigError);
    expect(() => readEnv({ PORT: "seventy" })).toThrow(/PORT/);
  });

  it("log at info unless told otherwise, silently under unit tests", () => {
    expect(logLevel(readEnv({}))).toBe("info");
    expect(logLevel(readEnv({ NODE_ENV: "test" }))).toBe("silent");
    expect(logLevel(readEnv({ NODE_ENV: "test", LOG_LEVEL: "warn" }))).toBe("warn");
  });

  it("take the session secret from AUTH_SECRET, else NEXTAUTH_SECRET, and refuse a short one", () => {
    const a = "a".repeat(32);
    const b = "b".repeat(32);
    expect(configuredAuthSecret(readEnv({ AUTH_SECRET: a, NEXTAUTH_SECRET: b }))).toBe(a);
    expect(configuredAuthSecret(readEnv({ NEXTAUTH_SECRET: b }))).toBe(b);
    expect(configuredAuthSecret(readEnv({}))).toBeUndefined();
    expect(() => readEnv({ NEXTAUTH_SECRET: "short" })).toThrow(
      /NEXTAUTH_SECRET: must be at least 32/,
    );
  });
});
