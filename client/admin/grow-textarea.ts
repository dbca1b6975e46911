import type { Attachment } from 'svelte/attachments';

/**
 * Keeps a one-line text box as tall as its text, so a long heading wraps in view instead of
 * being cut at the field's edge. Refits on typing, on a change of `value` from outside (pass
 * it so the attachment re-runs) and when the width changes (the form narrows).
 */
export function growTextarea(value: string): Attachment<HTMLTextAreaElement> {
  return (el) => {
    void value;
    let width = -1;
    const fit = () => {
      el.style.height = 'auto';
      const border = el.offsetHeight - el.clientHeight;
      el.style.height = `${el.scrollHeight + border}px`;
    };
    fit();
    const observer = new ResizeObserver(() => {
      // Only a new width can change the wrap; reacting to our own height would loop.
      if (el.clientWidth === width) return;
      width = el.clientWidth;
      fit();
    });
    observer.observe(el);
    el.addEventListener('input', fit);
    return () => {
      observer.disconnect();
      el.removeEventListener('input', fit);
    };
  };
}

/** A heading is one line: Enter (outside an IME composition) adds no line break. */
export function refuseEnter(e: KeyboardEvent): void {
  if (e.key === 'Enter' && !e.isComposing && e.keyCode !== 229) e.preventDefault();
}

/** Pasted line breaks become spaces. */
export function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ');
}
