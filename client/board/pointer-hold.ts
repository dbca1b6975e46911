/**
 * When a pointer that still holds the tool is taken to have been lifted although its pointerup
 * never came (WebKitGTK loses them; a lost one used to leave the board deaf until reload).
 */

/** Silence after which a pen may take over from a held mouse, or a mouse from a pen. */
export const STUCK_MS = 500;

/** The pointer the tool is listening to, and the newest event seen from it. */
export interface HeldPointer {
  id: number;
  type: string;
  last: PointerEvent;
}

/** A stylus or a mouse: one contact per device (an iPad's Apple Pencil, a tablet's pen). */
function oneContact(type: string): boolean {
  return type === 'pen' || type === 'mouse';
}

/**
 * True when `down` shows that the held pointer is no longer down. The same pointer cannot go
 * down twice; a primary touch means no other finger is down; a stylus or a mouse cannot make
 * a second contact. A pen and a mouse can overlap, so one only takes over from the other
 * after STUCK_MS of silence. A touch never takes over from a pen: that is a resting palm.
 */
export function staleBy(held: HeldPointer, down: PointerEvent): boolean {
  if (held.id === down.pointerId) return true;
  if (held.type === 'touch' && down.pointerType === 'touch') return down.isPrimary;
  if (!oneContact(held.type) || !oneContact(down.pointerType)) return false;
  if (held.type === down.pointerType) return true;
  return down.timeStamp - held.last.timeStamp >= STUCK_MS;
}
