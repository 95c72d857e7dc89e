/** QR codes as the e2e tests meet them: read off the screen as a scanner would, and played to a fake camera. */
import fs from 'node:fs'
import jsQR from 'jsqr'
import type { Locator, Page } from 'playwright-core'
import QRCode from 'qrcode'

/** What the QR image in `qr` says, read from its pixels the way a scanner would (jsQR), not from an attribute. */
export async function readQr(qr: Locator): Promise<string | null> {
  const size = 240
  // The pixels cross from the page as base64: an array of numbers this long is slow to serialise.
  const rgba = await qr.evaluate(async (el, size) => {
    const img = (el.tagName === 'IMG' ? el : el.querySelector('img')) as HTMLImageElement
    if (!img.complete) await new Promise((resolve) => img.addEventListener('load', resolve, { once: true }))
    const canvas = document.createElement('canvas')
    canvas.width = size
    canvas.height = size
    const g = canvas.getContext('2d')!
    g.fillStyle = '#fff'
    g.fillRect(0, 0, size, size)
    g.drawImage(img, 0, 0, size, size)
    const data = g.getImageData(0, 0, size, size).data
    let binary = ''
    for (let i = 0; i < data.length; i += 0x8000) binary += String.fromCharCode(...data.subarray(i, i + 0x8000))
    return btoa(binary)
  }, size)
  return jsQR(new Uint8ClampedArray(Buffer.from(rgba, 'base64')), size, size)?.data ?? null
}

/**
 * A video of `text`'s QR code, as Chromium's fake camera plays it (Y4M: a still frame, repeated). The QR is drawn
 * from the module matrix, black on white, in the luma plane; the colour planes are neutral grey.
 */
export function qrVideo(text: string, file: string): void {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' })
  const n = qr.modules.size
  const quiet = 6
  const scale = 8
  const side = (n + quiet * 2) * scale
  const size = side + (side % 2) // 4:2:0 needs an even width and height
  const luma = Buffer.alloc(size * size, 235)
  for (let y = 0; y < n; y++) {
    for (let x = 0; x < n; x++) {
      if (!qr.modules.get(x, y)) continue
      for (let dy = 0; dy < scale; dy++) luma.fill(16, ((y + quiet) * scale + dy) * size + (x + quiet) * scale, ((y + quiet) * scale + dy) * size + (x + quiet + 1) * scale)
    }
  }
  const chroma = Buffer.alloc((size / 2) * (size / 2), 128)
  const frame = Buffer.concat([Buffer.from('FRAME\n'), luma, chroma, chroma])
  // First two seconds of an empty counter (grey), so the live viewfinder can be seen, then the QR held up.
  const empty = Buffer.concat([Buffer.from('FRAME\n'), Buffer.alloc(size * size, 90), chroma, chroma])
  const frames = [...Array.from({ length: 20 }, () => empty), ...Array.from({ length: 10 }, () => frame)]
  fs.writeFileSync(file, Buffer.concat([Buffer.from(`YUV4MPEG2 W${size} H${size} F10:1 Ip A1:1 C420jpeg\n`), ...frames]))
}

/** What a QR code in a screenshot (`png`, e.g. of a printed sheet) says: the picture decoded by `page`'s browser, its pixels read by jsQR. */
export async function readQrInPng(page: Page, png: Buffer): Promise<string | null> {
  const { width, height, rgba } = await page.evaluate(async (src) => {
    const img = new Image()
    await new Promise((resolve, reject) => {
      img.onload = resolve
      img.onerror = reject
      img.src = src
    })
    const canvas = document.createElement('canvas')
    canvas.width = img.naturalWidth
    canvas.height = img.naturalHeight
    const g = canvas.getContext('2d')!
    g.drawImage(img, 0, 0)
    const data = g.getImageData(0, 0, canvas.width, canvas.height).data
    let binary = ''
    for (let i = 0; i < data.length; i += 0x8000) binary += String.fromCharCode(...data.subarray(i, i + 0x8000))
    return { width: canvas.width, height: canvas.height, rgba: btoa(binary) }
  }, `data:image/png;base64,${png.toString('base64')}`)
  return jsQR(new Uint8ClampedArray(Buffer.from(rgba, 'base64')), width, height)?.data ?? null
}
