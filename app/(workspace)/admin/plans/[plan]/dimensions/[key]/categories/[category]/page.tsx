import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Breadcrumbs } from "@/app/_components/breadcrumbs";
import { requirePage } from "@/lib/auth/guard";
import { getCategoryForm } from "@/lib/framework/dimensions";
import { DeleteForm } from "../../../../form-parts";
import { keyParam, planParam } from "../../../../load";
import { deleteCategoryAction } from "../../../actions";
import { CategoryForm } from "../../../dimension-forms";

export const metadata: Metadata = { title: "Edit a category" };

type Props = { params: Promise<{ plan: string; key: string; category: string }> };

export default async function CategoryPage({ params }: Props) {
  const raw = await params;
  const slug = planParam(raw.plan);
  const key = keyParam(raw.key);
  const category = keyParam(raw.category);
  const viewer = await requirePage(
    "framework.manage",
    `/admin/plans/${slug}/dimensions/${key}/categories/${category}`,
  );
  const data = getCategoryForm(viewer, slug, key, category);
  if (!data) notFound();
  return (
    <div className="narrow">
      <Breadcrumbs
        items={[
          { href: "/admin", label: "Admin" },
          { href: `/admin/plans/${slug}`, label: data.plan.title },
          { href: `/admin/plans/${slug}/dimensions`, label: "Dimensions" },
          { href: `/admin/plans/${slug}/dimensions/${key}`, label: data.dimension.name },
          { label: data.category.label },
        ]}
      />
      <h1>
        {data.dimension.name}: {data.category.label}
      </h1>
      <p className="meta">
        {data.usedBy
          ? `${data.usedBy} reported or approved ${data.usedBy === 1 ? "value uses" : "values use"} this category: its key stays as it is.`
          : "No reported value uses this category yet."}
      </p>
      {/* key: a new key is a new address, and a fresh form. */}
      <CategoryForm
        key={category}
        plan={slug}
        dimension={key}
        category={category}
        parents={data.parents}
        context={data.context}
        values={data.values}
      />
      <section className="card" aria-labelledby="delete-category">
        <h2 id="delete-category">Delete this category</h2>
        <DeleteForm
          action={deleteCategoryAction}
          hidden={{ plan: slug, dimension: key, category, version: data.values.version ?? "" }}
          what={`the category ${data.category.label}`}
          published={false}
          blocked={data.deleteBlocked ? `It cannot be deleted. ${data.deleteBlocked}` : null}
        />
      </section>
    </div>
  );
}
