import { rankOutlines, type RankRequest } from './outline-rank-job';

/** The worker's side of postMessage (the page's types know only the window's). */
interface WorkerScope {
  onmessage: ((e: MessageEvent<RankRequest>) => void) | null;
  postMessage(message: unknown, transfer: Transferable[]): void;
}

const scope = self as unknown as WorkerScope;

scope.onmessage = (e) => {
  const reply = rankOutlines(e.data);
  scope.postMessage(reply, [
    reply.xy.buffer,
    reply.rank.buffer,
    reply.pointStarts.buffer,
    reply.subpaths.buffer,
    reply.subpathStarts.buffer,
  ]);
};
