declare module 'wawoff2/decompress.js' {
  /** WOFF2 → the sfnt (TrueType or CFF) it wraps (Google's woff2, as WebAssembly). */
  export default function decompress(woff2: Uint8Array): Promise<Uint8Array>;
}
