/** Every reason the server may give for refusing a request; clients switch on these. */
export const REJECT = {
  invalidPayload: 'invalid_payload',
  invalidId: 'invalid_id',
  invalidPoint: 'invalid_point',
  tooManyPoints: 'too_many_points',
  tooManyObjects: 'too_many_objects',
  invalidColor: 'invalid_color',
  invalidTitle: 'invalid_title',
  tooLarge: 'too_large',
  textTooLong: 'text_too_long',
  unsupportedImage: 'unsupported_image',
  unknownAsset: 'unknown_asset',
  invalidArchive: 'invalid_archive',
  archiveTooNew: 'archive_too_new',
  unknownJob: 'unknown_job',
  /** The export process died, ran out of memory or out of time; the server kept serving. */
  exportFailed: 'export_failed',
  jobNotReady: 'job_not_ready',
  /** Publishing needs the organiser's record that the board may be published (meta.consentPublish). */
  consentRequired: 'consent_required',
  /** A file offered as the time-lapse that is not an MP4 (its ftyp box says what it is). */
  unsupportedVideo: 'unsupported_video',
  unknownBoard: 'unknown_board',
  badKey: 'bad_key',
  forbidden: 'forbidden',
  boardLocked: 'board_locked',
  templateLocked: 'template_locked',
  objectExists: 'object_exists',
  unknownObject: 'unknown_object',
  boardFull: 'board_full',
  rateLimited: 'rate_limited',
  snapshotRequired: 'snapshot_required',
  protocolMismatch: 'protocol_mismatch',
  /**
   * The server's database file is damaged where this board lives: nothing more is written
   * into it until the operator restores a backup. A device keeps its unsent ops meanwhile.
   */
  storeDamaged: 'store_damaged',
  /** No such API route. */
  notFound: 'not_found',
  internal: 'internal',
} as const;

export type RejectReason = (typeof REJECT)[keyof typeof REJECT];

const known = new Set<string>(Object.values(REJECT));

export function isRejectReason(value: unknown): value is RejectReason {
  return typeof value === 'string' && known.has(value);
}
