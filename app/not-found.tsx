import Link from "next/link";

export default function NotFound() {
  return (
    <>
      <h1>Page not found</h1>
      <p>
        There is no page at this address. The plan, {""}
        objective or output may have been renamed, or the link may be mistyped.
      </p>
      <p>
        <Link href="/">See all plans</Link>
      </p>
    </>
  );
}
