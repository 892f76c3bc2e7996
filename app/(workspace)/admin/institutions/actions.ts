"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { AppError } from "@/lib/errors";
import {
  createInstitution,
  setInstitutionActive,
  updateInstitution,
} from "@/lib/framework/institutions";
import { institutionRefSchema } from "@/lib/framework/structure-schema";
import { formAction } from "@/lib/server/form-action";

const GONE = "This institution was not found. Reload the page.";

export const createInstitutionAction = formAction({
  run: (viewer, _t, values) => createInstitution(viewer, values),
  done: () => {
    revalidatePath("/admin/institutions");
    redirect("/admin/institutions?added=1");
  },
});

export const updateInstitutionAction = formAction({
  target: institutionRefSchema,
  gone: GONE,
  run: (viewer, { id }, values) => updateInstitution(viewer, id, values),
  done: (result, _t, values) => {
    revalidatePath("/admin/institutions", "layout");
    return {
      ok: true,
      message: result.changes === 0 ? "Nothing had changed; nothing was saved." : "Saved.",
      values,
    };
  },
});

export const setInstitutionActiveAction = formAction({
  target: institutionRefSchema,
  gone: GONE,
  run: (viewer, { id }, values) => {
    if (values.active !== "true" && values.active !== "false")
      throw new AppError("NOT_FOUND", GONE);
    const active = values.active === "true";
    setInstitutionActive(viewer, id, active);
    return active;
  },
  done: (active, _t, values) => {
    revalidatePath("/admin/institutions", "layout");
    return {
      ok: true,
      message: active ? "The institution is active again." : "The institution is deactivated.",
      values,
    };
  },
});
