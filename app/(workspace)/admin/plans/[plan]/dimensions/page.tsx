import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Breadcrumbs } from "@/app/_components/breadcrumbs";
import { FormMessage } from "@/app/_components/field";
import { TableScroll } from "@/app/_components/table-scroll";
import { requirePage } from "@/lib/auth/guard";
import { DIMENSION_KEY_PATTERN } from "@/lib/framework/dimension-schema";
import { listDimensions } from "@/lib/framework/dimensions";
import { planParam } from "../load";
import { moveDimensionAction } from "./actions";
import { NewDimensionForm } from "./dimension-forms";

export const metadata: Metadata = { title: "Disaggregation dimensions" };

type Props = {
  params: Promise<{ plan: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export default async function DimensionsPage({ params, searchParams }: Props) {
  const slug = planParam((await params).plan);
  const viewer = await requirePage("framework.manage", `/admin/plans/${slug}/dimensions`);
  const data = listDimensions(viewer, slug);
  if (!data) notFound();
  const deleted = (await searchParams).deleted;
  const deletedKey =
    typeof deleted === "string" && DIMENSION_KEY_PATTERN.test(deleted) ? deleted : null;
  return (
    <div className="medium">
      <Breadcrumbs
        items={[
          { href: "/admin", label: "Admin" },
          { href: `/admin/plans/${slug}`, label: data.plan.title },
          { label: "Dimensions" },
        ]}
      />
      <h1>Disaggregation dimensions</h1>
      <p>
        The ways this plan's values are broken down (sex, province, district …), in the order report
        forms and public tables show them. An indicator is broken down by the dimensions ticked on
        its page. Sex is always available.
        {data.plan.published ? " Changes appear in the plan's public change log." : null}
      </p>
      {deletedKey ? <FormMessage ok message={`The dimension ${deletedKey} was deleted.`} /> : null}
      <TableScroll label="Dimensions">
        <table aria-labelledby="dimensions-caption">
          <caption id="dimensions-caption" className="sr-only">
            Dimensions of {data.plan.title}
          </caption>
          <thead>
            <tr>
              <th scope="col">Dimension</th>
              <th scope="col">Key</th>
              <th scope="col">Categories</th>
              <th scope="col">Indicators</th>
              <th scope="col">Order</th>
            </tr>
          </thead>
          <tbody>
            {data.dimensions.map((d) => (
              <tr key={d.key}>
                <th scope="row">
                  <Link href={`/admin/plans/${slug}/dimensions/${d.key}`}>{d.name}</Link>
                </th>
                <td>
                  <code>{d.key}</code>
                </td>
                <td>{d.categories}</td>
                <td>{d.indicators}</td>
                <td>
                  <span className="edit-moves">
                    {(["up", "down"] as const).map((direction) => (
                      <form key={direction} action={moveDimensionAction}>
                        <input type="hidden" name="plan" value={slug} />
                        <input type="hidden" name="dimension" value={d.key} />
                        <input type="hidden" name="direction" value={direction} />
                        <button
                          type="submit"
                          className="button button-secondary button-small"
                          disabled={direction === "up" ? !d.canMoveUp : !d.canMoveDown}
                          aria-label={`Move ${d.name} ${direction}`}
                        >
                          {direction === "up" ? "↑ Up" : "↓ Down"}
                        </button>
                      </form>
                    ))}
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <p className="meta">
        A dimension whose categories sit under another's (districts under provinces) stays after it.
      </p>
      <h2>Add a dimension</h2>
      <NewDimensionForm plan={slug} takenKeys={data.dimensions.map((d) => d.key)} />
    </div>
  );
}
