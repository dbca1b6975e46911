const storageKey = (boardId: string) => `grareco.replayKey.${boardId}`;

/**
 * Takes `?key=` out of the address bar, as the organiser page does with its token: it is the
 * admin token, and it should not linger in history, screenshots or a shared screen. It is
 * kept for this tab only (sessionStorage), so a reload still plays; a wrong key never
 * replaces the token the organiser page keeps.
 */
export function adoptReplayKey(boardId: string, fromUrl: string | null): string | null {
  if (fromUrl) {
    try {
      sessionStorage.setItem(storageKey(boardId), fromUrl);
    } catch {
      // Without storage the key lasts for this page only.
    }
    const url = new URL(location.href);
    url.searchParams.delete('key');
    history.replaceState(history.state, '', url.pathname + url.search + url.hash);
    return fromUrl;
  }
  try {
    return sessionStorage.getItem(storageKey(boardId));
  } catch {
    return null;
  }
}
