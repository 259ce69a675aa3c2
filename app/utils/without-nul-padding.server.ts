import { Transform, type TransformCallback } from "node:stream";

/**
 * Drops the NUL bytes react-dom 18's stream writer leaves at the end of a chunk: when a multi-byte
 * character (every Japanese one) does not fit the rest of its 2,048-byte buffer, it sends the whole buffer,
 * unfilled end and all (facebook/react#24985, fixed only in React 19). The characters themselves are
 * written whole into the next chunk, so removing the padding gives back exactly the page rendered.
 */
export function withoutNulPadding(): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback) {
      let end = chunk.length;
      while (end > 0 && chunk[end - 1] === 0) end -= 1;
      done(null, end === chunk.length ? chunk : chunk.subarray(0, end));
    },
  });
}
