"use server";

import { getViewer } from "@/lib/auth/session";
import { type FormState, failed, formArgument, formValues, invalid } from "@/lib/forms";
import { changeOwnPassword } from "@/lib/users/data";
import { changePasswordSchema } from "@/lib/users/schemas";

export async function changePasswordAction(
  _state: FormState,
  formData: FormData,
): Promise<FormState> {
  formArgument(formData);
  // Passwords are never sent back to the browser.
  const values = formValues(formData, ["current", "password", "confirm"]);
  const parsed = changePasswordSchema.safeParse(formValues(formData));
  if (!parsed.success) return invalid(parsed.error, values);
  try {
    await changeOwnPassword(await getViewer(), parsed.data.current, parsed.data.password);
    return {
      ok: true,
      message:
        "Your password is changed. Every session has ended: sign in again with the new password.",
    };
  } catch (error) {
    return failed(error, values);
  }
}
