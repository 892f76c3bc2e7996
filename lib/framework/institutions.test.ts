import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { AppError } from "@/lib/errors";
import { withTestDatabase } from "@/test/db";
import { CALLERS } from "@/test/viewers";
import {
  createInstitution,
  getInstitutionForm,
  listInstitutions,
  setInstitutionActive,
  updateInstitution,
} from "./institutions";

withTestDatabase();

const admin = () => CALLERS.admin();
const rows = <T>(query: string, ...params: unknown[]) =>
  getDb()
    .$client.prepare(query)
    .all(...params) as T[];
const everything = () => JSON.stringify(rows("select * from institutions order by id"));
const lastAudit = () =>
  rows<{ action: string; before: string | null; after: string | null }>(
    "select action, before, after from audit_events order by id desc limit 1",
  )[0];

const values = (overrides: Record<string, string> = {}) => ({
  countryCode: "ken",
  acronym: "MoGender",
  name: "State Department for Gender",
  kind: "ministry",
  website: "https://gender.go.ke",
  ...overrides,
});

describe("institutions", () => {
  it("creates one in a country, lists it and audits it", () => {
    const result = createInstitution(admin(), values());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const listed = listInstitutions(admin()).find((i) => i.id === result.id);
    expect(listed).toEqual({
      id: result.id,
      countryCode: "KEN",
      acronym: "MoGender",
      name: "State Department for Gender",
      kind: "ministry",
      website: "https://gender.go.ke",
      active: true,
      roles: 0,
    });
    expect(lastAudit()?.action).toBe("institution.create");
    // The seeded ones, with their roles in the matrix.
    expect(listInstitutions(admin()).find((i) => i.acronym === "MIGEPROF")?.roles).toBeGreaterThan(
      0,
    );
  });

  it("refuses invalid fields and an acronym its country already has, writing nothing", () => {
    const before = everything();
    const bad = createInstitution(
      admin(),
      values({
        countryCode: "Kenya",
        acronym: "",
        name: "",
        kind: "club",
        website: "gender.go.ke",
      }),
    );
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(Object.keys(bad.fieldErrors).sort()).toEqual([
      "acronym",
      "countryCode",
      "kind",
      "name",
      "website",
    ]);
    expect(createInstitution(admin(), values({ countryCode: "RWA", acronym: "migeprof" }))).toEqual(
      {
        ok: false,
        fieldErrors: { acronym: ["Another institution of this country has this acronym."] },
      },
    );
    expect(everything()).toBe(before);
    // The same acronym in another country is fine.
    expect(createInstitution(admin(), values({ acronym: "MIGEPROF" })).ok).toBe(true);
  });

  it("edits one (its country stays), recording only what changed", () => {
    const id =
      rows<{ id: number }>("select id from institutions where acronym = 'RNP'")[0]?.id ?? 0;
    const form = getInstitutionForm(admin(), id);
    expect(form?.countryCode).toBe("RWA");
    const result = updateInstitution(admin(), id, {
      countryCode: "KEN",
      acronym: "RNP",
      name: "Rwanda National Police Service",
      kind: "security_service",
      website: "",
    });
    expect(result).toEqual({ ok: true, changes: 1 });
    expect(rows("select country_code, name from institutions where id = ?", id)).toEqual([
      { country_code: "RWA", name: "Rwanda National Police Service" },
    ]);
    expect(lastAudit()).toMatchObject({
      action: "institution.update",
      before: JSON.stringify({ name: "Rwanda National Police" }),
    });
    expect(
      updateInstitution(admin(), id, {
        acronym: "MIGEPROF",
        name: "x",
        kind: "ministry",
      }),
    ).toMatchObject({ ok: false, fieldErrors: { acronym: [expect.any(String)] } });
    expect(getInstitutionForm(admin(), 999_999)).toBeNull();
    expect(() => updateInstitution(admin(), 999_999, values())).toThrow(AppError);
  });

  it("deactivates and reactivates one, audited each time", () => {
    const id =
      rows<{ id: number }>("select id from institutions where acronym = 'GMO'")[0]?.id ?? 0;
    expect(setInstitutionActive(admin(), id, false)).toEqual({ changed: true });
    expect(lastAudit()?.action).toBe("institution.deactivate");
    expect(setInstitutionActive(admin(), id, false)).toEqual({ changed: false });
    expect(listInstitutions(admin()).find((i) => i.id === id)?.active).toBe(false);
    expect(setInstitutionActive(admin(), id, true)).toEqual({ changed: true });
    expect(lastAudit()?.action).toBe("institution.reactivate");
  });

  const calls: [string, (viewer: ReturnType<typeof admin> | null) => unknown][] = [
    ["listInstitutions", (v) => listInstitutions(v)],
    ["getInstitutionForm", (v) => getInstitutionForm(v, 1)],
    ["createInstitution", (v) => createInstitution(v, values())],
    ["updateInstitution", (v) => updateInstitution(v, 1, values())],
    ["setInstitutionActive", (v) => setInstitutionActive(v, 1, false)],
  ];
  for (const [name, call] of calls) {
    it(`${name} refuses everyone but admins and changes nothing`, () => {
      const before = everything();
      for (const caller of ["anonymous", "cso", "reporterA", "reviewer"] as const) {
        try {
          call(CALLERS[caller]());
          throw new Error("expected a refusal");
        } catch (error) {
          expect((error as AppError).code).toBe(
            caller === "anonymous" ? "UNAUTHENTICATED" : "FORBIDDEN",
          );
        }
      }
      expect(everything()).toBe(before);
    });
  }
});
