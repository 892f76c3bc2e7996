/** Shared by the sign-in page (errors next-auth redirects back with) and the form's script. */
export const GENERIC_FAILURE =
  "Sign-in failed. Check your e-mail address and password. After 5 failed attempts, sign-in is paused for 15 minutes.";
