import type { ReactNode } from "react";

/**
 * A wide table that scrolls sideways on small screens. Keyboard users can focus the region to
 * scroll it (WCAG 2.1.1), and screen readers hear what it holds.
 */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard.
    <section className="table-wrap" tabIndex={0} aria-label={label}>
      {children}
    </section>
  );
}
