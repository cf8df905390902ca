import { readFileSync } from 'node:fs';
import JSZip from 'jszip';

export interface EpubFiles {
  names: string[];
  text: (name: string) => Promise<string>;
  size: (name: string) => Promise<number>;
  bytes: (name: string) => Promise<Buffer>;
}

export async function openEpub(file: string): Promise<EpubFiles> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  return {
    names: Object.keys(zip.files).filter((n) => !zip.files[n]!.dir),
    text: (name) => zip.file(name)!.async('string'),
    size: async (name) => (await zip.file(name)!.async('uint8array')).length,
    bytes: async (name) => Buffer.from(await zip.file(name)!.async('uint8array')),
  };
}

/** Visible text of an XHTML document: tags removed, the few entities we emit decoded. */
export function xhtmlText(xhtml: string): string {
  const body = xhtml.slice(xhtml.indexOf('<body'));
  return body
    .replace(/<sup class="tl-backref">.*?<\/sup>/g, '')
    // The editor's 〔原文如此〕 after a passage is apparatus, not the text.
    .replace(/<a class="sic-mark"[^>]*>.*?<\/a>/g, '')
    .replace(/<[^>]+>/g, '')
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}
