/**
 * What kind of image a file is, judged by its first bytes, never by its name or a declared type.
 * Evidence photos must be JPEG, PNG, WebP or HEIC (DESIGN.md, "Local upload of evidence").
 */
export type ImageKind = 'jpeg' | 'png' | 'webp' | 'heic'

export const IMAGE_MIME: Record<ImageKind, string> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  heic: 'image/heic',
}

/** The largest evidence photo accepted, in bytes. */
export const MAX_PHOTO_BYTES = 10 * 1024 * 1024

const ascii = (bytes: Uint8Array, start: number, end: number) => String.fromCharCode(...bytes.subarray(start, end))

export function detectImageKind(bytes: Uint8Array): ImageKind | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg'
  if (
    bytes.length >= 8 &&
    bytes[0] === 0x89 &&
    ascii(bytes, 1, 4) === 'PNG' &&
    bytes[4] === 0x0d &&
    bytes[5] === 0x0a &&
    bytes[6] === 0x1a &&
    bytes[7] === 0x0a
  ) {
    return 'png'
  }
  if (bytes.length >= 12 && ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') return 'webp'
  // HEIF family: an ISO-BMFF 'ftyp' box whose major or compatible brands name HEIC/HEIF.
  if (bytes.length >= 12 && ascii(bytes, 4, 8) === 'ftyp') {
    const boxSize = Math.min((bytes[0] << 24) | (bytes[1] << 16) | (bytes[2] << 8) | bytes[3], bytes.length, 64)
    for (let i = 8; i + 4 <= boxSize; i += 4) {
      if (['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'hevm', 'hevs'].includes(ascii(bytes, i, i + 4))) return 'heic'
    }
  }
  return null
}
