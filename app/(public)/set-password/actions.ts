"use server";

import { type FormState, failed, formArgument, formValues, invalid } from "@/lib/forms";
import { setPasswordWithToken } from "@/lib/users/data";
import { setPasswordSchema } from "@/lib/users/schemas";

export async function setPasswordAction(_state: FormState, formData: FormData): Promise<FormState> {
  formArgument(formData);
  const parsed = setPasswordSchema.safeParse(formValues(formData));
  if (!parsed.success) return invalid(parsed.error, {});
  try {
    const { email } = await setPasswordWithToken(parsed.data.token, parsed.data.password);
    return { ok: true, message: `Your password is set. Sign in as ${email}.` };
  } catch (error) {
    return failed(error, {});
  }
}
