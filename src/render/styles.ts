// Which style sheets (styles/) an edition's pages take, by medium. Every
// edition takes base.css and its medium's sheet; a vertical edition adds
// vertical.css (the direction, and the rules of base.css that name a
// physical side) and, on paper, print-vertical.css (the same for print.css,
// and the measuring columns turned a quarter).
import { isVertical, type Edition } from '../model/edition.js';

export function editionStyleSheets(edition: Pick<Edition, 'writingMode'>, medium: 'epub' | 'print'): string[] {
  const sheets = ['base.css', `${medium}.css`];
  if (isVertical(edition)) sheets.push('vertical.css', ...(medium === 'print' ? ['print-vertical.css'] : []));
  return sheets;
}
