import type { Changes } from './board-state';
import { layerOf } from './layers';
import type { BoardObject } from './objects/board-object';

/**
 * Does a planned op change anything on the template layer (add, remove, patch, reorder, or a
 * patch moving a record onto or off it)? The template (title, agenda headings, logos) is
 * prepared before the event and locked during it, so the recorder cannot move it by accident.
 */
export function touchesTemplate(objects: ReadonlyMap<string, BoardObject>, changes: Changes): boolean {
  const isTemplate = (o: BoardObject | undefined): boolean => o !== undefined && layerOf(o) === 'template';
  if (changes.added.some(isTemplate)) return true;
  if (changes.removed.some((id) => isTemplate(objects.get(id)))) return true;
  if ((changes.updated ?? []).some((o) => isTemplate(o) || isTemplate(objects.get(o.id)))) return true;
  return (changes.moved?.ids ?? []).some((id) => isTemplate(objects.get(id)));
}

/** May a recorder's tool pick this record? Not a template record while the template is locked. */
export function editableRecord(object: BoardObject, templateLocked: boolean): boolean {
  return !templateLocked || layerOf(object) !== 'template';
}
