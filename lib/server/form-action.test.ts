import { beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { AppError, DetailedError, StaleVersionError } from "@/lib/errors";

// The wrapper's edges: the session, and Next's interrupts (which work by throwing).
const viewer = vi.hoisted(() => ({ current: { id: 1, role: "admin" } as unknown }));
vi.mock("@/lib/auth/session", () => ({ getViewer: async () => viewer.current }));
vi.mock("next/navigation", () => ({
  notFound: () => {
    throw new Error("NEXT_NOT_FOUND");
  },
  unauthorized: () => {
    throw new Error("NEXT_UNAUTHORIZED");
  },
  forbidden: () => {
    throw new Error("NEXT_FORBIDDEN");
  },
}));

const { formAction, formError, NOT_FOUND_MESSAGE, NOT_SAVED, plainFormAction } = await import(
  "./form-action"
);

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, value);
  return data;
}

const target = z.object({
  id: z
    .string()
    .regex(/^[1-9]\d*$/)
    .transform(Number),
});

beforeEach(() => {
  viewer.current = { id: 1, role: "admin" };
});

describe("formAction", () => {
  it("refuses an argument that is not form data before reading the session", async () => {
    const run = vi.fn();
    const action = formAction({ run, done: () => ({ ok: true }) });
    await expect(action({ ok: false }, "not a form" as unknown as FormData)).rejects.toThrow(
      "NEXT_NOT_FOUND",
    );
    expect(run).not.toHaveBeenCalled();
  });

  it("reads which record is addressed, passes the viewer and the typed values to the data layer", async () => {
    const run = vi.fn((_viewer: unknown, t: { id: number }) => ({ changes: t.id }));
    const action = formAction({
      target,
      run,
      done: (result, t, values) => ({ ok: true, message: `${result.changes} ${t.id}`, values }),
    });
    const state = await action({ ok: false }, form({ id: "12", title: "A title", $ACTION_1: "x" }));
    expect(run).toHaveBeenCalledWith(
      viewer.current,
      { id: 12 },
      { id: "12", title: "A title" },
      expect.any(FormData),
    );
    expect(state).toEqual({ ok: true, message: "12 12", values: { id: "12", title: "A title" } });
  });

  it("answers a record it cannot read from the form as gone, keeping what was typed", async () => {
    const run = vi.fn();
    const action = formAction({
      target,
      gone: "This pillar was not found.",
      run,
      done: () => ({ ok: true }),
    });
    expect(await action({ ok: false }, form({ id: "0x0c", title: "Typed" }))).toEqual({
      ok: false,
      message: "This pillar was not found.",
      values: { id: "0x0c", title: "Typed" },
    });
    const fallback = formAction({ target, run, done: () => ({ ok: true }) });
    expect((await fallback({ ok: false }, form({ id: "012" }))).message).toBe(NOT_FOUND_MESSAGE);
    expect(run).not.toHaveBeenCalled();
  });

  it("keeps values derived from the form (checkboxes as one value) with what was typed", async () => {
    const action = formAction({
      omit: ["quarter"],
      derived: (data) => ({ quarters: String(data.getAll("quarter").length) }),
      run: (_viewer, _t, values) => {
        throw new AppError("CONFLICT", `Changed meanwhile (${values.quarters}).`);
      },
      done: () => ({ ok: true }),
    });
    const data = form({ description: "Train staff" });
    data.append("quarter", "1");
    data.append("quarter", "4");
    expect(await action({ ok: false }, data)).toEqual({
      ok: false,
      message: "Changed meanwhile (2).",
      values: { description: "Train staff", quarters: "2" },
    });
  });

  it("never sends back the fields it is told to omit", async () => {
    const action = formAction({
      omit: ["password"],
      run: () => {
        throw new AppError("VALIDATION", "Wrong password.");
      },
      done: () => ({ ok: true }),
    });
    expect(await action({ ok: false }, form({ password: "secret", email: "a@b.c" }))).toEqual({
      ok: false,
      message: "Wrong password.",
      values: { email: "a@b.c" },
    });
  });

  describe("maps every kind of refusal to the one form state and field-error shape", () => {
    const values = { title: "Typed text" };
    const answer = (error: unknown) =>
      formAction({
        run: () => {
          throw error;
        },
        done: () => ({ ok: true }),
      })({ ok: false }, form(values));

    it("a ZodError thrown by the data layer", async () => {
      const parsed = z.object({ title: z.string().max(3, "Too long.") }).safeParse(values);
      expect(await answer(parsed.error)).toEqual({
        ok: false,
        message: NOT_SAVED,
        fieldErrors: { title: ["Too long."] },
        values,
      });
    });

    it("a DetailedError with field errors, as lists or as one message each", async () => {
      expect(
        await answer(
          new DetailedError("VALIDATION", "Fix it.", { fieldErrors: { title: ["A", "B"] } }),
        ),
      ).toEqual({ ok: false, message: "Fix it.", fieldErrors: { title: ["A", "B"] }, values });
      expect(
        await answer(new DetailedError("VALIDATION", "Fix it.", { fieldErrors: { title: "One" } })),
      ).toEqual({ ok: false, message: "Fix it.", fieldErrors: { title: ["One"] }, values });
    });

    it("a returned refusal", async () => {
      const action = formAction({
        run: () => ({ ok: false as const, fieldErrors: { title: ["Enter a title."] } }),
        done: () => ({ ok: true }),
      });
      expect(await action({ ok: false }, form(values))).toEqual({
        ok: false,
        message: NOT_SAVED,
        fieldErrors: { title: ["Enter a title."] },
        values,
      });
    });

    it("a stale version, marked as a conflict", async () => {
      expect(await answer(new StaleVersionError("Someone changed it at 10:02."))).toEqual({
        ok: false,
        message: "Someone changed it at 10:02.",
        conflict: true,
        values,
      });
    });

    it("any other AppError, by its message", async () => {
      expect(await answer(new AppError("CONFLICT", "Still in use."))).toEqual({
        ok: false,
        message: "Still in use.",
        values,
      });
      expect(await answer(new AppError("NOT_FOUND", "Gone."))).toEqual({
        ok: false,
        message: "Gone.",
        values,
      });
    });

    it("an unknown error, generically (nothing of it reaches the user)", async () => {
      const state = await answer(new Error("SQLITE_IOERR: disk I/O error at /srv/db"));
      expect(state).toMatchObject({ ok: false, values });
      expect(state.message).toMatch(/Nothing was saved/);
      expect(state.message).not.toMatch(/SQLITE|srv/);
    });

    it("no session or no right: 401 and 403 interrupt the request", async () => {
      await expect(answer(new AppError("UNAUTHENTICATED", "Sign in."))).rejects.toThrow(
        "NEXT_UNAUTHORIZED",
      );
      await expect(answer(new AppError("FORBIDDEN", "No."))).rejects.toThrow("NEXT_FORBIDDEN");
    });
  });

  it("lets a form adjust a refusal's summary", async () => {
    const action = formAction({
      failed: (state) => ({ ...state, message: "Nothing was moved." }),
      run: () => {
        throw new DetailedError("VALIDATION", "Say why.", {
          fieldErrors: { reason: ["Say why."] },
        });
      },
      done: () => ({ ok: true }),
    });
    expect(await action({ ok: false }, form({ reason: "Why" }))).toEqual({
      ok: false,
      message: "Nothing was moved.",
      fieldErrors: { reason: ["Say why."] },
      values: { reason: "Why" },
    });
  });

  it("formError is the same mapping for callers outside an action", () => {
    expect(formError(new AppError("CONFLICT", "Busy."))).toEqual({
      ok: false,
      message: "Busy.",
      values: {},
    });
  });
});

