import type { BoardStamp } from '../../shared/board-stamps';
import type { BoardObject } from '../../shared/objects/board-object';
import { deleteBoardStamp, saveBoardStamp } from '../api/board-api';
import { t } from '../i18n';

/** How long the "stamp saved" chip stays. */
const NOTICE_MS = 4000;

/**
 * The recorder's "save as stamp" flow: the name form's state, the request, and the short
 * notice afterwards. Saving is an HTTP request (not a queued op), so it needs the connection.
 */
export class StampSaving {
  /** The name form: open, saving, or closed. */
  form = $state<'open' | 'busy' | null>(null);
  error = $state<string | null>(null);
  notice = $state<string | null>(null);
  readonly #boardId: string;
  readonly #key: string;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(boardId: string, key: string) {
    this.#boardId = boardId;
    this.#key = key;
  }

  open(): void {
    this.form = 'open';
    this.error = null;
  }

  close(): void {
    this.form = null;
  }

  async save(name: string, selected: readonly BoardObject[], online: boolean): Promise<void> {
    // An image's asset belongs to this board only: stamps keep drawings, text and shapes.
    const records = selected.filter((o) => o.type !== 'image');
    if (records.length === 0) {
      this.error = t('stampNoImages');
      return;
    }
    if (!online) {
      this.error = t('stampOffline');
      return;
    }
    this.form = 'busy';
    this.error = null;
    const res = await saveBoardStamp(this.#boardId, this.#key, name, records);
    if (!res.ok) {
      this.form = 'open';
      this.error = t('stampSaveFailed', { reason: res.reason });
      return;
    }
    this.form = null;
    this.#say(t('stampSaved', { name: res.value.stamp.name }));
  }

  async delete(stamp: BoardStamp): Promise<void> {
    const res = await deleteBoardStamp(this.#boardId, this.#key, stamp.id);
    if (!res.ok) this.#say(t('stampSaveFailed', { reason: res.reason }));
  }

  #say(text: string): void {
    this.notice = text;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => (this.notice = null), NOTICE_MS);
  }
}
