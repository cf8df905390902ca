// What each kind of file is: its media type (served with the download link
// and in the feeds) and what a reader calls it.
import type { PublishedFile } from '../writer.js';

export interface FileKind {
  mediaType: string;
  /** The format as a reader names it. */
  label: string;
}

const kinds: Record<string, FileKind> = {
  epub: { mediaType: 'application/epub+zip', label: 'EPUB 3' },
  pdf: { mediaType: 'application/pdf', label: 'PDF' },
  png: { mediaType: 'image/png', label: 'PNG' },
  json: { mediaType: 'application/json', label: 'JSON' },
};

export const extensionOf = (name: string): string => name.slice(name.lastIndexOf('.') + 1).toLowerCase();

export function kindOf(name: string): FileKind {
  const kind = kinds[extensionOf(name)];
  if (!kind) throw new Error(`no media type known for ${name}`);
  return kind;
}

/** The files a reader downloads to read: every EPUB and PDF, in the order they were made. */
export const readingFiles = (files: readonly PublishedFile[]): PublishedFile[] => files.filter((f) => ['epub', 'pdf'].includes(extensionOf(f.name)));

export const opdsAcquisitionType = 'application/atom+xml;profile=opds-catalog;kind=acquisition';
export const opds2Type = 'application/opds+json';
