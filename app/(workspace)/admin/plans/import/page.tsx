import type { Metadata } from "next";
import { Breadcrumbs } from "@/app/_components/breadcrumbs";
import { requirePage } from "@/lib/auth/guard";
import { ImportForm } from "./import-form";

export const metadata: Metadata = { title: "Import a plan" };

export default async function ImportPlanPage() {
  await requirePage("framework.manage", "/admin/plans/import");
  return (
    <div className="narrow">
      <Breadcrumbs items={[{ href: "/admin", label: "Admin" }, { label: "Import a plan" }]} />
      <h1>Import a plan</h1>
      <p>
        Load a whole national action plan (its pillars, outputs, institutions, indicators with
        targets, and milestones) from a plan file. The file is checked completely first: if anything
        is wrong, every problem is listed with where it is, and nothing is saved.
      </p>
      <p>
        A file whose address (<code>plan.slug</code>) names a plan that already exists updates that
        plan: you first see what would change, and nothing is saved until you apply it. Records are
        matched by number (pillars, outputs) and code (indicators), so reports stay linked; records
        with reported data cannot be removed.
      </p>
      <p>
        The format is described by its <a href="/api/v1/schemas/plan-file.json">JSON Schema</a>. Any
        published plan can be downloaded in this format, e.g.{" "}
        <a href="/api/v1/plans/rwanda-2018-2022/framework.json">Rwanda 2018–2022</a>, and edited for
        another country.
      </p>
      <p>
        Working in Excel? Start from the{" "}
        <a href="/api/v1/schemas/plan-template.xlsx" download>
          plan workbook template (.xlsx)
        </a>
        : one sheet per level of the plan, filled with a fictional example and a "Read me" sheet
        that explains every column. Any plan can be downloaded as a workbook too, e.g.{" "}
        <a href="/api/v1/plans/rwanda-2018-2022/plan.xlsx" download>
          Rwanda 2018–2022 (.xlsx)
        </a>
        . Problems in a workbook are listed by sheet, row and column.
      </p>
      <ImportForm />
    </div>
  );
}
