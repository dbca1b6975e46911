/** IPC between the bench driver and its children (server and viewer processes). */

export interface ServerReady {
  type: 'ready';
  url: string;
  adminToken: string;
}

export interface ServerStats {
  type: 'stats';
  /** process.cpuUsage(), microseconds. */
  user: number;
  system: number;
  /** Lifetime peak resident set (process.resourceUsage().maxRSS), kilobytes. */
  maxRssKb: number;
  rssBytes: number;
  /** V8 heap in use right after a full collection (only when started with --expose-gc). */
  heapAfterGcBytes: number | null;
}

export type ServerRequest = { type: 'stats'; gc?: boolean } | { type: 'close' };

export interface ViewerConnect {
  type: 'connect';
  url: string;
  boardId: string;
  key: string;
  count: number;
}

export interface ViewerCollect {
  type: 'collect';
  /** Parent-clock send time of each live batch, by `${strokeId}:${from}`. */
  liveSent: Record<string, number>;
  /** Parent-clock send time of each op, by op id. */
  opSent: Record<string, number>;
  /** Child clock minus parent clock, from `clockOffset`. */
  offset: number;
}

export type ViewerRequest =
  ViewerConnect | { type: 'clock' } | { type: 'cpu' } | ViewerCollect | { type: 'close' };

export interface ViewerConnected {
  type: 'connected';
  connected: number;
  failed: number;
  firstError?: string;
}

export interface ViewerClock {
  type: 'clock';
  at: number;
}

export interface ViewerResult {
  type: 'result';
  liveDelivered: number;
  opsDelivered: number;
  /** Recorder-to-viewer latency of every live batch every viewer received, ms, parent clock. */
  liveLatencies: Float64Array;
  opLatencies: Float64Array;
  /** Viewers that lost their connection during the run. */
  disconnects: number;
}

/** process.cpuUsage() of a viewer process, microseconds: shows whether the clients kept up. */
export interface ViewerCpu {
  type: 'cpu';
  user: number;
  system: number;
}

export type ViewerReply = ViewerConnected | ViewerClock | ViewerCpu | ViewerResult;

/** Keep `count` viewers connected, each leaving after a random 3–15 s and replaced at once. */
export interface ChurnStart {
  type: 'churn';
  url: string;
  boardId: string;
  key: string;
  count: number;
  seed: number;
}

export type ChurnRequest = ChurnStart | { type: 'churn-stats' } | { type: 'close' };

export interface ChurnStats {
  type: 'churn-stats';
  connected: number;
  joins: number;
  leaves: number;
  connectFailures: number;
  /** Disconnects the churner did not ask for: the server dropped a viewer. */
  dropped: number;
  firstError?: string;
}
