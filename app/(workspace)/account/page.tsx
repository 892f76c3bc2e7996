import type { Metadata } from "next";
import { requirePage } from "@/lib/auth/guard";
import { ROLE_LABELS } from "@/lib/users/labels";
import { ChangePasswordForm } from "./change-password-form";

export const metadata: Metadata = { title: "Your account" };

export default async function AccountPage() {
  const viewer = await requirePage("account.manage", "/account");
  return (
    <div className="narrow">
      <h1>Your account</h1>
      <dl className="facts card">
        <dt>Name</dt>
        <dd>{viewer.name}</dd>
        <dt>E-mail</dt>
        <dd>{viewer.email}</dd>
        <dt>Role</dt>
        <dd>{ROLE_LABELS[viewer.role]}</dd>
        <dt>Institution</dt>
        <dd>{viewer.institutionAcronym ?? "None"}</dd>
      </dl>
      <h2>Change your password</h2>
      <ChangePasswordForm />
    </div>
  );
}
