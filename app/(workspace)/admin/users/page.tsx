import type { Metadata } from "next";
import Link from "next/link";
import { TableScroll } from "@/app/_components/table-scroll";
import { requirePage } from "@/lib/auth/guard";
import { ROLES } from "@/lib/domain/enums";
import { listUsers } from "@/lib/users/data";
import { ROLE_LABELS } from "@/lib/users/labels";
import { userSearchSchema } from "@/lib/users/schemas";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const viewer = await requirePage("users.read", "/admin/users");
  const search = userSearchSchema.parse(await searchParams);
  const users = listUsers(viewer, search);
  return (
    <>
      <div className="pill-heading">
        <h1>Users</h1>
        <Link className="button" href="/admin/users/new">
          New user
        </Link>
      </div>
      <search aria-label="Search users">
        <form className="toolbar form" method="get">
          <div className="field">
            <label htmlFor="q">Name, e-mail or institution</label>
            <input id="q" name="q" defaultValue={search.q ?? ""} />
          </div>
          <div className="field">
            <label htmlFor="role">Role</label>
            <select id="role" name="role" defaultValue={search.role ?? ""}>
              <option value="">Any role</option>
              {ROLES.map((role) => (
                <option key={role} value={role}>
                  {ROLE_LABELS[role]}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="status">Status</label>
            <select id="status" name="status" defaultValue={search.status ?? ""}>
              <option value="">Any</option>
              <option value="active">Active</option>
              <option value="inactive">Deactivated</option>
            </select>
          </div>
          <div className="field">
            <button className="button" type="submit">
              Search
            </button>
          </div>
        </form>
      </search>
      <TableScroll label="Users">
        <table>
          <caption>
            {users.length} {users.length === 1 ? "user" : "users"}
          </caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">E-mail</th>
              <th scope="col">Role</th>
              <th scope="col">Institution</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {users.map((user) => (
              <tr key={user.id}>
                <th scope="row">
                  <Link href={`/admin/users/${user.id}`}>{user.name}</Link>
                </th>
                <td>{user.email}</td>
                <td>{ROLE_LABELS[user.role]}</td>
                <td>{user.institution ?? "—"}</td>
                <td>
                  {user.active ? (
                    <span className="badge badge-ok">Active</span>
                  ) : (
                    <span className="badge badge-neutral">Deactivated</span>
                  )}
                  {user.active && !user.hasPassword ? " (no password set yet)" : ""}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </>
  );
}
