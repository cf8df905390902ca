// HarfBuzz's subsetter (harfbuzzjs's harfbuzz-subset.wasm), run as
// subset-font ran it: every layout feature kept, TrueType in and out, the
// same bytes. What differs: the faces a build keeps subsetting stay loaded.
// subset-font copied the whole face (7 to 10 MB for a CJK face) into the wasm
// memory and parsed it again at every call (16-24 ms; 8-12 ms with the face
// kept), and a default build subsets the same faces some fifty times.
//
// The module's memory is fixed at 65 MB, and every megabyte it touches stays
// the process's: one instance, holding the most recently used main faces up
// to `residentBudget`, the rest (fallback faces, used for a character or
// two, and fonts given as bytes) loaded for the one call and freed.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { setFlagsFromString } from 'node:v8';

const require = createRequire(import.meta.url);

interface HarfBuzz {
  memory: WebAssembly.Memory;
  _initialize(): void;
  malloc(size: number): number;
  free(ptr: number): void;
  hb_blob_create(data: number, length: number, mode: number, userData: number, destroy: number): number;
  hb_blob_destroy(blob: number): void;
  hb_blob_get_data(blob: number, length: number): number;
  hb_blob_get_length(blob: number): number;
  hb_face_create(blob: number, index: number): number;
  hb_face_destroy(face: number): void;
  hb_face_reference_blob(face: number): number;
  hb_set_add(set: number, value: number): void;
  hb_set_clear(set: number): void;
  hb_set_invert(set: number): void;
  hb_subset_input_create_or_fail(): number;
  hb_subset_input_destroy(input: number): void;
  hb_subset_input_set(input: number, which: number): number;
  hb_subset_input_unicode_set(input: number): number;
  hb_subset_or_fail(face: number, input: number): number;
}

const HB_MEMORY_MODE_WRITABLE = 2;
const HB_SUBSET_SETS_LAYOUT_FEATURE_TAG = 6;

/**
 * WebAssembly compiled by Liftoff, V8's baseline compiler, alone. A build
 * subsets for a few hundred milliseconds; V8 would meanwhile recompile the
 * module's hot functions with its optimising compiler on other threads,
 * about 0.2 s of CPU that is not paid back before the subsetting is done,
 * taken from Chromium starting beside it on the same cores (the PDF step's
 * fonts: 0.6-0.75 s of CPU with it, 0.45-0.55 s without; the step 0.2-0.3 s
 * sooner). A V8 flag, so it holds for the whole process: its other module,
 * the WOFF2 decoder, runs only when the font cache is cold.
 */
const baselineWasmOnly = () => setFlagsFromString('--liftoff-only');

let harfbuzz: Promise<HarfBuzz> | undefined;
const loadHarfBuzz = () =>
  (harfbuzz ??= readFile(require.resolve('harfbuzzjs/dist/harfbuzz-subset.wasm'))
    .then((wasm) => {
      baselineWasmOnly();
      return WebAssembly.instantiate(wasm);
    })
    .then(({ instance }) => {
      const hb = instance.exports as unknown as HarfBuzz;
      hb._initialize();
      return hb;
    }));

// The wasm memory may grow at any call, which detaches earlier views: a fresh one at each use.
const heap = (hb: HarfBuzz) => new Uint8Array(hb.memory.buffer);

/** A face in the wasm memory (its bytes stay there as long as the face). */
interface LoadedFace {
  face: number;
  data: number;
}

function loadFace(hb: HarfBuzz, font: Uint8Array): LoadedFace {
  const data = hb.malloc(font.byteLength);
  if (data === 0) throw new Error(`harfbuzz has no room for a font of ${(font.byteLength / 1048576).toFixed(1)} MB`);
  heap(hb).set(font, data);
  const blob = hb.hb_blob_create(data, font.byteLength, HB_MEMORY_MODE_WRITABLE, 0, 0);
  const face = hb.hb_face_create(blob, 0);
  hb.hb_blob_destroy(blob);
  return { face, data };
}

function unloadFace(hb: HarfBuzz, { face, data }: LoadedFace): void {
  hb.hb_face_destroy(face);
  hb.free(data);
}

export interface SubsetOptions {
  /** Keep every OpenType layout feature (the default, as subset-font and hb-subset --layout-features='*'), or none. */
  layoutFeatures?: 'all' | 'none';
}

