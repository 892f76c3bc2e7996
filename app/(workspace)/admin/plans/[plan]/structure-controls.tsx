import Link from "next/link";
import { moveOutputAction, movePillarAction } from "../structure-actions";

/** Up and down buttons for a pillar (`pillar`) or an output (`output`, its code): plain forms. */
export function MoveButtons({
  slug,
  target,
  label,
  first,
  last,
}: {
  slug: string;
  target: { pillar: number } | { output: string };
  /** How the button names what moves: "Objective 2", "output 1.3". */
  label: string;
  first: boolean;
  last: boolean;
}) {
  const action = "pillar" in target ? movePillarAction : moveOutputAction;
  const [name, value] = "pillar" in target ? ["pillar", target.pillar] : ["output", target.output];
  return (
    <span className="edit-moves">
      {(["up", "down"] as const).map((direction) => (
        <form key={direction} action={action}>
          <input type="hidden" name="plan" value={slug} />
          <input type="hidden" name={name} value={String(value)} />
          <input type="hidden" name="direction" value={direction} />
          <button
            type="submit"
            className="button button-secondary button-small"
            disabled={direction === "up" ? first : last}
            aria-label={`Move ${label} ${direction}`}
          >
            {direction === "up" ? "↑ Up" : "↓ Down"}
          </button>
        </form>
      ))}
    </span>
  );
}

/** The plan's structure links: details and status, the matrix, a new pillar. */
export function StructureLinks({ slug, pillarTerm }: { slug: string; pillarTerm: string }) {
  return (
    <nav aria-label="The plan's structure">
      <p>
        <Link href={`/admin/plans/${slug}/details`}>Details and status</Link> ·{" "}
        <Link href={`/admin/plans/${slug}/responsibilities`}>Responsibility matrix</Link> ·{" "}
        <Link href={`/admin/plans/${slug}/pillars/new`}>New {pillarTerm}</Link> ·{" "}
        <Link href="/admin/institutions">Institutions</Link>
      </p>
    </nav>
  );
}
