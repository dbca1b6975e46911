import type { ShapeStyle } from './tools/shape';
import type { StampStyle } from './tools/stamp';
import type { TextStyle } from './tools/text';

/** What the creation tools (text, shapes, stamps) make new records with. */
export interface CreationStyle {
  text: TextStyle;
  shape: ShapeStyle;
  stamp: StampStyle;
}
