import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Breadcrumbs } from "@/app/_components/breadcrumbs";
import { FormMessage } from "@/app/_components/field";
import { TableScroll } from "@/app/_components/table-scroll";
import { requirePage } from "@/lib/auth/guard";
import { DIMENSION_KEY_PATTERN } from "@/lib/framework/dimension-schema";
import { getDimension } from "@/lib/framework/dimensions";
import { DeleteForm } from "../../form-parts";
import { keyParam, planParam } from "../../load";
import { deleteDimensionAction, moveCategoryAction } from "../actions";
import { CategoryForm, RenameDimensionForm } from "../dimension-forms";

export const metadata: Metadata = { title: "A dimension and its categories" };

type Props = {
  params: Promise<{ plan: string; key: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export default async function DimensionPage({ params, searchParams }: Props) {
  const raw = await params;
  const slug = planParam(raw.plan);
  const key = keyParam(raw.key);
  const viewer = await requirePage("framework.manage", `/admin/plans/${slug}/dimensions/${key}`);
  const data = getDimension(viewer, slug, key);
  if (!data) notFound();
  const query = await searchParams;
  const deleted =
    typeof query.deleted === "string" && DIMENSION_KEY_PATTERN.test(query.deleted)
      ? query.deleted
      : null;
  const base = `/admin/plans/${slug}/dimensions/${key}`;
  // The "Under" column only when some category has a parent: narrow screens keep their room.
  const nested = data.categories.some((c) => c.parent !== null);
  return (
    <div className="medium">
      <Breadcrumbs
        items={[
          { href: "/admin", label: "Admin" },
          { href: `/admin/plans/${slug}`, label: data.plan.title },
          { href: `/admin/plans/${slug}/dimensions`, label: "Dimensions" },
          { label: data.dimension.name },
        ]}
      />
      <h1>Dimension: {data.dimension.name}</h1>
      {query.created === "1" ? (
        <FormMessage ok message="The dimension was added. Now add its categories." />
      ) : null}
      {deleted ? <FormMessage ok message={`The category ${deleted} was deleted.`} /> : null}
      <p className="meta">
        Key <code>{key}</code> ·{" "}
        {data.indicators.length
          ? `Indicators broken down by it: ${data.indicators.join(", ")}`
          : "No indicator is broken down by it yet"}{" "}
        · {data.values} reported or approved {data.values === 1 ? "value uses" : "values use"} it
      </p>
      <RenameDimensionForm plan={slug} dimension={data.dimension} />

      <h2 id="categories">Categories</h2>
      {data.categories.length === 0 ? (
        <p className="meta">No categories yet.</p>
      ) : (
        <TableScroll label="Categories">
          <table aria-labelledby="categories">
            <thead>
              <tr>
                <th scope="col">Label</th>
                <th scope="col">Key</th>
                {nested ? <th scope="col">Under</th> : null}
                <th scope="col">Order</th>
              </tr>
            </thead>
            <tbody>
              {data.categories.map((c) => (
                <tr key={c.key}>
                  <th scope="row">
                    <Link href={`${base}/categories/${c.key}`}>{c.label}</Link>
                  </th>
                  <td>
                    <code>{c.key}</code>
                  </td>
                  {nested ? <td>{c.parent ?? <span className="meta">none</span>}</td> : null}
                  <td>
                    <span className="edit-moves">
                      {(["up", "down"] as const).map((direction) => (
                        <form key={direction} action={moveCategoryAction}>
                          <input type="hidden" name="plan" value={slug} />
                          <input type="hidden" name="dimension" value={key} />
                          <input type="hidden" name="category" value={c.key} />
                          <input type="hidden" name="direction" value={direction} />
                          <button
                            type="submit"
                            className="button button-secondary button-small"
                            disabled={direction === "up" ? !c.canMoveUp : !c.canMoveDown}
                            aria-label={`Move ${c.label} ${direction}`}
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
      )}
      <h2 id="add-category">Add a category</h2>
      <CategoryForm
        plan={slug}
        dimension={key}
        parents={data.parents}
        context={data.categoryContext}
      />
      <section className="card" aria-labelledby="delete-dimension">
        <h2 id="delete-dimension">Delete this dimension</h2>
        <DeleteForm
          action={deleteDimensionAction}
          hidden={{ plan: slug, dimension: key, version: data.dimension.version }}
          what={`the dimension ${data.dimension.name}`}
          published={false}
          blocked={data.deleteBlocked ? `It cannot be deleted. ${data.deleteBlocked}` : null}
        />
      </section>
    </div>
  );
}
