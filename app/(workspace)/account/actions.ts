"use server";

import { formAction } from "@/lib/server/form-action";
import { parseInput } from "@/lib/server/validation";
import { changeOwnPassword } from "@/lib/users/data";
import { changePasswordSchema } from "@/lib/users/schemas";

export const changePasswordAction = formAction({
  // Passwords are never sent back to the browser.
  omit: ["current", "password", "confirm"],
  run: async (viewer, _t, _values, formData) => {
    const { current, password } = parseInput(
      changePasswordSchema,
      Object.fromEntries(formData.entries()),
    );
    await changeOwnPassword(viewer, current, password);
  },
  done: () => ({
    ok: true,
    message:
      "Your password is changed. Every session has ended: sign in again with the new password.",
  }),
});
