/** The signed-in user of the current request, from next-auth's session (re-checked in the database). */
import "server-only";
import { getServerSession } from "next-auth";
import { cache } from "react";
import type { Role } from "@/lib/domain/enums";
import { authOptions } from "./options";
import type { Viewer } from "./viewer";

type SessionShape = {
  user?: {
    id?: number;
    name?: string;
    email?: string;
    role?: Role;
    institution?: string | null;
    institutionId?: number | null;
  };
};

export const getViewer = cache(async (): Promise<Viewer> => {
  const session = (await getServerSession(authOptions)) as SessionShape | null;
  const user = session?.user;
  if (!user?.id || !user.role) return null;
  return {
    id: user.id,
    role: user.role,
    institutionId: user.institutionId ?? null,
    email: user.email,
    name: user.name,
    institutionAcronym: user.institution ?? null,
  };
});
