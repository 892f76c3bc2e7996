import type { Role } from "@/db/schema";

export const ROLE_LABELS: Record<Role, string> = {
  admin: "Secretariat (admin)",
  reviewer: "Steering committee (reviewer)",
  reporter: "Institution focal point (reporter)",
  cso: "Civil society (cso)",
};
