/**
 * Debian's Chromium driven by playwright-core — never a downloaded browser. Screenshots go to
 * test-results/<suite>/ and are kept as test artefacts.
 */
import fs from 'node:fs'
import path from 'node:path'
import { type Browser, type Page, chromium } from 'playwright-core'

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const root = path.resolve(__dirname, '../..')

export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`找不到 Chromium（${CHROMIUM}）。请安装：apt-get install -y chromium fonts-wqy-microhei`)
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  })
}

/** A phone-sized page, as a resident would hold it. */
export async function phonePage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, locale: 'zh-CN', isMobile: true, hasTouch: true })
  return context.newPage()
}

export async function screenshot(page: Page, suite: string, name: string): Promise<string> {
  const dir = path.join(root, 'test-results', suite)
  fs.mkdirSync(dir, { recursive: true })
  const file = path.join(dir, `${name}.png`)
  // Taro's h5 router slides pages in; let the transition finish so the picture shows what a person sees.
  await page.waitForTimeout(400)
  await page.screenshot({ path: file, fullPage: true })
  return file
}

export function assertH5Built(): void {
  if (!fs.existsSync(path.join(root, 'dist-h5', 'index.html'))) {
    throw new Error('h5 还没有构建：先运行 npm run build:h5（npm test 会自动构建）')
  }
}
