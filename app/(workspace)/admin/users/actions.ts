"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { z } from "zod";
import { readEnv } from "@/lib/config/env";
import { AppError } from "@/lib/errors";
import { passwordLinkMail, sendMail } from "@/lib/mail/mailer";
import { type FormState, formAction } from "@/lib/server/form-action";
import { recordIdSchema } from "@/lib/server/validation";
import {
  createUser,
  PASSWORD_LINK_HOURS,
  resetPassword,
  setUserActive,
  updateUser,
} from "@/lib/users/data";

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

const userTarget = z.object({ id: recordIdSchema });
type UserTarget = z.infer<typeof userTarget>;

export const createUserAction = formAction<undefined, ReturnType<typeof createUser>, UserFormState>(
  {
    run: (viewer, _t, values) => createUser(viewer, values),
    done: async ({ id, token, email }) => {
      revalidatePath("/admin/users");
      const delivered = await deliverLink(email, token, true, `Account created for ${email}.`);
      return { ...delivered, userId: id };
    },
  },
);

export const updateUserAction = formAction<UserTarget, void, UserFormState>({
  target: userTarget,
  gone: "This user was not found.",
  run: (viewer, { id }, values) => updateUser(viewer, id, values),
  done: (_result, _t, values) => {
    revalidatePath("/admin/users");
    return { ok: true, message: "Saved.", values };
  },
});

export const setUserActiveAction = formAction<UserTarget, boolean, UserFormState>({
  target: userTarget,
  gone: "This request is not valid.",
  run: (viewer, { id }, values) => {
    if (values.active !== "true" && values.active !== "false")
      throw new AppError("VALIDATION", "This request is not valid.");
    const active = values.active === "true";
    setUserActive(viewer, id, active);
    return active;
  },
  done: (active) => {
    revalidatePath("/admin/users");
    return {
      ok: true,
      message: active
        ? "The account is active again."
        : "The account is deactivated; its sessions have ended.",
    };
  },
});

export const resetPasswordAction = formAction<
  UserTarget,
  ReturnType<typeof resetPassword>,
  UserFormState
>({
  target: userTarget,
  gone: "This request is not valid.",
  run: (viewer, { id }) => resetPassword(viewer, id),
  done: ({ token, email }) => {
    revalidatePath("/admin/users");
    return deliverLink(
      email,
      token,
      false,
      "The old password no longer works and the user's sessions have ended.",
    );
  },
});
