import Link from "next/link";
import { moveOutputAction, movePillarAction } from "../structure-actions";
import { moveIndicatorAction } from "./actions";

/**
 * Up and down buttons for a pillar (`pillar`), an output (`output`, its code) or an indicator
 * (`indicator`, its code). In a draft: plain forms that move at once. In a published plan:
 * links to the confirmation page, which asks for a reason (docs/architecture.md, "Stable public addresses").
 */
export function MoveButtons({
  slug,
  target,
  label,
  first,
  last,
  published,
}: {
  slug: string;
  target: { pillar: number } | { output: string } | { indicator: string };
  /** A published plan: a move is confirmed with a reason on its own page. */
  published: boolean;
  /** How the button names what moves: "Objective 2", "output 1.3". */
  label: string;
  first: boolean;
  last: boolean;
}) {
  const [name, value] =
    "pillar" in target
      ? ["pillar", String(target.pillar)]
      : "output" in target
        ? ["output", target.output]
        : ["indicator", target.indicator];
  if (published)
    return (
      <span className="edit-moves">
        {(["up", "down"] as const).map((direction) =>
          (direction === "up" ? first : last) ? (
            <button
              key={direction}
              type="button"
              className="button button-secondary button-small"
              disabled
              aria-label={`Move ${label} ${direction}`}
            >
              {direction === "up" ? "↑ Up" : "↓ Down"}
            </button>
          ) : (
            <Link
              key={direction}
              className="button button-secondary button-small"
              href={`/admin/plans/${slug}/move?${name}=${encodeURIComponent(value)}&direction=${direction}`}
              aria-label={`Move ${label} ${direction}`}
            >
              {direction === "up" ? "↑ Up" : "↓ Down"}
            </Link>
          ),
        )}
      </span>
    );
  const action =
    name === "pillar"
      ? movePillarAction
      : name === "output"
        ? moveOutputAction
        : moveIndicatorAction;
  const field = name === "indicator" ? "code" : name;
  return (
    <span className="edit-moves">
      {(["up", "down"] as const).map((direction) => (
        <form key={direction} action={action}>
          <input type="hidden" name="plan" value={slug} />
          <input type="hidden" name={field} value={value} />
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
