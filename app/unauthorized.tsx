import Link from "next/link";

export default function Unauthorized() {
  return (
    <>
      <h1>Please sign in</h1>
      <p>This needs an account. Your session may have ended.</p>
      <p>
        <Link href="/signin">Sign in</Link>
      </p>
    </>
  );
}
