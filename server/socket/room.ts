/** Every socket of a board. */
export function roomOf(boardId: string): string {
  return `board:${boardId}`;
}

/** The board's writers only (recorders, organiser): they see the board even behind its cover. */
export function writersOf(boardId: string): string {
  return `board:${boardId}:writers`;
}

/** Where the board's content goes: everyone once revealed, only the writers while covered. */
export function contentRoom(boardId: string, revealed: boolean): string {
  return revealed ? roomOf(boardId) : writersOf(boardId);
}
