/**
 * 大字模式（长辈模式） in the browser (issue 15): 张秀英 turns it on in 我的; then 首页 shows her points as a sentence with
 * 读给我听 over three very large buttons (我要申报, 我的积分, 去兑换), and the claim form, a claim's status and a voucher are
 * in large type with 读给我听 (and 说话输入 on the form). What is read aloud goes through a stand-in for the browser's
 * speechSynthesis (and what is heard through one for webkitSpeechRecognition), injected before the app starts.
 * Screenshots in test-results/elder/.
 */
import type { Page } from 'playwright-core'
import { screenshot } from '../support/browser'
import { submitClaimWithPhoto } from '../support/claims'
import { ok } from '../support/cloud'
import { text, useE2E } from '../support/e2e'
import { agreedToPrivacy } from '../support/privacy'

const SUITE = 'elder'
const { cloud, phoneAs, visit } = useE2E(SUITE)

/** A phone of 张秀英's whose speech is a recorder: what it was asked to say (window.__spoken), and a microphone that hears `heard`. */
async function elderPhone(heard = '帮邻居把楼道扫干净了'): Promise<Page> {
  const page = await phoneAs('demo-resident')
  await agreedToPrivacy(page.context())
  await page.addInitScript((words) => {
    const w = window as unknown as Record<string, unknown>
    const spoken: string[] = []
    w.__spoken = spoken
    class Utterance {
      lang = ''
      rate = 1
      voice = null
      onend: (() => void) | null = null
      onerror: (() => void) | null = null
      constructor(public text: string) {}
    }
    w.SpeechSynthesisUtterance = Utterance
    Object.defineProperty(window, 'speechSynthesis', {
      configurable: true,
      value: {
        speak: (u: Utterance) => {
          spoken.push(u.text)
          setTimeout(() => u.onend?.(), 50)
        },
        cancel: () => undefined,
        getVoices: () => [],
      },
    })
    class Recognition {
      lang = ''
      interimResults = false
      continuous = false
      maxAlternatives = 1
      onresult: ((e: unknown) => void) | null = null
      onerror: ((e: unknown) => void) | null = null
      onend: (() => void) | null = null
      start() {
        setTimeout(() => {
          this.onresult?.({ results: [[{ transcript: words }]] })
          this.onend?.()
        }, 100)
      }
      stop() {
        this.onend?.()
      }
    }
    // Chromium has both names now; the app takes the unprefixed one first.
    w.SpeechRecognition = Recognition
    w.webkitSpeechRecognition = Recognition
  }, heard)
  return page
}

const spoken = (page: Page) => page.evaluate(() => (window as unknown as { __spoken: string[] }).__spoken.slice())
const px = (page: Page, testId: string, property: 'fontSize' | 'height') =>
  page.getByTestId(testId).first().evaluate((el, p) => (p === 'height' ? el.getBoundingClientRect().height : parseFloat(getComputedStyle(el).fontSize)), property)

let page: Page
let voucherId = ''
let claimId = ''

beforeAll(async () => {
  // Points to spend, a voucher waiting to be used, and a claim waiting for the 院长.
  await ok(cloud.api('points', 'adjust', { residentId: 'demo-r-resident', delta: 12, reason: '长辈模式测试：奖励', requestId: 'elder-adjust-01' }, 'demo-admin'), '调整')
  voucherId = (await ok(cloud.api('shop', 'exchange', { offerId: 'offer-detergent', requestId: 'elder-exchange-01' }, 'demo-resident'), '兑换')).voucher.id
  claimId = (await submitClaimWithPhoto(cloud, 'demo-resident', 1501)).id
})

test('张秀英 turns on 大字模式 in 我的: the account keeps it and every page is large', async () => {
  page = await elderPhone()
  await visit(page, 'pages/me/index', 'me-elder')
  expect(await page.getByTestId('me-elder').getAttribute('data-on')).toBe('false')
  const before = await px(page, 'me-name', 'fontSize')
  await page.getByTestId('me-elder').click()
  await page.locator('[data-testid="me-elder"][data-on="true"]').waitFor()
  expect(await text(page, 'me-elder-switch')).toBe('已打开')
  expect(await page.evaluate(() => document.documentElement.classList.contains('sz-elder'))).toBe(true)
  expect(await px(page, 'me-name', 'fontSize')).toBeGreaterThan(before)
  await screenshot(page, SUITE, 'me-elder-on')
  expect(await ok(cloud.api('user', 'me', {}, 'demo-resident'))).toMatchObject({ elderMode: true, elderModeChosen: true })
})

