// The table directory of a TrueType (sfnt) font: after a 12-byte header
// whose bytes 4-5 count the tables, one 16-byte record a table (its tag,
// checksum, offset and length). Read here for every use: a font's tables
// (./font-chunks.ts), one table read from a file, and the font cache's
// check that a kept file is whole (./woff2.ts).

export interface TableRecord {
  tag: string;
  offset: number;
  length: number;
}

/** Bytes of the header and of one record. */
export const sfntHeaderLength = 12;
export const tableRecordLength = 16;

/** How many tables the header (the font's first bytes) lists. */
export const tableCount = (header: Buffer): number => header.readUInt16BE(4);

/** The records of `directory` (the bytes after the header: `count` records). */
export function tableRecords(directory: Buffer, count: number): TableRecord[] {
  return Array.from({ length: count }, (_, i) => {
    const at = tableRecordLength * i;
    return { tag: directory.toString('latin1', at, at + 4), offset: directory.readUInt32BE(at + 8), length: directory.readUInt32BE(at + 12) };
  });
}
