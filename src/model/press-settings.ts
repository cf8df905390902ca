// How a book is printed and bound: options of the build (`--signature`,
// `--paper-thickness`) that the printer's files read (the press interior's
// padding, the cover's spine). Plain data, so that the command line can know
// the choices without loading the writers.

export interface PressSettings {
  /** The interior's page count is a multiple of this: 4 (sheets folded once), or 16 or 32 (offset signatures). */
  signature: 4 | 16 | 32;
  /** One leaf's thickness in mm (two pages), for the spine: about 0.1 mm for 80 g/m² uncoated paper. */
  paperThickness: number;
}

export const defaultPressSettings: PressSettings = { signature: 4, paperThickness: 0.1 };
export const signatures: readonly PressSettings['signature'][] = [4, 16, 32];
