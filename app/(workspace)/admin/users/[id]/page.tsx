import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Breadcrumbs } from "@/app/_components/breadcrumbs";
import { requirePage } from "@/lib/auth/guard";
import { AppError } from "@/lib/errors";
import { getUser, listInstitutionOptions } from "@/lib/users/data";
import { ROLE_LABELS } from "@/lib/users/labels";
import { userIdSchema } from "@/lib/users/schemas";
import { UserForm } from "../user-form";
import { AccessActions } from "./access-actions";

export const metadata: Metadata = { title: "User" };

export default async function UserPage({ params }: { params: Promise<{ id: string }> }) {
  const { id: raw } = await params;
  const viewer = await requirePage("users.read", `/admin/users/${raw}`);
  const id = userIdSchema.safeParse(raw);
  if (!id.success) notFound();
  let user: ReturnType<typeof getUser>;
  try {
    user = getUser(viewer, id.data);
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  }
  return (
    <div className="narrow">
      <Breadcrumbs
        items={[
          { href: "/admin", label: "Admin" },
          { href: "/admin/users", label: "Users" },
          { label: user.name },
        ]}
      />
      <h1>{user.name}</h1>
      <p className="meta">
        {ROLE_LABELS[user.role]}
        {user.institution ? ` · ${user.institution}` : ""} ·{" "}
        {user.active ? "Active" : "Deactivated"}
        {user.hasPassword ? "" : " · no password set yet"}
      </p>
      <h2>Role and institution</h2>
      <p className="hint">Changing the role or institution signs the person out everywhere.</p>
      <UserForm institutions={listInstitutionOptions(viewer)} user={user} />
      <h2>Access</h2>
      <AccessActions userId={user.id} active={user.active} self={user.id === viewer.id} />
    </div>
  );
}
