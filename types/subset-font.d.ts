declare module "subset-font" {
  /** HarfBuzz subsetting: a font reduced to the given characters. */
  export default function subsetFont(
    font: Uint8Array,
    text: string,
    options?: { targetFormat?: "sfnt" | "woff" | "woff2" | "truetype"; preserveNameIds?: number[]; noLayoutClosure?: boolean },
  ): Promise<Buffer>;
}
