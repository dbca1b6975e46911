import { requestJson } from '../api/board-api';
import { authHeader } from '../api/admin-api';
import { isLoopbackHost, rebase, type AddressesReply, type LanAddressView } from './link-base';

const STORAGE_KEY = 'grareco.linkBase';

function stored(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

/**
 * Which address the console's links and QR codes carry. The server builds them on the
 * address the organiser's browser used, which is localhost when the console was opened
 * from the start-up line: phones in the hall cannot open those. The organiser picks one of
 * the machine's LAN addresses here instead; PUBLIC_URL, when set, wins over any choice.
 */
class LinkBase {
  loaded = $state(false);
  publicUrl = $state<string | null>(null);
  addresses = $state.raw<readonly LanAddressView[]>([]);
  /** The chosen LAN base, or null for the page's own origin (what the server put in the links). */
  chosen = $state<string | null>(null);
  readonly origin = location.origin;

  /** The base of the links as shown. */
  readonly base = $derived(this.publicUrl ?? this.chosen ?? this.origin);
  /** True when the links shown open on this computer only. */
  readonly loopback = $derived(this.publicUrl === null && isLoopbackHost(new URL(this.base).hostname));

  /** What the organiser can pick: this page's own origin, every LAN base, and the current choice. */
  readonly choices = $derived([
    ...new Set([this.origin, ...this.addresses.map((a) => a.url), ...(this.chosen ? [this.chosen] : [])]),
  ]);

  /** A link as the server made it, on the chosen base. */
  rebase(url: string): string {
    return this.publicUrl !== null || this.chosen === null ? url : rebase(url, this.chosen);
  }

  choose(url: string | null): void {
    this.chosen = url === this.origin ? null : url;
    try {
      if (this.chosen) localStorage.setItem(STORAGE_KEY, this.chosen);
      else localStorage.removeItem(STORAGE_KEY);
    } catch {
      // Private mode may refuse storage; the choice then lasts for this page only.
    }
  }

  /** Read again with each list refresh: a laptop often joins the hall Wi-Fi after opening the page. */
  async load(token: string): Promise<void> {
    const res = await requestJson<AddressesReply>('/api/admin/addresses', {
      headers: authHeader(token),
      cache: 'no-store',
    });
    if (!res.ok) return;
    const next = res.value.addresses ?? [];
    if (JSON.stringify(next) !== JSON.stringify(this.addresses)) this.addresses = next;
    this.publicUrl = res.value.publicUrl ?? null;
    // The stored choice of an earlier visit counts only if this machine still has that address;
    // once chosen here it stays, even while the Wi-Fi drops and the address is briefly gone.
    if (!this.loaded) {
      const earlier = stored();
      if (earlier !== null && next.some((a) => a.url === earlier)) this.chosen = earlier;
    }
    this.loaded = true;
  }
}

export const linkBase = new LinkBase();
