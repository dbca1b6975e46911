/** The board list's heading: where focus lands when the card that held it is gone. */
export const LIST_HEADING_ID = 'boards-heading';

export function focusBoardList(): void {
  document.getElementById(LIST_HEADING_ID)?.focus();
}

/**
 * Brings a board's card into view, its top below the sticky header (the card's
 * scroll-margin-top): after 作成 at the foot of a long form the new card is otherwise
 * off screen or under the header.
 */
export function revealBoard(id: string): void {
  const card = document.querySelector<HTMLElement>(
    `[data-testid="board-card"][data-board-id="${CSS.escape(id)}"]`,
  );
  card?.scrollIntoView({ block: 'start' });
}
