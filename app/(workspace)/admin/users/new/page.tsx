import type { Metadata } from "next";
import { Breadcrumbs } from "@/app/_components/breadcrumbs";
import { requirePage } from "@/lib/auth/guard";
import { listInstitutionOptions } from "@/lib/users/data";
import { UserForm } from "../user-form";

export const metadata: Metadata = { title: "New user" };

export default async function NewUserPage() {
  const viewer = await requirePage("users.manage", "/admin/users/new");
  return (
    <div className="narrow">
      <Breadcrumbs
        items={[
          { href: "/admin", label: "Admin" },
          { href: "/admin/users", label: "Users" },
          { label: "New user" },
        ]}
      />
      <h1>New user</h1>
      <p>The person receives a one-time link to choose their own password.</p>
      <UserForm institutions={listInstitutionOptions(viewer)} />
    </div>
  );
}
