export const ADMIN_TOKEN_KEY = 'grareco.adminToken';

/**
 * Takes the token out of the organiser link: it is kept in localStorage and removed from the
 * address bar, so it does not linger in history, screenshots or a shared screen.
 */
export function adoptAdminToken(fromUrl: string | null): string | null {
  if (fromUrl) {
    saveAdminToken(fromUrl);
    const url = new URL(location.href);
    url.searchParams.delete('token');
    history.replaceState(history.state, '', url.pathname + url.search + url.hash);
  }
  try {
    return localStorage.getItem(ADMIN_TOKEN_KEY) ?? fromUrl;
  } catch {
    return fromUrl;
  }
}

export function saveAdminToken(token: string): void {
  try {
    localStorage.setItem(ADMIN_TOKEN_KEY, token);
  } catch {
    // Without storage the token lasts for this page only.
  }
}

export function forgetAdminToken(): void {
  try {
    localStorage.removeItem(ADMIN_TOKEN_KEY);
  } catch {
    // Nothing stored, nothing to forget.
  }
}
