// The printed PDF, finished with pdf-lib (as Vivliostyle CLI's
// pdf-postprocess does): reading its named destinations, the outline, the
// document properties (Info, XMP, /Lang) and a stable file identifier.
// Nothing here needs the browser.
import { createHash } from 'node:crypto';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFRef, PDFString, type PDFObject } from 'pdf-lib';
import type { Book } from '../../model/book.js';
import type { Edition } from '../../model/edition.js';
import { bookDescription, bookKeywords } from '../../model/text.js';

/** Named destination → its explicit destination array ([page /XYZ x y zoom]); Chromium writes one for every id that a link points to. */
export function destinationArrays(doc: PDFDocument): Map<string, PDFArray> {
  const out = new Map<string, PDFArray>();
  const add = (name: string, value: PDFObject | undefined) => {
    let target = value instanceof PDFRef ? doc.context.lookup(value) : value;
    if (target instanceof PDFDict) target = target.lookup(PDFName.of('D'));
    if (target instanceof PDFArray) out.set(name, target);
  };
  const dests = doc.catalog.lookupMaybe(PDFName.of('Dests'), PDFDict);
  for (const [key, value] of dests?.entries() ?? []) add(key.decodeText(), value);
  // A name tree (/Names /Dests), in case a later Chromium writes one.
  const walk = (node: PDFDict | undefined) => {
    if (!node) return;
    const names = node.lookupMaybe(PDFName.of('Names'), PDFArray);
    for (let i = 0; names && i + 1 < names.size(); i += 2) {
      const key = names.lookup(i);
      if (key instanceof PDFString || key instanceof PDFHexString) add(key.decodeText(), names.get(i + 1));
    }
    const kids = node.lookupMaybe(PDFName.of('Kids'), PDFArray);
    for (let i = 0; kids && i < kids.size(); i++) walk(kids.lookupMaybe(i, PDFDict));
  };
  walk(doc.catalog.lookupMaybe(PDFName.of('Names'), PDFDict)?.lookupMaybe(PDFName.of('Dests'), PDFDict));
  return out;
}

/** Named destination → 1-based page number. */
export function readDestinations(doc: PDFDocument): Map<string, number> {
  const pageNumber = new Map(doc.getPages().map((p, i) => [p.ref.toString(), i + 1]));
  const out = new Map<string, number>();
  for (const [name, dest] of destinationArrays(doc)) {
    const ref = dest.get(0);
    const n = ref instanceof PDFRef ? pageNumber.get(ref.toString()) : undefined;
    if (n !== undefined) out.set(name, n);
  }
  return out;
}

export interface Bookmark {
  title: string;
  /** A named destination (an element id), or a page (1-based) for pages nothing links to. */
  target: { id: string } | { page: number };
  children: Bookmark[];
}

/**
 * The PDF outline, built here rather than by Chromium (page.pdf's outline
 * option): that one lists every h1–h6, and sets the text of a heading pushed
 * to the next page twice (「對談之中對談之中」). This one is the contents,
 * nested as printed, after the cover, title page and contents themselves.
 */
export function writeOutline(doc: PDFDocument, marks: Bookmark[]): void {
  const context = doc.context;
  const dests = destinationArrays(doc);
  const pages = doc.getPages();
  const destOf = (m: Bookmark): PDFArray => {
    if ('id' in m.target) {
      const dest = dests.get(m.target.id);
      if (!dest) throw new Error(`no destination for the bookmark 「${m.title}」 (#${m.target.id})`);
      return dest;
    }
    const page = pages[m.target.page - 1];
    if (!page) throw new Error(`no page ${m.target.page} for the bookmark 「${m.title}」`);
    return context.obj([page.ref, PDFName.of('Fit')]);
  };
  const rootRef = context.nextRef();
  const root = context.obj({ Type: 'Outlines' });
  /** Link `items` under `parent`; every level open. Returns how many items are visible below it. */
  const link = (parentRef: PDFRef, parent: PDFDict, items: Bookmark[]): number => {
    const refs = items.map(() => context.nextRef());
    let visible = 0;
    items.forEach((m, i) => {
      const item = context.obj({});
      item.set(PDFName.of('Title'), PDFHexString.fromText(m.title));
      item.set(PDFName.of('Parent'), parentRef);
      if (i > 0) item.set(PDFName.of('Prev'), refs[i - 1]!);
      if (i + 1 < refs.length) item.set(PDFName.of('Next'), refs[i + 1]!);
      item.set(PDFName.of('Dest'), destOf(m));
      visible += 1 + (m.children.length ? link(refs[i]!, item, m.children) : 0);
      context.assign(refs[i]!, item);
    });
    if (refs.length) {
      parent.set(PDFName.of('First'), refs[0]!);
      parent.set(PDFName.of('Last'), refs[refs.length - 1]!);
      parent.set(PDFName.of('Count'), PDFNumber.of(visible));
    }
    return visible;
  };
  link(rootRef, root, marks);
  context.assign(rootRef, root);
  doc.catalog.set(PDFName.of('Outlines'), rootRef);
}

/** A range of page labels: from page `start` (0-based) on, a fixed label (`prefix` alone) or decimal numbers from `first` after an optional prefix. */
export interface PageLabelRange {
  start: number;
  prefix?: string;
  /** Decimal numbers from this one; without it, the label is the prefix alone. */
  first?: number;
}

/**
 * /PageLabels: what a viewer's page box shows for each page (the printed
 * folio, not the page's place in the file; a word such as 封面 for pages
 * without one).
 */
