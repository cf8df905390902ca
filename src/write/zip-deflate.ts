// The EPUB's deflate in zlib (Node's own, native) instead of pako (JSZip's,
// in JavaScript): the same format, method 8, at the same level, in about a
// fifth of the time (pako took ~1 s of a build's CPU for two EPUBs, most of
// it on the embedded fonts). JSZip looks a compression up by name in its
// table of them; this adds one, `ZLIB`, beside its own DEFLATE, and a
// reader of the zip (JSZip included) sees plain deflate. Its worker takes a
// file's chunks and deflates them at once when the file ends: an EPUB's
// files are small enough to hold.
import { createRequire } from 'node:module';
import { deflateRawSync } from 'node:zlib';

const require = createRequire(import.meta.url);

interface Chunk {
  data: Uint8Array | string;
  meta: unknown;
}
interface GenericWorkerInstance {
  push(chunk: Chunk): void;
}
type GenericWorkerClass = { new (name: string): GenericWorkerInstance; prototype: { flush(this: unknown): void; cleanUp(this: unknown): void }; call(self: unknown, name: string): void };

const GenericWorker = require('jszip/lib/stream/GenericWorker') as GenericWorkerClass;
const utils = require('jszip/lib/utils') as { inherits(child: unknown, parent: unknown): void; transformTo(type: string, data: unknown): Uint8Array };
const compressions = require('jszip/lib/compressions') as Record<string, { magic: string; compressWorker(options: { level?: number }): unknown; uncompressWorker(): unknown }>;

/** The name to pass as JSZip's `compression`. */
export const zlibCompression = 'ZLIB';

interface ZlibWorker extends GenericWorkerInstance {
  chunks: Uint8Array[];
  level: number;
  meta: unknown;
}

function ZlibWorker(this: ZlibWorker, level: number) {
  GenericWorker.call(this, 'ZlibWorker');
  this.chunks = [];
  this.level = level;
  this.meta = {};
}
utils.inherits(ZlibWorker, GenericWorker);
ZlibWorker.prototype.processChunk = function (this: ZlibWorker, chunk: Chunk) {
  this.meta = chunk.meta;
  this.chunks.push(utils.transformTo('uint8array', chunk.data));
};
ZlibWorker.prototype.flush = function (this: ZlibWorker) {
  GenericWorker.prototype.flush.call(this);
  this.push({ data: new Uint8Array(deflateRawSync(Buffer.concat(this.chunks), { level: this.level })), meta: this.meta });
};
ZlibWorker.prototype.cleanUp = function (this: ZlibWorker) {
  GenericWorker.prototype.cleanUp.call(this);
  this.chunks = [];
};

compressions[zlibCompression] ??= {
  magic: compressions.DEFLATE!.magic,
  compressWorker: (options) => new (ZlibWorker as unknown as new (level: number) => unknown)(options.level ?? 6),
  // Reading is JSZip's own (it finds a file's method by its magic, DEFLATE first).
  uncompressWorker: () => compressions.DEFLATE!.uncompressWorker(),
};
