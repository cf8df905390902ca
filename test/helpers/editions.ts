import { findEdition, type Edition } from '../../src/model/edition.js';

/** The project's edition record of this id (the tests name editions as the CLI does). */
export function edition(id: string): Edition {
  const e = findEdition(id);
  if (!e) throw new Error(`no edition 「${id}」`);
  return e;
}
