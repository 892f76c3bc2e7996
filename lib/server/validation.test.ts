import { describe, expect, it } from "vitest";
import { z } from "zod";
import { DetailedError } from "@/lib/errors";
import {
  CONTROL_CHARACTERS_MESSAGE,
  checkReason,
  fieldErrorsOf,
  indicatorCodeSchema,
  optionalText,
  parseInput,
  parseRecordId,
  planSlugSchema,
  reasonSchema,
  recordIdField,
  recordIdSchema,
  requiredText,
  requireReason,
} from "./validation";

describe("record ids", () => {
  it("take the canonical decimal form of a positive integer", () => {
    expect(recordIdSchema.parse("12")).toBe(12);
    expect(recordIdSchema.parse("1")).toBe(1);
    expect(parseRecordId("9007199254740991")).toBe(Number.MAX_SAFE_INTEGER);
  });

  it.each([
    "0x0c",
    "012",
    "1e1",
    " 12",
    "12 ",
    "12.0",
    "+12",
    "-12",
    "0",
    "",
    "12abc",
    "١٢",
    "9007199254740993",
    "99999999999999999",
  ])("refuse %j", (raw) => {
    expect(recordIdSchema.safeParse(raw).success).toBe(false);
    expect(parseRecordId(raw)).toBeNull();
    expect(recordIdField().safeParse(raw).success).toBe(false);
  });

  it("as a field, also take a number a caller already has, and say what was not found", () => {
    const field = recordIdField("This reporting period was not found.");
    expect(field.parse(7)).toBe(7);
    expect(field.parse("7")).toBe(7);
    for (const bad of [0, -1, 1.5, Number.NaN, "07", null, undefined, {}]) {
      const parsed = field.safeParse(bad);
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues[0]?.message).toBe("This reporting period was not found.");
    }
  });
});

describe("plain text", () => {
  it("refuses invisible control characters with one message, but not tabs or line breaks", () => {
    const text = requiredText(100, "a title");
    expect(text.parse("  Peace and security ")).toBe("Peace and security");
    expect(text.parse("Line one\nline two\tand a tab\r\n")).toBe("Line one\nline two\tand a tab");
    for (const c of ["\u0000", "\u0007", "\u001b", "\u007f", "\u0085", "\u009f", "\u000b"]) {
      const parsed = text.safeParse(`before${c}after`);
      expect(parsed.success, JSON.stringify(c)).toBe(false);
      expect(parsed.error?.issues.map((i) => i.message)).toEqual([CONTROL_CHARACTERS_MESSAGE]);
    }
  });

  it("says what is missing or too long", () => {
    const text = requiredText(5, "a name");
    expect(text.safeParse("   ").error?.issues[0]?.message).toBe("Enter a name.");
    expect(text.safeParse(undefined).error?.issues[0]?.message).toBe("Enter a name.");
    expect(text.safeParse("123456").error?.issues[0]?.message).toBe("At most 5 characters.");
  });

  it("optional text is null when empty and follows the same rule", () => {
    expect(optionalText(10).parse(undefined)).toBeNull();
    expect(optionalText(10).parse("  ")).toBeNull();
    expect(optionalText(10).parse(" a ")).toBe("a");
    expect(optionalText(10).safeParse("a\u0007").success).toBe(false);
  });
});

describe("addresses and codes", () => {
  it("a plan slug is lower-case words joined by single dashes", () => {
    expect(planSlugSchema.parse("rwanda-2018-2022")).toBe("rwanda-2018-2022");
    for (const bad of [
      "Rwanda",
      "rwanda--2018",
      "-rwanda",
      "rwanda-",
      "rw anda",
      "",
      "a".repeat(101),
    ])
      expect(planSlugSchema.safeParse(bad).success, bad).toBe(false);
  });

  it("an indicator code is a short code of letters, digits, dots, dashes and _", () => {
    for (const ok of ["1.1.a", "WPS-3", "x_1"]) expect(indicatorCodeSchema.parse(ok)).toBe(ok);
    for (const bad of [".1", "1 1", "", "a/b", "a".repeat(33)])
      expect(indicatorCodeSchema.safeParse(bad).success, bad).toBe(false);
  });
});

describe("reasons", () => {
  it("need at least 5 characters besides spaces", () => {
    expect(reasonSchema().parse("  Budget revised  ")).toBe("Budget revised");
    expect(reasonSchema().parse("abcde")).toBe("abcde");
    for (const bad of ["", "    ", "abcd", "a b c d", "ab\n\ncd"]) {
      const parsed = reasonSchema().safeParse(bad);
      expect(parsed.success, JSON.stringify(bad)).toBe(false);
      expect(parsed.error?.issues[0]?.message).toBe("Write a reason (at least 5 characters).");
    }
    expect(reasonSchema().safeParse("Bad\u0007reason").error?.issues[0]?.message).toBe(
      CONTROL_CHARACTERS_MESSAGE,
    );
    expect(reasonSchema().safeParse("x".repeat(1001)).success).toBe(false);
  });

  it("say what they are for with the same rule", () => {
    expect(reasonSchema("Say why you move it.").safeParse("Why").error?.issues[0]?.message).toBe(
      "Say why you move it (at least 5 characters).",
    );
  });

  it("when not required, any plain text or none", () => {
    expect(checkReason("", false)).toEqual({ ok: true, reason: null });
    expect(checkReason(undefined, false)).toEqual({ ok: true, reason: null });
    expect(checkReason(" ok ", false)).toEqual({ ok: true, reason: "ok" });
    expect(checkReason("ok", true, "Say why")).toEqual({
      ok: false,
      fieldErrors: { reason: ["Say why (at least 5 characters)."] },
    });
    expect(checkReason("Mid-term review", true)).toEqual({ ok: true, reason: "Mid-term review" });
  });

  it("requireReason throws a VALIDATION error with the reason's field error", () => {
    expect(requireReason("Budget revised", "Write a reason to return it")).toBe("Budget revised");
    let caught: unknown;
    try {
      requireReason(" ab ", "Write a reason to return it", "Please give a reason.");
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DetailedError);
    expect(caught).toMatchObject({
      code: "VALIDATION",
      message: "Please give a reason.",
      details: {
        fieldErrors: { reason: ["Write a reason to return it (at least 5 characters)."] },
      },
    });
  });
});

describe("the one field-error shape", () => {
  const schema = z
    .object({ name: z.string().min(2, "Too short.").max(3, "Too long."), age: z.number() })
    .refine((v) => v.name !== "no", "Not this one.");

  it("lists every message of a field by its top-level name; form-level problems under form", () => {
    const parsed = schema.safeParse({ name: "x", age: "old" });
    expect(parsed.success).toBe(false);
    expect(fieldErrorsOf(parsed.error as z.ZodError)).toEqual({
      name: ["Too short."],
      age: [expect.any(String)],
    });
    const whole = schema.safeParse({ name: "no", age: 1 });
    expect(fieldErrorsOf(whole.error as z.ZodError)).toEqual({ form: ["Not this one."] });
    const nested = z.object({ a: z.object({ b: z.string() }) }).safeParse({ a: { b: 1 } });
    expect(Object.keys(fieldErrorsOf(nested.error as z.ZodError))).toEqual(["a"]);
  });

  it("parseInput throws it in a VALIDATION error", () => {
    expect(parseInput(schema, { name: "abc", age: 3 })).toEqual({ name: "abc", age: 3 });
    expect(() => parseInput(schema, { name: "abcd", age: 3 })).toThrow(
      expect.objectContaining({
        code: "VALIDATION",
        details: { fieldErrors: { name: ["Too long."] } },
      }),
    );
  });
});
