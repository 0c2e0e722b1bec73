/** Size in UTF-8 bytes of a string chunk (so `maxBytes` means the same for text and byte sources). */
export function utf8ByteLength(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      // A surrogate pair is one 4-byte character.
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/**
 * Offset of the first byte that cannot start or continue a valid UTF-8 sequence, or -1.
 * Continuation bytes at the very start are skipped: they may finish a character begun in the
 * previous chunk. Used only to place an INVALID_UTF8 error, so it checks structure (lead byte,
 * continuation count, overlong and surrogate forms) without decoding.
 */
export function firstInvalidUtf8Offset(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length && i < 3 && ((bytes[i] as number) & 0xc0) === 0x80) i++;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let low = 0x80;
    let high = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) low = 0xa0;
      if (b === 0xed) high = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) low = 0x90;
      if (b === 0xf4) high = 0x8f;
    } else return i;
    for (let k = 1; k <= need; k++) {
      const next = bytes[i + k];
      // A sequence cut off by the end of the chunk may continue in the next one.
      if (next === undefined) return -1;
      const min = k === 1 ? low : 0x80;
      const max = k === 1 ? high : 0xbf;
      if (next < min || next > max) return i;
    }
    i += need + 1;
  }
  return -1;
}

/** Line breaks (LF, CR, or CRLF counted once) in `bytes[0, end)`. */
export function countLineBreakBytes(bytes: Uint8Array, end: number): number {
  let lines = 0;
  for (let i = 0; i < end; i++) {
    const b = bytes[i];
    if (b === 0x0a) lines++;
    else if (b === 0x0d && bytes[i + 1] !== 0x0a) lines++;
  }
  return lines;
}

/** Line breaks in a string, counted like countLineBreakBytes. */
export function countLineBreaks(text: string): number {
  let lines = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a) lines++;
    else if (c === 0x0d && text.charCodeAt(i + 1) !== 0x0a) lines++;
  }
  return lines;
}
