/**
 * Moving one item up or down a list (milestones of an output, dimensions of a plan, categories
 * of a dimension): the new order, or null at either end. The caller then writes positions
 * 0, 1, 2 … in that order (these lists count positions among their own items only).
 */
export function moveInList<T extends { id: number }>(
  items: T[],
  id: number,
  direction: "up" | "down",
): { from: number; to: number; order: T[] } | null {
  const from = items.findIndex((i) => i.id === id);
  const to = direction === "up" ? from - 1 : from + 1;
  if (from < 0 || to < 0 || to >= items.length) return null;
  const order = [...items];
  const [moving] = order.splice(from, 1);
  if (!moving) return null;
  order.splice(to, 0, moving);
  return { from, to, order };
}
