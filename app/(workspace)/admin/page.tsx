import type { Metadata } from "next";
import Link from "next/link";
import { requirePage } from "@/lib/auth/guard";
import { listPlansForEditing } from "@/lib/framework/edit";
import { countUsers } from "@/lib/users/data";

export const metadata: Metadata = { title: "Admin" };

export default async function AdminPage() {
  const viewer = await requirePage("admin.view", "/admin");
  const users = countUsers(viewer);
  const plans = listPlansForEditing(viewer);
  return (
    <>
      <h1>NAP secretariat</h1>
      <ul className="cards">
        <li>
          <section className="card" aria-labelledby="admin-users">
            <h2 id="admin-users">
              <Link href="/admin/users">Users</Link>
            </h2>
            <p>
              {users.active} active of {users.total} accounts. Create accounts, change roles and
              institutions, deactivate, send password links.
            </p>
          </section>
        </li>
        <li>
          <section className="card" aria-labelledby="admin-periods">
            <h2 id="admin-periods">
              <Link href="/admin/periods">Reporting periods</Link>
            </h2>
            <p>
              Create years, half-years and quarters to report on, set deadlines, close and reopen
              periods.
            </p>
          </section>
        </li>
        <li>
          <section className="card" aria-labelledby="admin-plans">
            <h2 id="admin-plans">Plans and indicators</h2>
            <p>
              Build a plan's pillars, outputs and responsibilities, add and edit indicators and
              their targets, activate and close plans; every change is recorded.{" "}
              <Link href="/admin/plans/new">Create a plan</Link>
            </p>
            <ul>
              {plans.map((plan) => (
                <li key={plan.slug}>
                  <Link href={`/admin/plans/${plan.slug}`}>{plan.title}</Link>{" "}
                  <span className="meta">({plan.status})</span>
                </li>
              ))}
            </ul>
          </section>
        </li>
        <li>
          <section className="card" aria-labelledby="admin-institutions">
            <h2 id="admin-institutions">
              <Link href="/admin/institutions">Institutions</Link>
            </h2>
            <p>Ministries, agencies and organisations by country: add, edit, deactivate.</p>
          </section>
        </li>
        <li>
          <section className="card" aria-labelledby="admin-import">
            <h2 id="admin-import">
              <Link href="/admin/plans/import">Import a plan</Link>
            </h2>
            <p>Load a country's whole plan from a plan file, checked before anything is saved.</p>
          </section>
        </li>
        <li>
          <section className="card" aria-labelledby="admin-audit">
            <h2 id="admin-audit">
              <Link href="/admin/audit">Audit log</Link>
            </h2>
            <p>
              Every sign-in, refusal and change, with who, when, and the values before and after.
            </p>
          </section>
        </li>
      </ul>
    </>
  );
}
