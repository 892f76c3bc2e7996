import Link from "next/link";

export default function Forbidden() {
  return (
    <>
      <h1>You do not have access to this page</h1>
      <p>
        Your account's role does not include this area. If you need it, ask the NAP secretariat to
        change your role.
      </p>
      <p>
        <Link href="/">Go to the public plans</Link>
      </p>
    </>
  );
}
