import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { Breadcrumbs } from "@/app/_components/breadcrumbs";
import { TableScroll } from "@/app/_components/table-scroll";
import { requirePage } from "@/lib/auth/guard";
import { listInstitutions } from "@/lib/framework/institutions";
import { COUNTRY_CODE_PATTERN, INSTITUTION_KIND_LABELS } from "@/lib/framework/structure-schema";
import { ActionForm } from "../plans/structure-form";

export const metadata: Metadata = { title: "Institutions" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** `?country=RWA` shows one country; anything malformed shows all. */
const filterSchema = z.object({
  country: z.string().regex(COUNTRY_CODE_PATTERN).optional().catch(undefined),
  added: z.literal("1").optional().catch(undefined),
});

export default async function InstitutionsPage({ searchParams }: Props) {
  const viewer = await requirePage("framework.manage", "/admin/institutions");
  const filter = filterSchema.parse(await searchParams);
  const all = listInstitutions(viewer);
  const countries = [...new Set(all.map((i) => i.countryCode))];
  const shown = filter.country ? all.filter((i) => i.countryCode === filter.country) : all;
  return (
    <>
      <Breadcrumbs items={[{ href: "/admin", label: "Admin" }, { label: "Institutions" }]} />
      <h1>Institutions</h1>
      {filter.added ? (
        <div className="alert alert-success" role="status">
          The institution was added.
        </div>
      ) : null}
      <p>
        Ministries, agencies and organisations, by country. They lead and support outputs, answer
        for indicators and report progress. An institution is deactivated rather than deleted: its
        roles and reports stay, and it is no longer offered for new ones.
      </p>
      <p>
        <Link className="button" href="/admin/institutions/new">
          Add an institution
        </Link>
      </p>
      {countries.length > 1 ? (
        <nav aria-label="Countries" className="toolbar">
          <Link href="/admin/institutions" aria-current={filter.country ? undefined : "page"}>
            All countries
          </Link>
          {countries.map((c) => (
            <Link
              key={c}
              href={`/admin/institutions?country=${c}`}
              aria-current={filter.country === c ? "page" : undefined}
            >
              {c}
            </Link>
          ))}
        </nav>
      ) : null}
      <TableScroll label="Institutions">
        <table>
          <thead>
            <tr>
              <th scope="col">Acronym</th>
              <th scope="col">Name</th>
              <th scope="col">Kind</th>
              <th scope="col">Country</th>
              <th scope="col">Outputs</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((i) => (
              <tr key={i.id}>
                <th scope="row">
                  <Link href={`/admin/institutions/${i.id}`}>{i.acronym}</Link>
                </th>
                <td>{i.name}</td>
                <td>{INSTITUTION_KIND_LABELS[i.kind]}</td>
                <td>{i.countryCode}</td>
                <td>{i.roles}</td>
                <td>
                  {i.active ? "Active" : "Deactivated"}
                  <ActionForm
                    kind="institution.active"
                    hidden={{ id: String(i.id), active: i.active ? "false" : "true" }}
                    buttonLabel={i.active ? "Deactivate" : "Reactivate"}
                    accessibleLabel={
                      i.active ? `Deactivate ${i.acronym}` : `Reactivate ${i.acronym}`
                    }
                    secondary
                    small
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </>
  );
}