function subsetFace(hb: HarfBuzz, face: number, text: string, { layoutFeatures = 'all' }: SubsetOptions): Buffer {
  const input = hb.hb_subset_input_create_or_fail();
  if (input === 0) throw new Error('harfbuzz could not make a subset input (out of memory?)');
  let subset: number;
  try {
    const features = hb.hb_subset_input_set(input, HB_SUBSET_SETS_LAYOUT_FEATURE_TAG);
    hb.hb_set_clear(features);
    if (layoutFeatures === 'all') hb.hb_set_invert(features);
    const unicodes = hb.hb_subset_input_unicode_set(input);
    for (const c of text) hb.hb_set_add(unicodes, c.codePointAt(0)!);
    subset = hb.hb_subset_or_fail(face, input);
  } finally {
    hb.hb_subset_input_destroy(input);
  }
  if (subset === 0) throw new Error('harfbuzz could not subset the font (is the file a TrueType font?)');
  const blob = hb.hb_face_reference_blob(subset);
  try {
    const at = hb.hb_blob_get_data(blob, 0);
    const length = hb.hb_blob_get_length(blob);
    if (length === 0) throw new Error('harfbuzz made an empty subset (is the file a TrueType font?)');
    return Buffer.from(heap(hb).slice(at, at + length));
  } finally {
    hb.hb_blob_destroy(blob);
    hb.hb_face_destroy(subset);
  }
}

/**
 * Bytes of faces kept loaded: a script's serif, sans and bold (24 MB for
 * Noto TC), leaving the rest of the 65 MB for a face loaded for one call and
 * the subsetting itself.
 */
export const residentBudget = 26 * 1024 * 1024;
/** The faces kept loaded, least recently used first. */
const resident = new Map<string, LoadedFace & { size: number }>();
const residentBytes = () => [...resident.values()].reduce((n, f) => n + f.size, 0);

function evict(hb: HarfBuzz, path: string): void {
  unloadFace(hb, resident.get(path)!);
  resident.delete(path);
}

/**
 * Run `use`; if there was no room in the wasm memory for it (a face to load,
 * or a subsetting's work), every resident face but `inUse` is let go and it
 * is tried once more.
 */
function withRoom<T>(hb: HarfBuzz, use: () => T, inUse?: string): T {
  try {
    return use();
  } catch (e) {
    const others = [...resident.keys()].filter((path) => path !== inUse);
    if (others.length === 0) throw e;
    for (const path of others) evict(hb, path);
    return use();
  }
}

export interface FileSubsetOptions extends SubsetOptions {
  /** Keep the face loaded for the next call (a main face), or free it after this one (a fallback face, used for a character or two). */
  keep?: boolean;
}

/** The font file at `path`, subset to the characters of `text`, as TrueType. */
export async function subsetFontFile(path: string, text: string, { keep = true, ...options }: FileSubsetOptions = {}): Promise<Buffer> {
  const hb = await loadHarfBuzz();
  let font: Buffer | undefined;
  for (;;) {
    const kept = resident.get(path);
    if (kept) {
      // Most recently used: last.
      resident.delete(path);
      resident.set(path, kept);
      return withRoom(hb, () => subsetFace(hb, kept.face, text, options), path);
    }
    if (font) break;
    font = await readFile(path);
  }
  // From here on nothing waits: no other call changes what is loaded.
  const bytes = font;
  if (keep && bytes.byteLength <= residentBudget) {
    for (const old of [...resident.keys()]) if (residentBytes() + bytes.byteLength > residentBudget) evict(hb, old);
    const loaded = withRoom(hb, () => loadFace(hb, bytes));
    resident.set(path, { ...loaded, size: bytes.byteLength });
    return withRoom(hb, () => subsetFace(hb, loaded.face, text, options), path);
  }
  const loaded = withRoom(hb, () => loadFace(hb, bytes));
  try {
    return withRoom(hb, () => subsetFace(hb, loaded.face, text, options));
  } finally {
    unloadFace(hb, loaded);
  }
}

/** A font given as bytes (made for one use, such as the Kai put together from its chunks), subset to `text`. */
export async function subsetFontData(font: Uint8Array, text: string, options: SubsetOptions = {}): Promise<Buffer> {
  const hb = await loadHarfBuzz();
  const loaded = withRoom(hb, () => loadFace(hb, font));
  try {
    return withRoom(hb, () => subsetFace(hb, loaded.face, text, options));
  } finally {
    unloadFace(hb, loaded);
  }
}
