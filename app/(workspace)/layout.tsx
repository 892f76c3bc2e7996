import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { can, type Permission } from "@/lib/auth/policy";
import { getViewer } from "@/lib/auth/session";
import { unreadCount } from "@/lib/notifications/data";
import { ROLE_LABELS } from "@/lib/users/labels";
import { KeepSessionAlive } from "./keep-session-alive";
import { NotificationBell } from "./notification-bell";
import { QueryProvider } from "./query-provider";
import { ShellNav } from "./shell-nav";
import { SignOutButton } from "./sign-out-button";

const AREAS: { href: string; label: string; permission: Permission }[] = [
  { href: "/workspace", label: "Workspace", permission: "workspace.view" },
  { href: "/review", label: "Review", permission: "review.view" },
  { href: "/dashboard", label: "Dashboard", permission: "dashboard.view" },
  { href: "/admin", label: "Admin", permission: "admin.view" },
  { href: "/account", label: "Account", permission: "account.manage" },
];

/** The signed-in shell: who you are, the areas your role may use, sign-out. Not the access check. */
export default async function SignedInLayout({ children }: { children: ReactNode }) {
  const viewer = await getViewer();
  if (!viewer) redirect("/signin");
  const items = AREAS.filter((area) => can(viewer, area.permission)).map(({ href, label }) => ({
    href,
    label,
  }));
  return (
    <QueryProvider>
      <div className="shell-bar">
        <div className="inner">
          <p className="who">
            Signed in as <strong>{viewer.name}</strong> · {ROLE_LABELS[viewer.role]}
            {viewer.institutionAcronym ? ` · ${viewer.institutionAcronym}` : ""}
          </p>
          <ShellNav items={items} />
          <div className="shell-tools">
            {can(viewer, "notifications.read") ? (
              <NotificationBell initialUnread={unreadCount(viewer)} />
            ) : null}
            <SignOutButton />
          </div>
        </div>
      </div>
      <KeepSessionAlive />
      <div className="signed-in">{children}</div>
    </QueryProvider>
  );
}
