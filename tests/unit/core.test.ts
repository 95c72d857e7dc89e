import fc from 'fast-check'
import fs from 'node:fs'
import path from 'node:path'
import { ERROR_MESSAGES, messageFor } from '../../src/core/errors'
import { detectImageKind } from '../../src/core/image'
import { formatPoints, fromTenths, toTenths } from '../../src/core/points'

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

  test.each([
    ['jpeg', bytes([0xff, 0xd8, 0xff, 0xe0], 'JFIF')],
    ['png', bytes([0x89], 'PNG', [0x0d, 0x0a, 0x1a, 0x0a, 0, 0])],
    ['webp', bytes('RIFF', [0, 0, 0, 0], 'WEBPVP8 ')],
    ['heic', bytes([0, 0, 0, 0x18], 'ftypheic', [0, 0, 0, 0], 'mif1heic')],
  ])('%s is recognised', (kind, data) => {
    expect(detectImageKind(data)).toBe(kind)
  })

  test.each([
    ['a text file named .jpg', bytes('hello, this is not a photo')],
    ['an AVIF (not HEIC)', bytes([0, 0, 0, 0x1c], 'ftypavif', [0, 0, 0, 0], 'avifmif1miaf')],
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
