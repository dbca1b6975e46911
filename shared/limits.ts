/** Hard limits shared by the validators and the UI, sized for a 2.5-hour event with headroom. */
export const LIMITS = {
  idMaxLength: 64,
  titleMaxLength: 200,
  pointsPerStroke: 10_000,
  pointsPerLiveBatch: 600,
  /**
   * Points one op may carry or rewrite (a patch stores its records whole again): two full
   * strokes. Keeps checking, planning and storing one op within a few milliseconds; the
   * client sends larger pastes, undos and edits as several ops.
   */
  pointsPerOp: 20_000,
  objectsPerAddOp: 200,
  idsPerRemoveOp: 1_000,
  objectsPerBoard: 100_000,
  /** Catch-up replies larger than this tell the client to reload the snapshot over HTTP. */
  catchUpMaxOps: 500,
  /** Socket.IO maxHttpBufferSize: a 10k-point stroke is about 250 kB as JSON. */
  messageBytes: 1_000_000,
  boardMinSide: 320,
  boardMaxSide: 20_000,
  /** How far outside the board a point may lie (a stroke may start off the edge). */
  coordinateMargin: 10_000,
  textLength: 2_000,
  altTextLength: 4_000,
  agendaItems: 12,
  /** An archive import: a long event with images fits easily. */
  archiveBytes: 200 * 1024 * 1024,
  patchesPerOp: 500,
  /** An uploaded image: a speaker photo or a logo, not a poster scan. */
  imageBytes: 8 * 1024 * 1024,
  imagePixels: 24_000_000,
  imageSide: 8_192,
} as const;

/**
 * Per writer socket (never per IP: a whole hall shares one NAT address). Generous for a fast
 * recorder: a stroke a second is typical, an eraser sweep a few a second. Clients pace a
 * backlog below these.
 */
export const WRITER_LIMITS = {
  ops: { perSecond: 40, burst: 400 },
  live: { perSecond: 120, burst: 240 },
  /**
   * What ops cost (server/socket/writer-cost.ts): a point is one unit, other content one unit
   * per 16 bytes, about what a point takes as JSON. Per socket, and per key across all sockets
   * of one board's edit key, so three tabs of one recorder share one allowance. The burst
   * holds five full ops (a large paste); a recorder drawing flat out uses about a thousand a
   * second, an eraser spree a few thousand. Refused ops are charged what they claimed too.
   */
  cost: { perSecond: 10_000, burst: 100_000 },
  costPerKey: { perSecond: 15_000, burst: 150_000 },
} as const;

/**
 * Reads a viewer link can ask for, per socket and per client id (never per IP or per key: a
 * hall shares one NAT address and one view key). An honest page syncs once per (re)connect
 * and once per gap in the op stream, and loads the snapshot once per page load or far-behind
 * catch-up; a refusal (`rate_limited`) makes it retry with backoff.
 */
export const READ_LIMITS = {
  /**
   * A page keeps one sync in flight at a time. The burst times catchUpMaxBytes stays inside a
   * viewer's send budget (server/socket/send-budget.ts), so a burst of honest replies never
   * gets a reading socket cut.
   */
  sync: { perSecond: 2, burst: 4 },
  syncPerClient: { perSecond: 4, burst: 8 },
  /** GET /api/boards/:id, per client id (the page sends it); requests without one share a bucket per board. */
  snapshotPerClient: { perSecond: 1, burst: 5 },
  snapshotAnonymous: { perSecond: 4, burst: 20 },
  /**
   * A catch-up reply encoded larger than this is answered with `snapshot_required` instead:
   * the HTTP snapshot is cached per seq and leaves the socket's send budget for live traffic.
   */
  catchUpMaxBytes: 2 * 1024 * 1024,
  /** Client ids remembered for their buckets; the least recently seen are forgotten first. */
  clientsTracked: 10_000,
} as const;
