/** zod schemas for user management, shared by the forms and the server. */
import { z } from "zod";
import { newPasswordSchema } from "@/lib/auth/password-rules";
import { ROLES } from "@/lib/domain/enums";
import { recordIdInput, recordIdSchema, requiredText } from "@/lib/server/validation";

const optionalId = z
  .union([z.literal(""), z.null(), recordIdInput], {
    error: "Choose an institution from the list.",
  })
  .optional()
  .transform((value) => (value === "" || value === undefined ? null : value));

const userFields = {
  name: requiredText(120, "the person's name"),
  role: z.enum(ROLES, { message: "Choose a role." }),
  institutionId: optionalId,
};

const reporterNeedsInstitution = (value: { role: string; institutionId: number | null }) =>
  value.role !== "reporter" || value.institutionId !== null;
const institutionIssue = {
  message: "A reporter must belong to an institution.",
  path: ["institutionId"],
};

export const createUserSchema = z
  .object({
    email: z
      .string()
      .trim()
      .toLowerCase()
      .max(254, "Use at most 254 characters.")
      .pipe(z.email("Enter a valid e-mail address.")),
    ...userFields,
  })
  .refine(reporterNeedsInstitution, institutionIssue);
export type CreateUserInput = z.infer<typeof createUserSchema>;

export const updateUserSchema = z
  .object(userFields)
  .refine(reporterNeedsInstitution, institutionIssue);
export type UpdateUserInput = z.infer<typeof updateUserSchema>;

export const userIdSchema = recordIdSchema;

export const userSearchSchema = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  role: z.enum(ROLES).optional().catch(undefined),
  status: z.enum(["active", "inactive"]).optional().catch(undefined),
});
export type UserSearch = z.infer<typeof userSearchSchema>;

export const setPasswordSchema = z
  .object({
    token: z.string().min(20).max(200),
    password: newPasswordSchema,
    confirm: z.string(),
  })
  .refine((v) => v.password === v.confirm, {
    message: "The two passwords differ.",
    path: ["confirm"],
  });

export const changePasswordSchema = z
  .object({
    current: z.string().min(1, "Enter your current password.").max(1024),
    password: newPasswordSchema,
    confirm: z.string(),
  })
  .refine((v) => v.password === v.confirm, {
    message: "The two passwords differ.",
    path: ["confirm"],
  });
