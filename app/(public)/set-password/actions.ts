"use server";

import { formAction } from "@/lib/server/form-action";
import { parseInput } from "@/lib/server/validation";
import { setPasswordWithToken } from "@/lib/users/data";
import { setPasswordSchema } from "@/lib/users/schemas";

/** The one-time link's form: the token is the authorisation; nothing typed is sent back. */
export const setPasswordAction = formAction({
  omit: ["token", "password", "confirm"],
  run: (_viewer, _t, _values, formData) => {
    const { token, password } = parseInput(
      setPasswordSchema,
      Object.fromEntries(formData.entries()),
    );
    return setPasswordWithToken(token, password);
  },
  done: ({ email }) => ({ ok: true, message: `Your password is set. Sign in as ${email}.` }),
});
