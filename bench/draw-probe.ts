/**
 * Timing probe installed in the recorder page. It is a plain script string, not a function,
 * because tsx compiles with keepNames and the `__name` helper it adds would not exist in the
 * page.
 *
 * What "painted" means here: the board's pointer and wheel handlers queue their drawing for
 * the next animation frame (the pen preview and fabric's requestRenderAll both do). The probe
 * listens on window in the bubble phase, so its own requestAnimationFrame callback is queued
 * after theirs and runs after the canvas has been drawn in that frame. From there it posts a
 * message: the message runs only once the browser has finished that frame's rendering task
 * (style, layout, paint, and the canvas's deferred raster), so its time is when the frame is
 * ready to be shown.
 *
 * Two starting points: when the page got the pointermove (performance.now() in a capture
 * listener, before the board's own handler: what the board's code costs), and each input
 * sample's own timestamp (coalesced samples included). Chromium delivers pointermoves aligned
 * to animation frames, so the second adds up to one frame interval of waiting that no page
 * code can remove.
 */
export const PROBE_SCRIPT = `(() => {
  const probe = { armed: false, down: false, moves: [], redraws: [] };
  window.__drawProbe = probe;
  function afterFrame(done) {
    requestAnimationFrame((frameStart) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => done(frameStart, performance.now());
      channel.port2.postMessage(0);
    });
  }
  window.addEventListener('pointerdown', () => { probe.down = true; });
  window.addEventListener('pointerup', () => { probe.down = false; });
  let handled = 0;
  window.addEventListener('pointermove', () => { handled = performance.now(); }, { capture: true });
  window.addEventListener('wheel', () => { handled = performance.now(); }, { capture: true });
  window.addEventListener('pointermove', (e) => {
    if (!probe.armed || !probe.down) return;
    const coalesced = typeof e.getCoalescedEvents === 'function' ? e.getCoalescedEvents() : [];
    const inputs = coalesced.length > 0 ? coalesced.map((c) => c.timeStamp) : [e.timeStamp];
    const at = handled;
    afterFrame((frameStart, ready) => {
      probe.moves.push({ handled: at, inputs, frameStart, ready });
    });
  });
  window.addEventListener('wheel', (e) => {
    if (!probe.armed) return;
    const at = handled;
    const inputs = [e.timeStamp];
    afterFrame((frameStart, ready) => probe.redraws.push({ handled: at, inputs, frameStart, ready }));
  });
})();`;

/** One event and the frame that showed it (page clock, ms). */
export interface ProbeSample {
  /** When the page's first listener saw the event. */
  handled: number;
  /** The timestamps of the input samples it carried (coalesced ones included). */
  inputs: number[];
  frameStart: number;
  ready: number;
}

export interface ProbeState {
  armed: boolean;
  down: boolean;
  moves: ProbeSample[];
  redraws: ProbeSample[];
}
