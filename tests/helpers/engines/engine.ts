/**
 * The thin driver interface the core flows run through, one implementation per engine:
 * Chromium (playwright-core), WebKitGTK (WebKitWebDriver + selenium-webdriver) and Firefox ESR
 * (WebDriver BiDi through puppeteer-core). It holds only what the flows need, in CSS pixels
 * of the page's viewport.
 */
export const ENGINE = { chromium: 'chromium', webkit: 'webkit', firefox: 'firefox' } as const;
export type EngineName = (typeof ENGINE)[keyof typeof ENGINE];

export interface PagePoint {
  x: number;
  y: number;
}

/** A pointer that is not a mouse, driven through the driver's own pointer actions. */
export type StylusKind = 'pen' | 'touch';

export interface EnginePage {
  readonly engine: EngineName;
  goto(url: string): Promise<void>;
  reload(): Promise<void>;
  /**
   * Runs `fn` in the page with one JSON argument and returns its JSON result (a returned
   * promise is awaited). `fn` is sent as source: it may use nothing from the test's scope.
   */
  evaluate<A, R>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
  /** Presses the left mouse button at the first point, drags through the rest, releases. */
  mouseStroke(points: readonly PagePoint[]): Promise<void>;
  /**
   * A pen or touch contact through the points, as the driver makes it (which kinds an engine's
   * driver can make is in `stylus` of its Engine).
   */
  stylusStroke(kind: StylusKind, points: readonly PagePoint[]): Promise<void>;
  /** A real click on the element the CSS selector finds. */
  click(selector: string): Promise<void>;
  /** A left click at a point. */
  clickAt(at: PagePoint): Promise<void>;
  /** Types the text into the focused element, as the driver's keyboard input does. */
  typeText(text: string): Promise<void>;
  /** Ctrl+Enter on the focused element. */
  pressCtrlEnter(): Promise<void>;
  /** A PNG of what the viewport shows now. */
  screenshot(): Promise<Buffer>;
  close(): Promise<void>;
}

export interface Engine {
  readonly name: EngineName;
  /** The stylus kind this engine's driver produces for the pen-gesture flow. */
  readonly stylus: StylusKind;
  /**
   * Whether the driver delivers the stylus's moves and lift. WebKitGTK's WebDriver sends a
   * pen's pointerdown only (its moves and pointerup never come), which is the lost lift the
   * pointer input must survive.
   */
  readonly stylusDrags: boolean;
  /** A page in storage of its own (IndexedDB, service worker, cache): another device. */
  newPage(url: string): Promise<EnginePage>;
  close(): Promise<void>;
}

/** The recorder's window, as the Chromium browser tests use. */
export const ENGINE_VIEWPORT = { width: 1280, height: 800 } as const;
