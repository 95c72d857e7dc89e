import fc from 'fast-check'
import fs from 'node:fs'
import path from 'node:path'
import { ERROR_MESSAGES, messageFor } from '../../src/core/errors'
import { detectImageKind } from '../../src/core/image'
import { formatPoints, fromTenths, toTenths } from '../../src/core/points'
import { encodePng } from '../../scripts/png'

describe('points are integer tenths inside', () => {
  test('decimals with one place round-trip exactly', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1_000_000, max: 1_000_000 }), (tenths) => {
        expect(toTenths(fromTenths(tenths))).toBe(tenths)
      }),
    )
  })

  test('more than one decimal place is refused', () => {
    expect(() => toTenths(1.25)).toThrow(expect.objectContaining({ code: 'INPUT.INVALID' }))
    expect(() => toTenths(Number.NaN)).toThrow(expect.objectContaining({ code: 'INPUT.INVALID' }))
    expect(toTenths(0.5)).toBe(5)
    expect(toTenths(0.1 + 0.2)).toBe(3)
  })

  test('points read the way the office writes them', () => {
    expect(formatPoints(fromTenths(15))).toBe('1.5')
    expect(formatPoints(fromTenths(100))).toBe('10')
    expect(formatPoints(fromTenths(-5))).toBe('-0.5')
  })
})

describe('image kinds are judged by bytes', () => {
  const bytes = (...parts: (number[] | string)[]) =>
    Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p)))

  /** A marker segment: FF, the marker, a 16-bit length that counts itself, the body. */
  const seg = (marker: number, body: number[]) => [0xff, marker, (body.length + 2) >> 8, (body.length + 2) & 0xff, ...body]
  /** The opening of a baseline JPEG up to its scan: SOI, JFIF, a quantisation table, a 1×1 frame, a Huffman table, SOS. */
  const jpeg = bytes(
    [0xff, 0xd8],
    seg(0xe0, [...'JFIF'].map((c) => c.charCodeAt(0)).concat([0, 1, 1, 0, 0, 1, 0, 1, 0, 0])),
    seg(0xdb, [0, ...new Array(64).fill(1)]),
    seg(0xc0, [8, 0, 1, 0, 1, 1, 1, 0x11, 0]),
    seg(0xc4, [0, 1, ...new Array(15).fill(0), 0]),
    seg(0xda, [1, 1, 0, 0, 63, 0]),
    [0x3f, 0xff, 0xd9],
  )
  const le32 = (n: number) => [n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, n >>> 24]

  test.each([
    ['jpeg', jpeg],
    ['png', new Uint8Array(encodePng(1, 1, Buffer.from([1, 2, 3, 255])))],
    // A lossy WebP's opening: the VP8 chunk, its frame tag, the start code 9D 01 2A, width and height.
    ['webp', bytes('RIFF', le32(22), 'WEBP', 'VP8 ', le32(10), [0x10, 0x02, 0x00, 0x9d, 0x01, 0x2a, 1, 0, 1, 0])],
    ['webp (lossless)', bytes('RIFF', le32(18), 'WEBP', 'VP8L', le32(6), [0x2f, 0, 0, 0, 0, 0], [0, 0, 0, 0])],
    ['heic', bytes([0, 0, 0, 0x18], 'ftypheic', [0, 0, 0, 0], 'mif1heic', [0, 0, 0, 12], 'meta', [0, 0, 0, 0])],
  ])('%s is recognised', (kind, data) => {
    expect(detectImageKind(data)).toBe(kind.split(' ')[0])
  })

  test.each([
    ['a text file named .jpg', bytes('hello, this is not a photo')],
    ['FF D8 FF and junk', bytes([0xff, 0xd8, 0xff, 0xe0], 'JFIF and then anything at all')],
    ['a JPEG cut before its scan', jpeg.subarray(0, 60)],
    ['a JPEG whose frame has no components', bytes([0xff, 0xd8], seg(0xc0, [8, 0, 1, 0, 1, 0]), seg(0xda, [0, 0, 63, 0]))],
    ['a scan before any frame', bytes([0xff, 0xd8], seg(0xda, [1, 1, 0, 0, 63, 0]), [0, 0])],
    ['the PNG signature and junk', bytes([0x89], 'PNG', [0x0d, 0x0a, 0x1a, 0x0a], 'and then anything at all, really')],
    ['a PNG whose IHDR checksum is wrong', new Uint8Array(encodePng(1, 1, Buffer.from([1, 2, 3, 255]))).map((b, i) => (i === 30 ? b ^ 1 : b))],
    ['RIFF WEBP and junk', bytes('RIFF', le32(40), 'WEBP', 'and then anything at all, really, yes')],
    ['a VP8 chunk without its start code', bytes('RIFF', le32(22), 'WEBP', 'VP8 ', le32(10), [0x10, 0x02, 0x00, 0, 0, 0, 1, 0, 1, 0])],
    ['ftyp heic and junk', bytes([0, 0, 0, 0x18], 'ftypheic', [0, 0, 0, 0], 'mif1heic', 'and then anything at all')],
    ['an AVIF (not HEIC)', bytes([0, 0, 0, 0x1c], 'ftypavif', [0, 0, 0, 0], 'avifmif1miaf', [0, 0, 0, 12], 'meta', [0, 0, 0, 0])],
    ['a GIF', bytes('GIF89a', [1, 0, 1, 0])],
    ['nothing', bytes()],
  ])('%s is not an evidence image', (_name, data) => {
    expect(detectImageKind(data)).toBeNull()
  })
})

describe('errors', () => {
  test('every code has a Chinese message, and unknown codes still read as Chinese', () => {
    for (const message of Object.values(ERROR_MESSAGES)) expect(message).toMatch(/[\u4e00-\u9fa5]/)
    expect(messageFor('SOMETHING.NEW')).toBe(ERROR_MESSAGES.INTERNAL)
  })
})

describe('deployment', () => {
  test('every cloud function folder is declared in cloudbaserc.json, and nothing else is', () => {
    const root = path.resolve(__dirname, '../..')
    const folders = fs
      .readdirSync(path.join(root, 'cloudfunctions'))
      .filter((n) => !n.startsWith('_') && fs.existsSync(path.join(root, 'cloudfunctions', n, 'index.ts')))
      .sort()
    const rc = JSON.parse(fs.readFileSync(path.join(root, 'cloudbaserc.json'), 'utf8')) as { functions: { name: string }[] }
    expect(rc.functions.map((f) => f.name).sort()).toEqual(folders)
    for (const name of folders) expect(fs.existsSync(path.join(root, 'cloudfunctions', name, 'package.json'))).toBe(true)
  })
})