export function writePageLabels(doc: PDFDocument, ranges: PageLabelRange[]): void {
  const nums = PDFArray.withContext(doc.context);
  for (const r of ranges) {
    const label = doc.context.obj({});
    if (r.first !== undefined) {
      label.set(PDFName.of('S'), PDFName.of('D'));
      if (r.first !== 1) label.set(PDFName.of('St'), PDFNumber.of(r.first));
    }
    if (r.prefix) label.set(PDFName.of('P'), PDFHexString.fromText(r.prefix));
    nums.push(PDFNumber.of(r.start));
    nums.push(label);
  }
  doc.catalog.set(PDFName.of('PageLabels'), doc.context.obj({ Nums: nums }));
}

const md5 = (s: string) => createHash('md5').update(s).digest('hex');

const xml = (s: string) => s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
const pdfDate = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

/** The XMP packet: the same properties as the Info dictionary, for readers that look only here (PDF/UA asks for dc:title). */
export function renderXmp(p: { title: string; creators: string[]; subject: string; keywords: string[]; language: string; identifier: string; date: Date; creator: string; producer: string; pdfx?: string }): string {
  const li = (items: string[]) => items.map((i) => `<rdf:li>${xml(i)}</rdf:li>`).join('');
  return [
    '<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>',
    '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
    `<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/"${p.pdfx ? ' xmlns:pdfx="http://ns.adobe.com/pdfx/1.3/"' : ''}>`,
    '<dc:format>application/pdf</dc:format>',
    `<dc:title><rdf:Alt><rdf:li xml:lang="x-default">${xml(p.title)}</rdf:li></rdf:Alt></dc:title>`,
    `<dc:creator><rdf:Seq>${li(p.creators)}</rdf:Seq></dc:creator>`,
    `<dc:description><rdf:Alt><rdf:li xml:lang="x-default">${xml(p.subject)}</rdf:li></rdf:Alt></dc:description>`,
    `<dc:subject><rdf:Bag>${li(p.keywords)}</rdf:Bag></dc:subject>`,
    `<dc:language><rdf:Bag>${li([p.language])}</rdf:Bag></dc:language>`,
    `<dc:identifier>${xml(p.identifier)}</dc:identifier>`,
    `<xmp:CreateDate>${pdfDate(p.date)}</xmp:CreateDate><xmp:ModifyDate>${pdfDate(p.date)}</xmp:ModifyDate><xmp:MetadataDate>${pdfDate(p.date)}</xmp:MetadataDate>`,
    `<xmp:CreatorTool>${xml(p.creator)}</xmp:CreatorTool>`,
    `<pdf:Producer>${xml(p.producer)}</pdf:Producer><pdf:Keywords>${xml(p.keywords.join(' '))}</pdf:Keywords>`,
    `<xmpMM:DocumentID>${xml(p.identifier)}</xmpMM:DocumentID>`,
    ...(p.pdfx ? [`<pdfx:GTS_PDFXVersion>${xml(p.pdfx)}</pdfx:GTS_PDFXVersion><pdf:Trapped>False</pdf:Trapped>`] : []),
    '</rdf:Description></rdf:RDF></x:xmpmeta>',
    '<?xpacket end="w"?>',
  ].join('\n');
}

export interface FinishOptions {
  /** A PDF/X file's version (the XMP says it too). */
  pdfx?: string;
  /** What made the file, after Transcript Press. */
  tools?: string;
}

export type DocumentProperties = Parameters<typeof renderXmp>[0];

/** What the file says about itself (Info and XMP), from the book, the edition and the build date. */
export function documentProperties(book: Book, edition: Edition, date: Date, identifier: string, options: FinishOptions = {}): DocumentProperties {
  const m = book.meta;
  return {
    title: m.title,
    creators: m.speakers.map((s) => s.name),
    subject: bookDescription(m),
    keywords: bookKeywords(m),
    language: edition.locale,
    identifier,
    date,
    creator: 'Transcript Press',
    producer: `Transcript Press (${options.tools ?? 'Chromium, pdf-lib'})`,
    pdfx: options.pdfx,
  };
}

/** The file identifier (trailer /ID): the same edition keeps its first half; the second changes with the build. */
export const fileIdentifier = (identifier: string, date: Date): [string, string] => [md5(identifier), md5(`${identifier}:${date.toISOString()}`)];

/** The Info dictionary (Ghostscript carries it over into a PDF/X file; the XMP and /Lang it does not). */
export function writeInfo(doc: PDFDocument, props: DocumentProperties): void {
  doc.setTitle(props.title, { showInWindowTitleBar: true });
  doc.setAuthor(props.creators.join('、'));
  doc.setSubject(props.subject);
  doc.setKeywords(props.keywords);
  doc.setCreator(props.creator);
  doc.setProducer(props.producer);
  doc.setCreationDate(props.date);
  doc.setModificationDate(props.date);
}

/** Document properties (Info and XMP), /Lang, the outline shown on opening if there is one; the build date everywhere; a stable /ID. Saved deterministically. */
export async function finishPdf(doc: PDFDocument, book: Book, edition: Edition, date: Date, identifier: string, options: FinishOptions = {}): Promise<Buffer> {
  const props = documentProperties(book, edition, date, identifier, options);
  writeInfo(doc, props);
  doc.setLanguage(props.language);
  const xmp = doc.context.stream(new TextEncoder().encode(renderXmp(props)), { Type: 'Metadata', Subtype: 'XML' });
  doc.catalog.set(PDFName.of('Metadata'), doc.context.register(xmp));
  if (doc.catalog.has(PDFName.of('Outlines'))) doc.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'));
  const id = PDFArray.withContext(doc.context);
  for (const half of fileIdentifier(identifier, date)) id.push(PDFHexString.of(half));
  doc.context.trailerInfo.ID = id;
  const bytes = await doc.save({ useObjectStreams: false, addDefaultPage: false, updateFieldAppearances: false, objectsPerTick: Infinity });
  return Buffer.from(bytes);
}
