import Link from "next/link";
import { Breadcrumbs } from "@/app/_components/breadcrumbs";
import { formatDate } from "@/lib/format";
import type { RemovedAddress } from "./load";

const WHAT = { pillar: "pillar", output: "output", indicator: "indicator" } as const;

/**
 * The page at a removed record's address (status 410, set by scripts/server.ts): what was
 * there, when and why it was removed. Never another record (docs/architecture.md, "Stable public addresses").
 */
export function RemovedRecord({ removed }: { removed: RemovedAddress }) {
  const { plan } = removed;
  const kind = removed.kind === "pillar" ? plan.pillarTerm : WHAT[removed.kind];
  return (
    <>
      <Breadcrumbs
        items={[
          { href: "/", label: "Plans" },
          { href: `/plans/${plan.slug}`, label: plan.title },
          { label: `Removed: ${removed.code}` },
        ]}
      />
      <h1>This {kind} was removed from the plan</h1>
      <section className="card" aria-labelledby="removed-record">
        <h2 id="removed-record" className="sr-only">
          What was removed
        </h2>
        <dl className="facts">
          <dt>Was</dt>
          <dd>{removed.label}</dd>
          <dt>Removed on</dt>
          <dd>{formatDate(removed.removedAt)}</dd>
          <dt>Reason</dt>
          <dd>{removed.reason ?? <span className="meta">No reason was recorded</span>}</dd>
        </dl>
        <p>
          The address {removed.code} is kept so that links to it still say what happened; it will
          never show another record.
        </p>
      </section>
      <p>
        <Link href={`/plans/${plan.slug}`}>Back to {plan.title}</Link> ·{" "}
        <Link href={`/plans/${plan.slug}/changes`}>Changes to this plan</Link>
      </p>
    </>
  );
}
