/**
 * What a reviewer sees of content screening, in Chromium on the h5 build: a claim filed while the platform was
 * unreachable carries a note that its text was not checked (its photo is shown, marked); a photo whose result has not
 * come yet is not shown at all. Screenshots in test-results/content/.
 */
import type { Browser } from 'playwright-core'
import { assertH5Built, launchBrowser, phonePage, screenshot } from '../support/browser'
import { startCloud, type TestCloud } from '../support/cloud'
import { buildClaim, photoBytes, upload } from '../support/claims'

const SUITE = 'content'
let cloud: TestCloud
let browser: Browser

beforeAll(async () => {
  assertH5Built()
  cloud = await startCloud()
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
  await cloud?.stop()
})

async function platform(control: Record<string, unknown>): Promise<void> {
  const res = await fetch(`${cloud.url}/_emulator/wechat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(control) })
  if (res.status !== 200) throw new Error(`/_emulator/wechat 答复 HTTP ${res.status}`)
}

async function submit(seed: number, description: string): Promise<string> {
  const photo = await upload(cloud, 'demo-resident', photoBytes(seed))
  const res = await cloud.api<{ claim: { id: string } }>('claims', 'submit', buildClaim({ photos: [photo], description }), 'demo-resident')
  if (!res.ok) throw new Error(`申报失败：${res.code} ${res.message}`)
  return res.data.claim.id
}

test('the head sees which text and photos the platform did not pass, and never a photo still being checked', async () => {
  await platform({ down: true })
  const unchecked = await submit(501, '平台连不上的时候提交的申报')
  await platform({ down: false, mediaResultDelayMs: 60_000 })
  const checking = await submit(502, '照片还在安全检查的申报')

  const page = await phonePage(browser)
  await page.goto(`${cloud.url}/#/pages/dev-login/index`)
  await page.getByTestId('demo-user-demo-head').click()
  await page.getByTestId('me-name').waitFor()
  await page.goto(`${cloud.url}/#/pages-review/queue/index`)
  await page.getByTestId('review-queue').waitFor()

  const uncheckedCard = page.getByTestId(`review-card-${unchecked}`)
  await uncheckedCard.scrollIntoViewIfNeeded()
  await expect(uncheckedCard.getByTestId('review-card-screening').textContent()).resolves.toContain('没有经过检查')
  await uncheckedCard.getByTestId('review-photo-0').waitFor()
  await expect(uncheckedCard.textContent()).resolves.toContain('未经检查')
  await screenshot(page, SUITE, '01-unchecked-text-and-photo')

  const checkingCard = page.getByTestId(`review-card-${checking}`)
  await checkingCard.scrollIntoViewIfNeeded()
  const until = Date.now() + 10_000
  while (!((await checkingCard.textContent()) ?? '').includes('安全检查中')) {
    if (Date.now() > until) throw new Error(`没有显示“安全检查中”：${await checkingCard.textContent()}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  await expect(checkingCard.getByTestId('review-photo-0').count()).resolves.toBe(0)
  await expect(checkingCard.getByTestId('review-card-screening').count()).resolves.toBe(0)
  await screenshot(page, SUITE, '02-photo-being-checked')
})
