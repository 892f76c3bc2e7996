import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { AppError } from "@/lib/errors";
import { getPlanTree } from "@/lib/plans/data";
import { withTestDatabase } from "@/test/db";
import { CALLER_NAMES, CALLERS } from "@/test/viewers";
import { importPlanFile } from "./data";
import {
  createCategory,
  createDimension,
  deleteCategory,
  deleteDimension,
  getCategoryForm,
  getDimension,
  listDimensions,
  moveCategory,
  moveDimension,
  renameDimension,
  updateCategory,
} from "./dimensions";
import { getIndicatorForm, updateIndicator } from "./edit";
import { changeFieldLabel, changeValueText } from "./edit-labels";
import { listPublicChanges } from "./edit-log";

withTestDatabase();

const RWANDA = "rwanda-2018-2022"; // active; sex, province, district (under province), personnel_type
const admin = () => CALLERS.admin();
const sql = () => getDb().$client;

const state = () =>
  JSON.stringify([
    sql().prepare("select * from dimensions order by id").all(),
    sql().prepare("select * from dimension_categories order by id").all(),
    sql().prepare("select * from indicator_dimensions order by indicator_id, dimension_id").all(),
    sql().prepare("select * from framework_changes order by id").all(),
  ]);

const changes = (slug = RWANDA) =>
  sql()
    .prepare(
      `select c.entity_type as entityType, c.entity_label as entityLabel, c.field, c.before, c.after, c.public
         from framework_changes c join plans p on p.id = c.plan_id where p.slug = ? order by c.id`,
    )
    .all(slug) as {
    entityType: string;
    entityLabel: string;
    field: string;
    before: string | null;
    after: string | null;
    public: number;
  }[];

const auditCount = (action: string) =>
  (
    sql().prepare("select count(*) as n from audit_events where action = ?").get(action) as {
      n: number;
    }
  ).n;