test('首页: the points as a sentence read aloud on 读给我听, and three very large buttons, one under another', async () => {
  await visit(page, 'pages/index/index', 'elder-buttons')
  const sentence = await text(page, 'elder-balance-sentence')
  expect(sentence).toMatch(/^您现在有 \d+(\.\d)? 分可以用$/)
  expect(await px(page, 'elder-balance-sentence', 'fontSize')).toBeGreaterThanOrEqual(20)
  const buttons = page.getByTestId(/^elder-(claim|points|shop)$/)
  expect(await buttons.allTextContents()).toEqual(['我要申报', '我的积分', '去兑换'])
  const boxes = await buttons.evaluateAll((els) => els.map((e) => e.getBoundingClientRect()).map((r) => ({ top: r.top, height: r.height, width: r.width })))
  for (const b of boxes) {
    expect(b.height).toBeGreaterThanOrEqual(56)
    expect(b.width).toBeGreaterThan(300)
  }
  // One column: each under the one before.
  expect(boxes[1].top).toBeGreaterThan(boxes[0].top + boxes[0].height - 1)
  expect(boxes[2].top).toBeGreaterThan(boxes[1].top + boxes[1].height - 1)
  // The balance card of the usual home is not there.
  expect(await page.getByTestId('balance-card').count()).toBe(0)
  await screenshot(page, SUITE, 'home')

  await page.getByTestId('elder-read-balance').click()
  await page.waitForFunction(() => (window as unknown as { __spoken: string[] }).__spoken.length > 0)
  expect((await spoken(page))[0]).toBe(`${sentence}。`)
})

test('the claim form: large, 说话输入 fills 做了什么', async () => {
  await page.getByTestId('elder-claim').click()
  await page.getByTestId('claim-intro').waitFor()
  await visit(page, 'pages-resident/claim-form/index?ruleId=rule-clean-yard', 'claim-form-rule')
  expect(await px(page, 'claim-form-rule-name', 'fontSize')).toBeGreaterThanOrEqual(20)
  await page.getByTestId('claim-voice-input').click()
  await page.waitForFunction(() => (document.querySelector('[data-testid="claim-description"] textarea') as HTMLTextAreaElement | null)?.value === '帮邻居把楼道扫干净了')
  expect(await px(page, 'claim-voice-input', 'height')).toBeGreaterThanOrEqual(56)
  await screenshot(page, SUITE, 'claim-form')
})

test("a claim's status, read aloud", async () => {
  await visit(page, `pages/claim-detail/index?id=${encodeURIComponent(claimId)}`, 'claim-read-aloud')
  const line = await text(page, 'claim-detail-status-line')
  await page.getByTestId('claim-read-aloud').click()
  await page.waitForFunction((n) => (window as unknown as { __spoken: string[] }).__spoken.length > n, 1)
  const said = (await spoken(page)).at(-1)!
  expect(said).toContain('您的申报')
  expect(said).toContain(line)
  await screenshot(page, SUITE, 'claim-detail')
})

test('a voucher: large, and 读给我听 says where to take it and what to do there', async () => {
  await visit(page, `pages-shop/voucher/index?id=${encodeURIComponent(voucherId)}`, 'voucher-read-aloud')
  await page.getByTestId('voucher-qr').waitFor()
  expect(await px(page, 'voucher-title', 'fontSize')).toBeGreaterThanOrEqual(20)
  const count = (await spoken(page)).length
  await page.getByTestId('voucher-read-aloud').click()
  await page.waitForFunction((n) => (window as unknown as { __spoken: string[] }).__spoken.length > n, count)
  const said = (await spoken(page)).at(-1)!
  expect(said).toContain('把二维码给店员扫')
  expect(said).toContain(await text(page, 'voucher-title'))
  await screenshot(page, SUITE, 'voucher')
})

test('turned off again in 我的: the usual home, and the choice is kept on the account', async () => {
  await visit(page, 'pages/me/index', 'me-elder')
  await page.getByTestId('me-elder').click()
  await page.locator('[data-testid="me-elder"][data-on="false"]').waitFor()
  expect(await page.evaluate(() => document.documentElement.classList.contains('sz-elder'))).toBe(false)
  await visit(page, 'pages/index/index', 'balance-card')
  expect(await page.getByTestId('elder-buttons').count()).toBe(0)
  expect(await ok(cloud.api('user', 'me', {}, 'demo-resident'))).toMatchObject({ elderMode: false, elderModeChosen: true })
  await page.context().close()
})

test('社区设置: the admin makes 大字模式 the default for residents of 70 and over, in plain words', async () => {
  const admin = await phoneAs('demo-admin')
  await visit(admin, 'pages-admin/settings/index', 'settings-field-elderModeFrom70')
  expect(await text(admin, 'settings-saved-elderModeFrom70')).toBe('自己选择')
  expect(await text(admin, 'settings-field-elderModeFrom70')).toContain('满 70 岁')
  await admin.getByTestId('settings-elder-on').click()
  await admin.getByTestId('settings-save').click()
  await admin.getByTestId('settings-done').waitFor()
  expect(await text(admin, 'settings-saved-elderModeFrom70')).toBe('默认打开')
  await admin.getByTestId('settings-field-elderModeFrom70').scrollIntoViewIfNeeded()
  await screenshot(admin, SUITE, 'admin-settings')
  expect((await ok(cloud.api('org', 'settings', {}, 'demo-resident-2'))).settings.elderModeFrom70).toBe(true)
  // 李明 (born 1986) is not 70: not defaulted. 张秀英 chose for herself (off, above): her choice stands.
  expect(await ok(cloud.api('user', 'me', {}, 'demo-resident-2'))).toMatchObject({ elderMode: false, elderModeChosen: false })
  expect(await ok(cloud.api('user', 'me', {}, 'demo-resident'))).toMatchObject({ elderMode: false, elderModeChosen: true })
  await admin.context().close()
})
