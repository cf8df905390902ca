// HarfBuzz's subsetter (harfbuzzjs's harfbuzz-subset.wasm), run as
// subset-font ran it: every layout feature kept, TrueType in and out, the
// same bytes. What differs: a font file is copied into the wasm memory and
// parsed once per process and kept there, where subset-font copied the whole
// face (7 to 10 MB for a CJK face) and parsed it again at every call. A
// default build subsets the same six faces some fifty times (every edition's
// EPUB, print page, cover and site), and the copies cost about half of it.
//
// The module's memory is fixed at 65 MB, too little for six faces and the
// work of subsetting them: each font file gets an instance of its own (the
// module is compiled once), and a font given as bytes (used once) is loaded
// into a scratch instance and freed after.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

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

let compiled: Promise<WebAssembly.Module> | undefined;
/** A new instance of the subsetter, with a memory of its own. */
async function newHarfBuzz(): Promise<HarfBuzz> {
  compiled ??= readFile(require.resolve('harfbuzzjs/dist/harfbuzz-subset.wasm')).then((wasm) => WebAssembly.compile(wasm));
  const instance = await WebAssembly.instantiate(await compiled);
  const hb = instance.exports as unknown as HarfBuzz;
  hb._initialize();
  return hb;
}
let scratch: Promise<HarfBuzz> | undefined;

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

/** Font files loaded once per process, each in its instance (the faces a build uses: a handful, megabytes each). */
const files = new Map<string, Promise<{ hb: HarfBuzz; face: LoadedFace }>>();

/** The font file at `path`, subset to the characters of `text`, as TrueType. */
export async function subsetFontFile(path: string, text: string, options: SubsetOptions = {}): Promise<Buffer> {
  let loaded = files.get(path);
  if (!loaded) {
    loaded = Promise.all([newHarfBuzz(), readFile(path)]).then(([hb, data]) => ({ hb, face: loadFace(hb, data) }));
    loaded.catch(() => files.delete(path));
    files.set(path, loaded);
  }
  const { hb, face } = await loaded;
  return subsetFace(hb, face.face, text, options);
}

/** A font given as bytes (made for one use, such as the Kai put together from its chunks), subset to `text`. */
export async function subsetFontData(font: Uint8Array, text: string, options: SubsetOptions = {}): Promise<Buffer> {
  const hb = await (scratch ??= newHarfBuzz());
  const loaded = loadFace(hb, font);
  try {
    return subsetFace(hb, loaded.face, text, options);
  } finally {
    unloadFace(hb, loaded);
  }
}