function thrown(run: () => unknown): AppError {
  try {
    run();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error("did not throw");
}

const version = (key: string) => getDimension(admin(), RWANDA, key)?.dimension.version ?? "";
const categoryValues = (dimension: string, category: string) => {
  const form = getCategoryForm(admin(), RWANDA, dimension, category);
  if (!form) throw new Error(`no category ${dimension}/${category}`);
  return { ...form.values };
};

function addAgeGroup() {
  expect(
    createDimension(admin(), RWANDA, {
      key: "age_group",
      name: "Age group",
      categoryKey: "under_25",
      categoryLabel: "Under 25",
    }),
  ).toEqual({ ok: true, key: "age_group" });
  expect(
    createCategory(admin(), RWANDA, "age_group", { key: "25_plus", label: "25 and over" }),
  ).toMatchObject({ ok: true });
}

describe("dimensions", () => {
  it("lists the plan's dimensions in order with what uses them", () => {
    const list = listDimensions(admin(), RWANDA);
    expect(list?.dimensions.map((d) => [d.key, d.categories])).toEqual([
      ["sex", 2],
      ["province", 5],
      ["district", 30],
      ["personnel_type", 5],
    ]);
    // District's categories sit under Province's: it may not move above it.
    const district = list?.dimensions.find((d) => d.key === "district");
    expect(district).toMatchObject({ canMoveUp: false, canMoveDown: true });
    expect(listDimensions(admin(), "atlantis-2020-2024")).toBeNull();
  });

  it("adds a dimension with categories; an indicator can be broken down by it and the public tree shows it", () => {
    addAgeGroup();
    expect(getDimension(admin(), RWANDA, "age_group")?.categories.map((c) => c.key)).toEqual([
      "under_25",
      "25_plus",
    ]);
    const form = getIndicatorForm(admin(), RWANDA, "3.1.b");
    expect(form?.dimensions.map((d) => d.key)).toContain("age_group");
    expect(
      updateIndicator(admin(), RWANDA, "3.1.b", { ...form?.values, dimension_age_group: "on" }),
    ).toMatchObject({ ok: true, changes: 1 });
    const indicator = getPlanTree(null, RWANDA)
      ?.pillars.flatMap((p) => p.outputs.flatMap((o) => o.indicators))
      .find((i) => i.code === "3.1.b");
    expect(indicator?.disaggregations.map((d) => d.key)).toContain("age_group");

    expect(changes().slice(0, 2)).toMatchObject([
      { entityType: "dimension", entityLabel: "Dimension: Age group", field: "created", public: 1 },
      {
        entityLabel: "Dimension: Age group, category 25 and over",
        field: "category.created",
        public: 1,
      },
    ]);
    const log = listPublicChanges(null, RWANDA)?.changes ?? [];
    const created = log.find((c) => c.field === "created");
    expect(changeValueText("created", created?.after)).toBe("Age group (age_group): under_25");
    const category = log.find((c) => c.field === "category.created");
    expect(changeFieldLabel("dimension", category?.field ?? "")).toBe("Category added");
    expect(changeValueText("category.created", category?.after)).toBe("25 and over (25_plus)");
    expect(auditCount("framework.dimension.create")).toBe(1);
    expect(auditCount("framework.dimension.category.create")).toBe(1);
  });

  it("refuses a taken or malformed key and an empty name, writing nothing", () => {
    const before = state();
    const first = { categoryKey: "a", categoryLabel: "A" };
    expect(createDimension(admin(), RWANDA, { key: "province", name: "Again", ...first })).toEqual({
      ok: false,
      fieldErrors: { key: ["This plan already has a dimension with this key."] },
    });
    expect(createDimension(admin(), RWANDA, { key: "Age Group", name: " " })).toEqual({
      ok: false,
      fieldErrors: {
        key: ["Lower-case letters, digits, - or _ (like age_group)."],
        name: ["Enter a name."],
        categoryKey: ["Enter a key."],
        categoryLabel: ["Enter the first category's label."],
      },
    });
    expect(state()).toBe(before);
  });

  it("renames a dimension (its key stays); a stale form is refused with who and when", () => {
    const v = version("personnel_type");
    const tabB = v;
    expect(
      renameDimension(admin(), RWANDA, "personnel_type", { name: "Type of personnel", version: v }),
    ).toMatchObject({ ok: true, key: "personnel_type" });
    expect(getDimension(admin(), RWANDA, "personnel_type")?.dimension.name).toBe(
      "Type of personnel",
    );
    expect(changes().at(-1)).toMatchObject({
      field: "name",
      before: '"Personnel type"',
      after: '"Type of personnel"',
    });
    const before = state();
    const error = thrown(() =>
      renameDimension(admin(), RWANDA, "personnel_type", { name: "Other", version: tabB }),
    );
    expect(error.code).toBe("CONFLICT");
    expect(error.message).toMatch(
      /this dimension was changed after you opened it \(NAP Secretariat/,
    );
    expect(state()).toBe(before);
    expect(auditCount("framework.dimension.update")).toBe(1);
  });

  it("reorders dimensions, keeping a parent's dimension before its children's", () => {
    const order = () => listDimensions(admin(), RWANDA)?.dimensions.map((d) => d.key);
    expect(moveDimension(admin(), RWANDA, "personnel_type", "up")).toEqual({ moved: true });
    expect(order()).toEqual(["sex", "province", "personnel_type", "district"]);
    expect(moveDimension(admin(), RWANDA, "sex", "up")).toEqual({ moved: false });
    expect(moveDimension(admin(), RWANDA, "district", "up")).toEqual({ moved: true });
    expect(order()).toEqual(["sex", "province", "district", "personnel_type"]);
    const before = state();
    expect(thrown(() => moveDimension(admin(), RWANDA, "district", "up")).code).toBe("VALIDATION");
    expect(thrown(() => moveDimension(admin(), RWANDA, "province", "down")).message).toMatch(
      /stays after it/,
    );
    expect(state()).toBe(before);
    expect(changes().filter((c) => c.field === "order")).toHaveLength(2);
  });

  it("deletes an unused dimension with its categories; refuses sex and dimensions in use", () => {
    addAgeGroup();
    const sex = thrown(() => deleteDimension(admin(), RWANDA, "sex", { version: version("sex") }));
    expect(sex.code).toBe("CONFLICT");
    expect(sex.message).toMatch(/Sex is always available/);
    const before = state();
    const province = thrown(() =>
      deleteDimension(admin(), RWANDA, "province", { version: version("province") }),
    );
    expect(province.code).toBe("CONFLICT");
    expect(province.message).toMatch(/Indicators .* are broken down by it/);
    const personnel = thrown(() =>
      deleteDimension(admin(), RWANDA, "personnel_type", { version: version("personnel_type") }),
    );
    expect(personnel.message).toMatch(/broken down by it|values use it/);
    expect(state()).toBe(before);

    expect(
      deleteDimension(admin(), RWANDA, "age_group", { version: version("age_group") }),
    ).toEqual({ ok: true });
    expect(getDimension(admin(), RWANDA, "age_group")).toBeNull();
    expect(
      sql().prepare("select count(*) as n from dimension_categories where key = 'under_25'").get(),
    ).toEqual({ n: 0 });
    expect(changes().at(-1)).toMatchObject({ field: "deleted", public: 1 });
    expect(auditCount("framework.dimension.delete")).toBe(1);
  });

  it("refuses to delete a dimension whose only use is reported values", () => {
    // Untick district on every indicator: the values reported by district still use it.
    sql().exec(
      "delete from indicator_dimensions where dimension_id in (select id from dimensions where key = 'district')",
    );
    const error = thrown(() =>
      deleteDimension(admin(), RWANDA, "district", { version: version("district") }),
    );
    expect(error.message).toMatch(/reported or approved values use it/);
  });
});

describe("categories", () => {
  it("a district names its province as parent, from an earlier dimension only", () => {
    const district = getDimension(admin(), RWANDA, "district");
    const eastern = district?.parents.find((p) => p.label === "Province: Eastern Province");
    expect(eastern).toBeDefined();
    expect(district?.categories.find((c) => c.key === "bugesera")?.parent).toBe("province/eastern");
    // Province's own parents may only come from sex (the one dimension before it).
    expect(getDimension(admin(), RWANDA, "province")?.parents.map((p) => p.label)).toEqual([
      "Sex: Women",
      "Sex: Men",
    ]);
    expect(
      createCategory(admin(), RWANDA, "district", {
        key: "new_district",
        label: "New district",
        parent: eastern?.value ?? "",
      }),
    ).toMatchObject({ ok: true });
    const personnelChoice = getDimension(admin(), RWANDA, "personnel_type")?.parents.find(
      (p) => p.label === "Personnel type: Troops",
    );
    expect(personnelChoice).toBeUndefined();
    const troops = sql()
      .prepare("select id from dimension_categories where key = 'troops'")
      .get() as { id: number };
    expect(
      createCategory(admin(), RWANDA, "province", {
        key: "abroad",
        label: "Abroad",
        parent: String(troops.id),
      }),
    ).toEqual({
      ok: false,
      fieldErrors: { parent: ["Choose a category of an earlier dimension."] },
    });
    expect(createCategory(admin(), RWANDA, "province", { key: "kigali", label: "x" })).toEqual({
      ok: false,
      fieldErrors: { key: ["Another category of this dimension has this key."] },
    });
  });

  it("changes a label always, a key only while no value uses it", () => {
    const before = state();
    const used = updateCategory(admin(), RWANDA, "province", "eastern", {
      ...categoryValues("province", "eastern"),
      key: "east",
    });
    expect(used).toEqual({
      ok: false,
      fieldErrors: {
        key: [
          "Reported values use this key, so it cannot change (data files and the API refer to it). Change the label instead.",
        ],
      },
    });
    expect(state()).toBe(before);
    expect(getCategoryForm(admin(), RWANDA, "province", "eastern")?.context.lockedKey).toBe(
      "eastern",
    );

    expect(
      updateCategory(admin(), RWANDA, "province", "eastern", {
        ...categoryValues("province", "eastern"),
        label: "East",
      }),
    ).toMatchObject({ ok: true, key: "eastern" });
    expect(changes().at(-1)).toMatchObject({
      entityLabel: "Dimension: Province, category East",
      field: "category.label",
      before: '"Eastern Province"',
      after: '"East"',
    });

    addAgeGroup();
    expect(
      updateCategory(admin(), RWANDA, "age_group", "under_25", {
        ...categoryValues("age_group", "under_25"),
        key: "under_twenty_five",
      }),
    ).toMatchObject({ ok: true, key: "under_twenty_five" });
    expect(auditCount("framework.dimension.category.update")).toBe(2);
  });

  it("a stale category form is refused", () => {
    const tabA = categoryValues("sex", "female");
    const tabB = categoryValues("sex", "female");
    updateCategory(admin(), RWANDA, "sex", "female", { ...tabA, label: "Female" });
    const before = state();
    const error = thrown(() =>
      updateCategory(admin(), RWANDA, "sex", "female", { ...tabB, label: "Girls and women" }),
    );
    expect(error.code).toBe("CONFLICT");
    expect(error.message).toMatch(/this category was changed after you opened it/);
    expect(state()).toBe(before);
  });

  it("reorders categories within their dimension", () => {
    addAgeGroup();
    expect(moveCategory(admin(), RWANDA, "age_group", "25_plus", "up")).toEqual({ moved: true });
    expect(getDimension(admin(), RWANDA, "age_group")?.categories.map((c) => c.key)).toEqual([
      "25_plus",
      "under_25",
    ]);
    expect(moveCategory(admin(), RWANDA, "age_group", "25_plus", "up")).toEqual({ moved: false });
    expect(changes().at(-1)).toMatchObject({ field: "category.order", before: "2", after: "1" });
  });

  it("deletes an unused category; refuses one with values or with categories under it", () => {
    addAgeGroup();
    const before = state();
    const withValues = thrown(() =>
      deleteCategory(admin(), RWANDA, "district", "bugesera", {
        version: categoryValues("district", "bugesera").version,
      }),
    );
    expect(withValues.code).toBe("CONFLICT");
    expect(withValues.message).toMatch(/values use this category/);
    // A province with values and districts under it.
    const parent = thrown(() =>
      deleteCategory(admin(), RWANDA, "province", "eastern", {
        version: categoryValues("province", "eastern").version,
      }),
    );
    expect(parent.code).toBe("CONFLICT");
    expect(state()).toBe(before);

    expect(
      deleteCategory(admin(), RWANDA, "age_group", "under_25", {
        version: categoryValues("age_group", "under_25").version,
      }),
    ).toEqual({ ok: true });
    expect(getDimension(admin(), RWANDA, "age_group")?.categories.map((c) => c.key)).toEqual([
      "25_plus",
    ]);
    expect(changes().at(-1)).toMatchObject({ field: "category.deleted", after: null });
    // The last one stays: a dimension has at least one category (plan files require it).
    expect(
      thrown(() =>
        deleteCategory(admin(), RWANDA, "age_group", "25_plus", {
          version: categoryValues("age_group", "25_plus").version,
        }),
      ).message,
    ).toMatch(/only category/);
    expect(auditCount("framework.dimension.category.delete")).toBe(1);
  });

  it("names the categories under a parent when refusing to delete it", () => {
    const district = getDimension(admin(), RWANDA, "district");
    const northern = district?.parents.find((p) => p.label === "Province: Northern Province");
    // A new province with one new district under it and no data at all.
    createCategory(admin(), RWANDA, "province", { key: "new_province", label: "New Province" });
    const id = getDimension(admin(), RWANDA, "district")?.parents.find(
      (p) => p.label === "Province: New Province",
    )?.value;
    expect(northern).toBeDefined();
    createCategory(admin(), RWANDA, "district", {
      key: "nd",
      label: "Newdistrict",
      parent: id ?? "",
    });
    const error = thrown(() =>
      deleteCategory(admin(), RWANDA, "province", "new_province", {
        version: categoryValues("province", "new_province").version,
      }),
    );
    expect(error.message).toBe(
      "The category New Province cannot be deleted. A category sits under it (Newdistrict).",
    );
  });
});

describe("draft plans", () => {
  it("a draft plan's dimension changes are recorded but not public", () => {
    const file = JSON.parse(
      fs.readFileSync(path.join(__dirname, "examples", "exampleland-2024-2028.plan.json"), "utf8"),
    );
    expect(importPlanFile(admin(), file)).toMatchObject({ ok: true });
    const slug = file.plan.slug as string;
    expect(
      createDimension(admin(), slug, {
        key: "zone",
        name: "Zone",
        categoryKey: "north",
        categoryLabel: "North",
      }),
    ).toMatchObject({ ok: true });
    expect(changes(slug).at(-1)).toMatchObject({ field: "created", public: 0 });
  });
});

describe("deny matrix: dimensions and categories", () => {
  type Caller = ReturnType<(typeof CALLERS)[keyof typeof CALLERS]>;
  const calls = {
    list: (v: Caller) => listDimensions(v, RWANDA),
    read: (v: Caller) => getDimension(v, RWANDA, "province"),
    readCategory: (v: Caller) => getCategoryForm(v, RWANDA, "province", "eastern"),
    create: (v: Caller) =>
      createDimension(v, RWANDA, {
        key: "age_group",
        name: "Age group",
        categoryKey: "under_25",
        categoryLabel: "Under 25",
      }),
    rename: (v: Caller) =>
      renameDimension(v, RWANDA, "province", { name: "Region", version: version("province") }),
    move: (v: Caller) => moveDimension(v, RWANDA, "personnel_type", "up"),
    delete: (v: Caller) =>
      deleteDimension(v, RWANDA, "age_group", { version: version("age_group") }),
    createCategory: (v: Caller) =>
      createCategory(v, RWANDA, "province", { key: "abroad", label: "Abroad" }),
    updateCategory: (v: Caller) =>
      updateCategory(v, RWANDA, "province", "eastern", {
        ...categoryValues("province", "eastern"),
        label: "East",
      }),
    moveCategory: (v: Caller) => moveCategory(v, RWANDA, "province", "eastern", "up"),
    deleteCategory: (v: Caller) =>
      deleteCategory(v, RWANDA, "age_group", "under_25", {
        version: categoryValues("age_group", "under_25").version,
      }),
  };
  for (const caller of CALLER_NAMES.filter((c) => c !== "admin")) {
    it(`refuses ${caller} every read and write, changing nothing`, () => {
      addAgeGroup();
      for (const [name, call] of Object.entries(calls)) {
        const before = state();
        const error = thrown(() => call(CALLERS[caller]()));
        expect(error.code, name).toBe(caller === "anonymous" ? "UNAUTHENTICATED" : "FORBIDDEN");
        expect(state(), name).toBe(before);
      }
    });
  }

  it("the same calls work for the admin", () => {
    expect(calls.list(admin())).not.toBeNull();
    expect(calls.read(admin())).not.toBeNull();
    expect(calls.readCategory(admin())).not.toBeNull();
    expect(calls.create(admin())).toMatchObject({ ok: true });
    createCategory(admin(), RWANDA, "age_group", { key: "25_plus", label: "25 and over" });
    expect(calls.rename(admin())).toMatchObject({ ok: true });
    expect(calls.move(admin())).toEqual({ moved: true });
    expect(calls.createCategory(admin())).toMatchObject({ ok: true });
    expect(calls.updateCategory(admin())).toMatchObject({ ok: true });
    expect(calls.moveCategory(admin())).toEqual({ moved: true });
    expect(calls.deleteCategory(admin())).toEqual({ ok: true });
    expect(calls.delete(admin())).toEqual({ ok: true });
  });
});
