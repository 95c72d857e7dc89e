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
const u16 = (b: Uint8Array, i: number) => (b[i] << 8) | b[i + 1]
const u32 = (b: Uint8Array, i: number) => ((b[i] << 24) | (b[i + 1] << 16) | (b[i + 2] << 8) | b[i + 3]) >>> 0
const u32le = (b: Uint8Array, i: number) => (b[i] | (b[i + 1] << 8) | (b[i + 2] << 16) | (b[i + 3] << 24)) >>> 0

/**
 * The kind of image the bytes are, or null. Each format's opening must be whole and consistent, not only its magic
 * number: a text file that starts with FF D8 FF, or a PNG signature followed by anything, is not a photo.
 * Needs the file's opening (for a JPEG, everything up to the first scan).
 */
export function detectImageKind(bytes: Uint8Array): ImageKind | null {
  if (isJpeg(bytes)) return 'jpeg'
  if (isPng(bytes)) return 'png'
  if (isWebp(bytes)) return 'webp'
  if (isHeic(bytes)) return 'heic'
  return null
}

/**
 * JPEG: SOI, then a chain of marker segments (FF, marker, 16-bit length) that fit in the file and lead, through a
 * frame header (SOF) with a size and 1–4 components, to the start of a scan (SOS).
 */
function isJpeg(b: Uint8Array): boolean {
  if (b.length < 4 || b[0] !== 0xff || b[1] !== 0xd8) return false
  let i = 2
  let frame = false
  while (i + 4 <= b.length) {
    if (b[i] !== 0xff) return false
    let marker = b[i + 1]
    // Fill bytes: any number of FF before a marker.
    while (marker === 0xff && i + 2 < b.length) marker = b[++i + 1]
    // Standalone markers (TEM, RSTn), another SOI, EOI and 00 have no place before the first scan.
    if (marker < 0xc0 || (marker >= 0xd0 && marker <= 0xd9)) return false
    const length = u16(b, i + 2)
    if (length < 2 || i + 2 + length > b.length) return false
    // SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC): precision, height, width, components (1–4) of 3 bytes each.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      const components = b[i + 9]
      if (length !== 8 + 3 * components || components < 1 || components > 4 || u16(b, i + 7) === 0) return false
      frame = true
    }
    if (marker === 0xda) return frame && length === 6 + 2 * b[i + 4]
    i += 2 + length
  }
  return false
}

const CRC_TABLE = (() => {
  const table: number[] = []
  for (let n = 0; n < 256; n++) {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    table.push(c >>> 0)
  }
  return table
})()

function crc32(b: Uint8Array, start: number, end: number): number {
  let c = 0xffffffff
  for (let i = start; i < end; i++) c = CRC_TABLE[(c ^ b[i]) & 0xff] ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

/** PNG: the signature, then an IHDR chunk of 13 bytes with a size, a valid depth and colour type, and its CRC right. */
function isPng(b: Uint8Array): boolean {
  if (b.length < 33 || b[0] !== 0x89 || ascii(b, 1, 4) !== 'PNG' || b[4] !== 0x0d || b[5] !== 0x0a || b[6] !== 0x1a || b[7] !== 0x0a) return false
  if (u32(b, 8) !== 13 || ascii(b, 12, 16) !== 'IHDR') return false
  const [width, height, depth, colour] = [u32(b, 16), u32(b, 20), b[24], b[25]]
  const depths: Record<number, number[]> = { 0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16] }
  if (width === 0 || height === 0 || width > 0x7fffffff || height > 0x7fffffff || !depths[colour]?.includes(depth)) return false
  if (b[26] !== 0 || b[27] !== 0 || b[28] > 1) return false
  return crc32(b, 12, 29) === u32(b, 29)
}

/** WebP: RIFF….WEBP, then a VP8 (lossy, with its frame start code), VP8L (lossless, with its signature) or VP8X chunk that fits. */
function isWebp(b: Uint8Array): boolean {
  if (b.length < 30 || ascii(b, 0, 4) !== 'RIFF' || ascii(b, 8, 12) !== 'WEBP') return false
  const chunk = ascii(b, 12, 16)
  const size = u32le(b, 16)
  if (u32le(b, 4) < 4 + 8 + size || 20 + size > b.length) return false
  if (chunk === 'VP8 ') return size >= 10 && b[23] === 0x9d && b[24] === 0x01 && b[25] === 0x2a
  if (chunk === 'VP8L') return size >= 5 && b[20] === 0x2f
  if (chunk === 'VP8X') return size === 10
  return false
}

const HEIF_BRANDS = ['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'hevm', 'hevs']

/** HEIC: an ISO-BMFF 'ftyp' box naming a HEIC/HEVC brand (major or compatible), followed by another box that fits (the 'meta'). */
function isHeic(b: Uint8Array): boolean {
  if (b.length < 24 || ascii(b, 4, 8) !== 'ftyp') return false
  const boxSize = u32(b, 0)
  if (boxSize < 16 || boxSize % 4 !== 0 || boxSize > 4096 || boxSize + 8 > b.length) return false
  let brand = false
  for (let i = 8; i + 4 <= boxSize; i += 4) if (i !== 12 && HEIF_BRANDS.includes(ascii(b, i, i + 4))) brand = true
  if (!brand) return false
  const next = u32(b, boxSize)
  return next >= 8 && boxSize + next <= b.length && /^[a-z0-9 ]{4}$/.test(ascii(b, boxSize + 4, boxSize + 8))
}
