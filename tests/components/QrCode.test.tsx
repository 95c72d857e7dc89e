import { render, screen, waitFor } from '@testing-library/react'
import jsQR from 'jsqr'
import { QrCode, qrSvg } from '../../src/components/QrCode'

/** Reads the QR code back from the SVG's squares, as a phone's scanner would from the screen. */
function decode(svg: string): string | null {
  const size = Number(/viewBox="0 0 (\d+) \d+"/.exec(svg)![1])
  const scale = 8
  const width = size * scale
  const pixels = new Uint8ClampedArray(width * width * 4).fill(255)
  for (const [, x, y] of svg.matchAll(/M(\d+) (\d+)h1v1h-1z/g)) {
    for (let dy = 0; dy < scale; dy++)
      for (let dx = 0; dx < scale; dx++) {
        const i = ((Number(y) * scale + dy) * width + Number(x) * scale + dx) * 4
        pixels[i] = pixels[i + 1] = pixels[i + 2] = 0
      }
  }
  return jsQR(pixels, width, width)?.data ?? null
}

describe('QrCode', () => {
  test('the code reads back as the text, with its quiet zone', () => {
    const svg = qrSvg('K7QM3XPA')
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 29 29"')).toBe(true)
    expect(decode(svg)).toBe('K7QM3XPA')
    expect(decode(qrSvg('1234567812345678'))).toBe('1234567812345678')
  })

  test('a text beyond the alphanumeric mode (a points card’s token) is encoded without TextEncoder, which old WeChat lacks', () => {
    const token = 'SZJFCARD1.cd0123456789abcdef01.AbCd-Ef_GhIjKlMnOpQrSt'
    const saved = globalThis.TextEncoder
    try {
      // @ts-expect-error: an old WeChat base library
      delete globalThis.TextEncoder
      expect(decode(qrSvg(token))).toBe(token)
      expect(decode(qrSvg('积分卡 刘福贵'))).toBe('积分卡 刘福贵')
    } finally {
      globalThis.TextEncoder = saved
    }
  })

  test('an image of it in both builds, its text kept for tests', async () => {
    const { rerender } = render(<QrCode text='K7QM3XPA' />)
    const image = screen.getByTestId('qr-code')
    expect(image.getAttribute('data-text')).toBe('K7QM3XPA')
    const src = () => screen.getByTestId('qr-code').querySelector('img')?.getAttribute('src') ?? ''
    await waitFor(() => expect(src()).toBe(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(qrSvg('K7QM3XPA'))}`))
    rerender(<QrCode text='ABCD2345' testId='qr-code' />)
    await waitFor(() => expect(decode(decodeURIComponent(src().split(',')[1]))).toBe('ABCD2345'))
  })
})
