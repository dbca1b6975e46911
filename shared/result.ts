import type { RejectReason } from './reject-reasons';

export type Result<T> = { ok: true; value: T } | { ok: false; reason: RejectReason; detail?: string };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail<T = never>(reason: RejectReason, detail?: string): Result<T> {
  return detail === undefined ? { ok: false, reason } : { ok: false, reason, detail };
}