describe("plainFormAction", () => {
  it("calls the data layer and then done; a malformed target does nothing", async () => {
    const run = vi.fn(() => "moved");
    const done = vi.fn();
    const action = plainFormAction({ target, run, done });
    await action(form({ id: "3", direction: "up" }));
    expect(run).toHaveBeenCalledWith(
      viewer.current,
      { id: 3 },
      { id: "3", direction: "up" },
      expect.any(FormData),
    );
    expect(done).toHaveBeenCalledWith("moved", { id: 3 });
    run.mockClear();
    await action(form({ id: "1e1" }));
    expect(run).not.toHaveBeenCalled();
  });

  it("hands a refusal's form state to failed; 403 still interrupts", async () => {
    const failed = vi.fn();
    const refusing = plainFormAction({
      run: () => {
        throw new AppError("CONFLICT", "This activity is already first.");
      },
      failed,
    });
    await refusing(form({}));
    expect(failed).toHaveBeenCalledWith(
      { ok: false, message: "This activity is already first.", values: {} },
      undefined,
    );
    const forbidden = plainFormAction({
      run: () => {
        throw new AppError("FORBIDDEN", "No.");
      },
    });
    await expect(forbidden(form({}))).rejects.toThrow("NEXT_FORBIDDEN");
    await expect(plainFormAction({ run: vi.fn() })("x" as unknown as FormData)).rejects.toThrow(
      "NEXT_NOT_FOUND",
    );
  });
});
