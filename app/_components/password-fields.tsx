import { Field } from "./field";

/** New password and its confirmation, with the rules stated up front. */
export function NewPasswordFields({ errors }: { errors: Record<string, string[]> }) {
  return (
    <>
      <Field
        name="password"
        label="New password"
        hint="At least 12 characters; a few words together work well. Common passwords are refused."
        errors={errors.password}
      >
        {(props) => (
          <input
            {...props}
            type="password"
            autoComplete="new-password"
            minLength={12}
            maxLength={128}
            required
          />
        )}
      </Field>
      <Field name="confirm" label="New password again" errors={errors.confirm}>
        {(props) => (
          <input {...props} type="password" autoComplete="new-password" maxLength={128} required />
        )}
      </Field>
    </>
  );
}
