import type { Metadata } from "next";
import { Breadcrumbs } from "@/app/_components/breadcrumbs";
import { requirePage } from "@/lib/auth/guard";
import { StructureForm } from "../../plans/structure-form";
import { institutionSections } from "../fields";

export const metadata: Metadata = { title: "New institution" };

export default async function NewInstitutionPage() {
  await requirePage("framework.manage", "/admin/institutions/new");
  return (
    <div className="narrow">
      <Breadcrumbs
        items={[
          { href: "/admin", label: "Admin" },
          { href: "/admin/institutions", label: "Institutions" },
          { label: "New institution" },
        ]}
      />
      <h1>New institution</h1>
      <StructureForm
        kind="institution.create"
        sections={institutionSections(true)}
        values={{ countryCode: "", acronym: "", name: "", kind: "ministry", website: "" }}
        hidden={{}}
        submitLabel="Add the institution"
      />
    </div>
  );
}
