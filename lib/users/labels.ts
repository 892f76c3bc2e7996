import type { Role } from "@/lib/domain/enums";

export const ROLE_LABELS: Record<Role, string> = {
  admin: "Secretariat (admin)",
  reviewer: "Steering committee (reviewer)",
  reporter: "Institution focal point (reporter)",
  cso: "Civil society (cso)",
};
