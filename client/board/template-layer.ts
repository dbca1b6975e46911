import type { Op } from '../../shared/ops';

/**
 * The op with everything it adds put on the template layer: what the recorder draws while
 * "draw on the template" is on (only possible while the organiser has the template unlocked).
 */
export function onTemplateLayer(op: Op): Op {
  if (op.kind !== 'add') return op;
  return { ...op, objects: op.objects.map((o) => ({ ...o, layer: 'template' as const })) };
}
