export function roomOf(boardId: string): string {
  return `board:${boardId}`;
}
