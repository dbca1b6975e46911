const STORAGE_KEY = 'grareco.viewPrefs';

interface Stored {
  grid: boolean;
  overview: boolean;
}

function load(): Stored {
  try {
    const raw: unknown = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '{}');
    const o = (raw && typeof raw === 'object' ? raw : {}) as Partial<Record<keyof Stored, unknown>>;
    return { grid: o.grid === true, overview: o.overview === true };
  } catch {
    return { grid: false, overview: false };
  }
}

/** The recorder's grid and overview switches, kept on the device between sessions. */
export class ViewPrefs {
  grid = $state(false);
  overview = $state(false);

  constructor() {
    const stored = load();
    this.grid = stored.grid;
    this.overview = stored.overview;
  }

  setGrid(on: boolean): void {
    this.grid = on;
    this.#save();
  }

  setOverview(on: boolean): void {
    this.overview = on;
    this.#save();
  }

  #save(): void {
    try {
      localStorage.setItem(STORAGE_KEY, JSON.stringify({ grid: this.grid, overview: this.overview }));
    } catch {
      // Private mode may refuse storage: the switches then last for this page only.
    }
  }
}
