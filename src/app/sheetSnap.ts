/** The phone's bottom sheet rests at one of three heights: a peek (search box), half, or full. */
export type SheetSnap = 'peek' | 'half' | 'full';

const PEEK_PX = 120;

/** Sheet height in px for a snap point, in a map area `available` px tall. */
export function snapHeight(snap: SheetSnap, available: number): number {
  if (snap === 'peek') return Math.min(PEEK_PX, available);
  if (snap === 'half') return Math.round(available * 0.5);
  return available;
}

/**
 * Where a drag ends: the snap point nearest to the dragged height, but a quick flick (> 0.5 px/ms)
 * goes one step in its direction, as native sheets do.
 */
export function snapAfterDrag(height: number, available: number, velocity = 0): SheetSnap {
  const order: SheetSnap[] = ['peek', 'half', 'full'];
  let nearest = order[0];
  for (const s of order) if (Math.abs(snapHeight(s, available) - height) < Math.abs(snapHeight(nearest, available) - height)) nearest = s;
  if (Math.abs(velocity) > 0.5) {
    // velocity > 0: the finger moves up (the sheet grows).
    const from = order.findIndex((s) => snapHeight(s, available) >= height);
    const step = velocity > 0 ? Math.max(from, 0) : Math.max(0, (from === -1 ? order.length : from) - 1);
    return order[Math.min(order.length - 1, step)];
  }
  return nearest;
}

/** The next snap point for the handle's click or arrow keys. */
export function nextSnap(snap: SheetSnap, direction: 'up' | 'down' | 'cycle'): SheetSnap {
  const order: SheetSnap[] = ['peek', 'half', 'full'];
  const i = order.indexOf(snap);
  if (direction === 'up') return order[Math.min(2, i + 1)];
  if (direction === 'down') return order[Math.max(0, i - 1)];
  return order[(i + 1) % 3];
}
