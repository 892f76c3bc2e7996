import { describe, expect, it } from "vitest";
import { newPasswordSchema } from "@/lib/auth/password-rules";
import { createUserSchema } from "./schemas";

describe("password rules", () => {
  it.each([
    ["short", "eleven char", false],
    ["12 characters", "twelve chars", true],
    ["128 characters", "x".repeat(128), true],
    ["129 characters", "x".repeat(129), false],
    ["no composition rules: all lower-case words", "correct horse battery staple", true],
    ["a common password", "qwertyuiopas", false],
    ["a common password in capitals", "QWERTYUIOPAS", false],
  ])("%s", (_name, password, ok) => {
    expect(newPasswordSchema.safeParse(password).success).toBe(ok);
  });
});

describe("createUserSchema", () => {
  it("needs an institution for a reporter", () => {
    const result = createUserSchema.safeParse({
      email: "a@example.org",
      name: "A",
      role: "reporter",
      institutionId: "",
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(["institutionId"]);
  });

  it("normalises the e-mail and reads the institution id", () => {
    expect(
      createUserSchema.parse({
        email: " A@Example.ORG ",
        name: " A ",
        role: "reporter",
        institutionId: "3",
      }),
    ).toEqual({
      email: "a@example.org",
      name: "A",
      role: "reporter",
      institutionId: 3,
    });
  });

  it("refuses an unknown role and a bad e-mail", () => {
    expect(
      createUserSchema.safeParse({ email: "nope", name: "A", role: "superuser" }).success,
    ).toBe(false);
  });
});
