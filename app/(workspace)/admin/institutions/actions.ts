"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getViewer } from "@/lib/auth/session";
import { type FormState, failed, formArgument, formValues } from "@/lib/forms";
import {
  createInstitution,
  setInstitutionActive,
  updateInstitution,
} from "@/lib/framework/institutions";
import { institutionRefSchema } from "@/lib/framework/structure-schema";

const NOT_SAVED = "Nothing was saved: please correct the fields marked below.";
const GONE = "This institution was not found. Reload the page.";

export async function createInstitutionAction(
  _state: FormState,
  formData: FormData,
): Promise<FormState> {
  formArgument(formData);
  const values = formValues(formData);
  try {
    const result = createInstitution(await getViewer(), values);
    if (!result.ok)
      return { ok: false, message: NOT_SAVED, fieldErrors: result.fieldErrors, values };
  } catch (error) {
    return failed(error, values);
  }
  revalidatePath("/admin/institutions");
  redirect("/admin/institutions?added=1");
}

export async function updateInstitutionAction(
  _state: FormState,
  formData: FormData,
): Promise<FormState> {
  formArgument(formData);
  const values = formValues(formData);
  const ref = institutionRefSchema.safeParse(values);
  if (!ref.success) return { ok: false, message: GONE, values };
  try {
    const result = updateInstitution(await getViewer(), ref.data.id, values);
    if (!result.ok)
      return { ok: false, message: NOT_SAVED, fieldErrors: result.fieldErrors, values };
    revalidatePath("/admin/institutions", "layout");
    return {
      ok: true,
      message: result.changes === 0 ? "Nothing had changed; nothing was saved." : "Saved.",
      values,
    };
  } catch (error) {
    return failed(error, values);
  }
}

export async function setInstitutionActiveAction(
  _state: FormState,
  formData: FormData,
): Promise<FormState> {
  formArgument(formData);
  const values = formValues(formData);
  const ref = institutionRefSchema.safeParse(values);
  if (!ref.success || (values.active !== "true" && values.active !== "false"))
    return { ok: false, message: GONE, values };
  const active = values.active === "true";
  try {
    setInstitutionActive(await getViewer(), ref.data.id, active);
  } catch (error) {
    return failed(error, values);
  }
  revalidatePath("/admin/institutions", "layout");
  return {
    ok: true,
    message: active ? "The institution is active again." : "The institution is deactivated.",
    values,
  };
}
