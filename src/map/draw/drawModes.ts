/** The drawing modes of the measuring tool (kept apart from drawController so the toolbar can
 * list them without pulling terra-draw into the first download). */
export type DrawMode = 'polygon' | 'rectangle' | 'circle' | 'freehand' | 'line';
export const DRAW_MODES: readonly DrawMode[] = ['polygon', 'rectangle', 'circle', 'freehand', 'line'];
