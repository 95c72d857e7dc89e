/**
 * Reading a PDF the way a person sees it: its first page drawn by pdf.js (npm pdfjs-dist) in the test's own Chromium,
 * answered as a PNG. Served from a made-up origin through Playwright's routing, so nothing listens and nothing is fetched.
 */
import fs from 'node:fs'
import path from 'node:path'
import type { BrowserContext } from 'playwright-core'

const BUILD = path.join(path.dirname(require.resolve('pdfjs-dist/package.json')), 'build')
const ORIGIN = 'http://pdf.test'

const PAGE = `<!doctype html><meta charset="utf-8"><body><script type="module">
import * as pdfjs from '/pdf.min.mjs'
pdfjs.GlobalWorkerOptions.workerSrc = '/pdf.worker.min.mjs'
window.render = async (scale) => {
  const doc = await pdfjs.getDocument('/file.pdf').promise
  const page = await doc.getPage(1)
  const viewport = page.getViewport({ scale })
  const canvas = document.createElement('canvas')
  canvas.width = viewport.width
  canvas.height = viewport.height
  await page.render({ canvas, canvasContext: canvas.getContext('2d'), viewport }).promise
  return canvas.toDataURL('image/png')
}
window.ready = true
</script>`

/** The first page of `pdf`, drawn at `scale` (1 = 72 dpi), as a PNG. */
export async function pdfFirstPage(context: BrowserContext, pdf: Buffer, scale = 2): Promise<Buffer> {
  const page = await context.newPage()
  try {
    await page.route(`${ORIGIN}/**`, (route) => {
      const name = new URL(route.request().url()).pathname
      if (name === '/') return route.fulfill({ contentType: 'text/html', body: PAGE })
      if (name === '/file.pdf') return route.fulfill({ contentType: 'application/pdf', body: pdf })
      if (name === '/pdf.min.mjs' || name === '/pdf.worker.min.mjs') return route.fulfill({ contentType: 'text/javascript', body: fs.readFileSync(path.join(BUILD, name.slice(1))) })
      return route.fulfill({ status: 404, body: '' })
    })
    await page.goto(`${ORIGIN}/`)
    await page.waitForFunction(() => (window as unknown as { ready?: boolean }).ready === true)
    const url = await page.evaluate((s) => (window as unknown as { render: (s: number) => Promise<string> }).render(s), scale)
    return Buffer.from(url.split(',')[1], 'base64')
  } finally {
    await page.close()
  }
}
