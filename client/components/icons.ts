/** 24×24 stroked icon paths for the toolbar (drawn for this app; no icon font to load). */
export const ICONS = {
  pen: 'M4 20l1-4L16 5l3 3L8 19zM14 7l3 3',
  marker: 'M4 20h4l11-11-4-4L4 16zM13 7l4 4M4 20l2-2',
  highlighter: 'M5 21h7M9 15l-3 3 2 2 3-3M9 15l9-9 3 3-9 9z',
  shadow: 'M12 3a9 9 0 100 18 9 9 0 000-18zM12 3v18M12 7h5M12 11h7M12 15h6',
  eraser: 'M5 15l8-8 6 6-6 6H9zM9 11l6 6M11 21h9',
  hand: 'M8 12V6a1.5 1.5 0 013 0v5M11 11V4.5a1.5 1.5 0 013 0V11M14 11V6a1.5 1.5 0 013 0v7a7 7 0 01-7 7 6 6 0 01-5-3l-2.5-4a1.5 1.5 0 012.6-1.5L8 13',
  text: 'M5 7V4h14v3M12 4v16M9 20h6',
  select: 'M5 3l13 7-6 1.5L9 18zM12 11.5l5 6.5',
  eraserPartial: 'M5 15l8-8 6 6-6 6H9zM9 11l6 6M3 5l3 3M7 3l1 3M3 9l3-1',
  duplicate: 'M8 8h11v11H8zM5 15H4V4h11v1',
  trash: 'M4 7h16M9 7V4h6v3M6 7l1 13h10l1-13M10 11v6M14 11v6',
  front: 'M8 8h12v12H8zM4 4h10v3M4 4v10h3',
  back: 'M4 4h12v12H4zM20 8v12H8v-3M20 8h-3',
  undo: 'M9 14L4 9l5-5M4 9h11a5 5 0 010 10h-4',
  redo: 'M15 14l5-5-5-5M20 9H9a5 5 0 000 10h4',
  fit: 'M4 9V4h5M20 9V4h-5M4 15v5h5M20 15v5h-5',
  shape: 'M3 4h9v9H3zM17 11a4 4 0 100 8 4 4 0 000-8zM5 20l6-4',
  stamp: 'M9 3h6l-1 7h-4zM6 10h12v4H6zM5 17h14M7 20h10',
  image: 'M4 5h16v14H4zM4 16l5-5 4 4 2-2 5 5M15 9.5a1.5 1.5 0 103 0 1.5 1.5 0 00-3 0',
  help: 'M12 3a9 9 0 100 18 9 9 0 000-18zM9.5 9.5a2.5 2.5 0 115 .5c0 1.5-2.5 2-2.5 3.5M12 17v.5',
} as const;
export type IconName = keyof typeof ICONS;
