import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Breadcrumbs } from "@/app/_components/breadcrumbs";
import { requirePage } from "@/lib/auth/guard";
import { getInstitutionForm } from "@/lib/framework/institutions";
import { institutionRefSchema } from "@/lib/framework/structure-schema";
import { ActionForm, StructureForm } from "../../plans/structure-form";
import { institutionSections } from "../fields";

export const metadata: Metadata = { title: "Edit an institution" };

type Props = { params: Promise<{ id: string }> };

export default async function InstitutionPage({ params }: Props) {
  const ref = institutionRefSchema.safeParse({ id: (await params).id });
  if (!ref.success) notFound();
  const viewer = await requirePage("framework.manage", `/admin/institutions/${ref.data.id}`);
  const institution = getInstitutionForm(viewer, ref.data.id);
  if (!institution) notFound();
  const id = String(institution.id);
  return (
    <div className="narrow">
      <Breadcrumbs
        items={[
          { href: "/admin", label: "Admin" },
          { href: "/admin/institutions", label: "Institutions" },
          { label: institution.acronym },
        ]}
      />
      <h1>
        {institution.acronym}: {institution.name}
      </h1>
      <p className="meta">
        Country {institution.countryCode} (it cannot change) · {institution.roles}{" "}
        {institution.roles === 1 ? "output" : "outputs"} led or supported ·{" "}
        {institution.active ? "active" : "deactivated"}
      </p>
      <StructureForm
        kind="institution.update"
        sections={institutionSections(false)}
        values={{
          acronym: institution.acronym,
          name: institution.name,
          kind: institution.kind,
          website: institution.website ?? "",
        }}
        hidden={{ id }}
        context={{ countryCode: institution.countryCode }}
        submitLabel="Save changes"
      />
      <section className="card" aria-labelledby="institution-status">
        <h2 id="institution-status">{institution.active ? "Deactivate" : "Reactivate"}</h2>
        <p>
          {institution.active
            ? "A deactivated institution keeps its roles, reports and accounts but is no longer offered for new roles."
            : "Reactivating offers it again for new roles."}
        </p>
        <ActionForm
          kind="institution.active"
          hidden={{ id, active: institution.active ? "false" : "true" }}
          buttonLabel={institution.active ? "Deactivate" : "Reactivate"}
          secondary
        />
      </section>
    </div>
  );
}
