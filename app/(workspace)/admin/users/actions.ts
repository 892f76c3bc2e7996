"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { getViewer } from "@/lib/auth/session";
import { readEnv } from "@/lib/config/env";
import { type FormState, failed, formArgument, formValues, invalid } from "@/lib/forms";
import { passwordLinkMail, sendMail } from "@/lib/mail/mailer";
import {
  createUser,
  PASSWORD_LINK_HOURS,
  resetPassword,
  setUserActive,
  updateUser,
} from "@/lib/users/data";
import { createUserSchema, updateUserSchema, userIdSchema } from "@/lib/users/schemas";

export type UserFormState = FormState<{ link: string; userId: number }>;

async function passwordLink(token: string) {
  // PUBLIC_URL, when set, and not the request's Host header, which a client controls.
  const { PUBLIC_URL } = readEnv();
  if (PUBLIC_URL) return new URL(`/set-password?token=${token}`, PUBLIC_URL).toString();
  const h = await headers();
  const host = h.get("x-forwarded-host") ?? h.get("host") ?? "localhost:3000";
  const proto = h.get("x-forwarded-proto") ?? "http";
  return `${proto}://${host}/set-password?token=${token}`;
}

/**
 * E-mails the one-time link when SMTP is configured; otherwise (or if sending fails) the admin
 * is shown the link once, to pass on themselves. Either way nothing is lost.
 */
async function deliverLink(
  email: string,
  token: string,
  isNew: boolean,
  done: string,
): Promise<UserFormState> {
  const link = await passwordLink(token);
  const mail = await sendMail(passwordLinkMail(email, link, PASSWORD_LINK_HOURS, isNew));
  if (mail.sent)
    return { ok: true, message: `${done} A link to choose a password was e-mailed to ${email}.` };
  const failure = mail.error ? ` ${mail.error} Pass the link on yourself.` : "";
  return { ok: true, link, message: `${done}${failure}` };
}

export async function createUserAction(
  _state: UserFormState,
  formData: FormData,
): Promise<UserFormState> {
  formArgument(formData);
  const values = formValues(formData);
  const parsed = createUserSchema.safeParse(values);
  if (!parsed.success) return invalid(parsed.error, values);
  try {
    const { id, token } = createUser(await getViewer(), parsed.data);
    revalidatePath("/admin/users");
    const delivered = await deliverLink(
      parsed.data.email,
      token,
      true,
      `Account created for ${parsed.data.email}.`,
    );
    return { ...delivered, userId: id };
  } catch (error) {
    return failed(error, values);
  }
}

export async function updateUserAction(
  _state: UserFormState,
  formData: FormData,
): Promise<UserFormState> {
  formArgument(formData);
  const values = formValues(formData);
  const id = userIdSchema.safeParse(values.id);
  const parsed = updateUserSchema.safeParse(values);
  if (!id.success) return { ok: false, message: "This user was not found.", values };
  if (!parsed.success) return invalid(parsed.error, values);
  try {
    updateUser(await getViewer(), id.data, parsed.data);
    revalidatePath("/admin/users");
    return { ok: true, message: "Saved.", values };
  } catch (error) {
    return failed(error, values);
  }
}

export async function setUserActiveAction(
  _state: UserFormState,
  formData: FormData,
): Promise<UserFormState> {
  formArgument(formData);
  const values = formValues(formData);
  const id = userIdSchema.safeParse(values.id);
  if (!id.success || !["true", "false"].includes(values.active ?? "")) {
    return { ok: false, message: "This request is not valid." };
  }
  try {
    const active = values.active === "true";
    setUserActive(await getViewer(), id.data, active);
    revalidatePath("/admin/users");
    return {
      ok: true,
      message: active
        ? "The account is active again."
        : "The account is deactivated; its sessions have ended.",
    };
  } catch (error) {
    return failed(error, {});
  }
}

export async function resetPasswordAction(
  _state: UserFormState,
  formData: FormData,
): Promise<UserFormState> {
  formArgument(formData);
  const values = formValues(formData);
  const id = userIdSchema.safeParse(values.id);
  if (!id.success) return { ok: false, message: "This request is not valid." };
  try {
    const { token, email } = resetPassword(await getViewer(), id.data);
    revalidatePath("/admin/users");
    return deliverLink(
      email,
      token,
      false,
      "The old password no longer works and the user's sessions have ended.",
    );
  } catch (error) {
    return failed(error, {});
  }
}
