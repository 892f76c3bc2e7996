import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Breadcrumbs } from "@/app/_components/breadcrumbs";
import { TableScroll } from "@/app/_components/table-scroll";
import { requirePage } from "@/lib/auth/guard";
import { capitalise } from "@/lib/format";
import { getResponsibilityMatrix } from "@/lib/framework/structure";
import { planParam } from "../load";

export const metadata: Metadata = { title: "Responsibility matrix" };

type Props = { params: Promise<{ plan: string }> };

export default async function ResponsibilitiesPage({ params }: Props) {
  const slug = planParam((await params).plan);
  const viewer = await requirePage("framework.manage", `/admin/plans/${slug}/responsibilities`);
  const matrix = getResponsibilityMatrix(viewer, slug);
  if (!matrix) notFound();
  const term = capitalise(matrix.plan.pillarTerm);
  return (
    <>
      <Breadcrumbs
        items={[
          { href: "/admin", label: "Admin" },
          { href: `/admin/plans/${slug}`, label: matrix.plan.title },
          { label: "Responsibility matrix" },
        ]}
      />
      <h1>Responsibility matrix</h1>
      <p>
        Who leads (L) and supports (S) each output. Change an output's institutions on its page (the
        output's code links there). Reporting follows this matrix: a lead institution reports on its
        outputs.
      </p>
      {matrix.institutions.length === 0 ? (
        <p className="alert alert-info">No institution has a role in this plan yet.</p>
      ) : (
        <TableScroll label="Responsibility matrix: outputs by institutions">
          <table className="matrix">
            <caption className="sr-only">
              Outputs by institutions: L leads the output, S supports it
            </caption>
            <thead>
              <tr>
                <th scope="col">Output</th>
                {matrix.institutions.map((i) => (
                  <th key={i.id} scope="col">
                    <abbr title={i.name}>{i.acronym}</abbr>
                  </th>
                ))}
              </tr>
            </thead>
            {matrix.pillars.map((pillar) => (
              <tbody key={pillar.number}>
                <tr>
                  <th scope="colgroup" colSpan={matrix.institutions.length + 1}>
                    {term} {pillar.number}: {pillar.title}
                  </th>
                </tr>
                {pillar.outputs.map((output) => (
                  <tr key={output.code}>
                    <th scope="row">
                      <Link href={`/admin/plans/${slug}/outputs/${output.code}`}>
                        <span className="code">{output.code}</span>
                      </Link>{" "}
                      {output.title}
                    </th>
                    {matrix.institutions.map((i) => {
                      const role = output.roles[i.id];
                      return (
                        <td key={i.id}>
                          {role === "lead" ? (
                            <abbr title={`${i.acronym} leads`}>L</abbr>
                          ) : role === "supporting" ? (
                            <abbr title={`${i.acronym} supports`}>S</abbr>
                          ) : null}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            ))}
          </table>
        </TableScroll>
      )}
    </>
  );
}
