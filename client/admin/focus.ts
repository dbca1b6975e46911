/** The board list's heading: where focus lands when the card that held it is gone. */
export const LIST_HEADING_ID = 'boards-heading';

export function focusBoardList(): void {
  document.getElementById(LIST_HEADING_ID)?.focus();
}
