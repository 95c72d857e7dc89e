/**
 * The resident's side of the 积分超市, in Chromium on the h5 build: with points from the office (an adjustment through
 * the API), 张秀英 opens 兑换, picks 洗衣粉一袋 (10 积分), confirms in plain words, and lands on the voucher's QR — a real
 * QR of the 16-digit code shown under it — while her balance goes down by 10; 我的兑换券 and 首页 list it as 待使用;
 * when the clerk redeems it (through the API) the open QR page turns into 已使用 by itself. A second voucher is
 * returned (退回) and its points come back. Screenshots in test-results/shop/.
 */
import { phonePage, screenshot } from '../support/browser'
import { text, useE2E, waitForCount, waitForText } from '../support/e2e'
import { readQr } from '../support/qr'
import { availablePoints, exchange } from '../support/shop'

const SUITE = 'shop'
const { cloud, browser, signIn } = useE2E(SUITE)

beforeAll(async () => {
  // The office gives 张秀英 50 points to spend (a seeded resident starts with none).
  const adjusted = await cloud.api('points', 'adjust', { residentId: 'demo-r-resident', delta: 50, reason: '社区活动奖励', requestId: 'shop-e2e-adjust-1' }, 'demo-admin')
  if (!adjusted.ok) throw new Error(`积分调整失败：${adjusted.code} ${adjusted.message}`)
})

test('a resident exchanges 洗衣粉一袋 for 10 points, shows its QR, finds it in 我的兑换券 and on 首页, and sees it turn 已使用 when the clerk scans it', async () => {
  const before = await availablePoints(cloud, 'demo-resident')
  expect(before).toBeGreaterThanOrEqual(50)
  const page = await phonePage(browser)
  await signIn(page, 'demo-resident')

  // 兑换: my points in large type, every offer with its points, stock, conditions and date.
  await page.locator('.weui-tabbar__item').filter({ hasText: '兑换' }).click()
  await waitForText(page.getByTestId('shop-balance'), String(before))
  const cards = page.getByTestId('offer-card')
  await waitForCount(cards, 5)
  const detergent = page.locator('[data-testid="offer-card"][data-offer-id="offer-detergent"]')
  await expect(text(detergent.getByTestId('offer-title'))).resolves.toBe('洗衣粉一袋')
  await expect(text(detergent.getByTestId('offer-points'))).resolves.toBe('10')
  await expect(text(detergent.getByTestId('offer-stock'))).resolves.toBe('还剩 50 份')
  await expect(detergent.textContent()).resolves.toContain('善治超市')
  await expect(detergent.textContent()).resolves.toContain('每人限兑 2 次')
  await expect(page.locator('[data-testid="offer-card"][data-offer-id="offer-haircut"]').textContent()).resolves.toContain('70 岁及以上可兑换')
  await screenshot(page, SUITE, 'shop-01-shop')

  // 服务 only: 爱心义剪 and 10元爱心餐.
  await page.getByTestId('offer-kind-service').click()
  await waitForCount(cards, 2)
  await screenshot(page, SUITE, 'shop-02-services')
  await page.getByTestId('offer-kind-all').click()
  await waitForCount(cards, 5)

  // 洗衣粉一袋 → 兑换: the sheet says what it costs and what is left, in plain words.
  const voucherId = await exchange(page, 'offer-detergent', { suite: SUITE, offer: 'shop-03-offer', confirm: 'shop-04-confirm' }).catch(async (e) => {
    await screenshot(page, SUITE, 'shop-xx-failed')
    throw e
  })
  expect(voucherId).toMatch(/^v-/)

  // The voucher: 待使用, a QR a scanner reads, and the same 16 digits under it in four groups.
  await expect(text(page.getByTestId('voucher-status'))).resolves.toBe('待使用')
  await expect(page.getByTestId('voucher-exchanged').textContent()).resolves.toContain('兑换成功')
  const qr = page.getByTestId('voucher-qr')
  await qr.waitFor()
  const code = (await qr.getAttribute('data-text')) ?? ''
  expect(code).toMatch(/^\d{16}$/)
  const shown = await text(page.getByTestId('voucher-code'))
  expect(shown).toMatch(/^\d{4} \d{4} \d{4} \d{4}$/)
  expect(shown.replace(/\s/g, '')).toBe(code)
  await expect(readQr(qr)).resolves.toBe(code)
  await expect(page.getByTestId('voucher-refresh-hint').textContent()).resolves.toContain('二维码每分钟自动更新')
  await expect(page.getByTestId('voucher-detail').textContent()).resolves.toContain('请把二维码给店员扫')
  await screenshot(page, SUITE, 'shop-05-voucher-qr')

  // 10 points spent: the server and the 兑换 tab agree.
  await expect(availablePoints(cloud, 'demo-resident')).resolves.toBe(before - 10)
  await page.goto(`${cloud.url}/#/pages/shop/index`)
  await waitForText(page.getByTestId('shop-balance'), String(before - 10))
  // The tab page was open before the exchange: its offers reload beside the balance, and may come a moment later.
  await waitForText(page.locator('[data-testid="offer-card"][data-offer-id="offer-detergent"]').getByTestId('offer-stock'), '还剩 49 份')

  // 我的兑换券: the new one under 待使用.
  await page.getByTestId('shop-my-vouchers').click()
  const list = page.getByTestId('vouchers-list')
  await list.waitFor()
  const row = list.getByTestId(`voucher-row-${voucherId}`)
  await expect(row.textContent()).resolves.toContain('洗衣粉一袋')
  await expect(row.textContent()).resolves.toContain('待使用')
  await expect(row.textContent()).resolves.toContain('10 积分')
  await screenshot(page, SUITE, 'shop-06-my-vouchers')

  // 首页 (shown before, now shown again): the balance after the exchange, and 待使用的兑换券, one tap from its QR.
  await page.goto(`${cloud.url}/#/pages/index/index`)
  await page.getByTestId('home-vouchers').waitFor()
  await waitForText(page.getByTestId('balance-available'), String(before - 10))
  await expect(page.getByTestId(`home-voucher-${voucherId}`).textContent()).resolves.toContain('洗衣粉一袋')
  await page.getByTestId('home-vouchers').scrollIntoViewIfNeeded()
  await screenshot(page, SUITE, 'shop-07-home-vouchers')
  await page.getByTestId(`home-voucher-${voucherId}`).click()
  await page.getByTestId('voucher-qr').waitFor()

  // The clerk scans it (through the API; the scan page is the merchant's): the open page turns 已使用 by itself.
  const scanned = (await page.getByTestId('voucher-qr').getAttribute('data-text')) ?? ''
  const redeemed = await cloud.api('shop', 'redeem', { code: scanned }, 'demo-merchant')
  expect(redeemed.ok).toBe(true)
  await waitForText(page.getByTestId('voucher-status'), '已使用')
  await expect(page.getByTestId('voucher-qr').count()).resolves.toBe(0)
  await expect(page.getByTestId('voucher-cancel').count()).resolves.toBe(0)
  await expect(page.getByTestId('voucher-outcome-line').textContent()).resolves.toContain('善治超市')
  await screenshot(page, SUITE, 'shop-08-redeemed')
})

test('a resident returns (退回) an unused voucher after a confirmation, and the points come back', async () => {
  const before = await availablePoints(cloud, 'demo-resident')
  const page = await phonePage(browser)
  await signIn(page, 'demo-resident')

  await exchange(page, 'offer-toothpaste')
  await page.getByTestId('voucher-qr').waitFor()
  await expect(availablePoints(cloud, 'demo-resident')).resolves.toBe(before - 5)

  await page.getByTestId('voucher-cancel').click()
  const sheet = page.getByTestId('voucher-cancel-sheet')
  await sheet.waitFor()
  await expect(sheet.textContent()).resolves.toContain('退回后积分会退还给您')
  await screenshot(page, SUITE, 'shop-09-cancel-confirm')
  await page.getByTestId('voucher-cancel-confirm').click()
  await waitForText(page.getByTestId('voucher-status'), '已退回')
  await expect(page.getByTestId('voucher-outcome-line').textContent()).resolves.toContain('5 积分已退还')
  await expect(page.getByTestId('voucher-qr').count()).resolves.toBe(0)
  await screenshot(page, SUITE, 'shop-10-cancelled')
  await expect(availablePoints(cloud, 'demo-resident')).resolves.toBe(before)

  // 我的兑换券 → 全部: the returned one is there, marked 已退回.
  await page.goto(`${cloud.url}/#/pages-shop/vouchers/index`)
  await page.getByTestId('voucher-filter-all').click()
  await waitForText(page.getByTestId('vouchers-list'), '已退回')
  await screenshot(page, SUITE, 'shop-11-all-vouchers')
})

test('an offer a resident may not exchange says why instead of a 兑换 button', async () => {
  // 李明 (born 1986) and 爱心义剪 (70 and over).
  const page = await phonePage(browser)
  await signIn(page, 'demo-resident-2')
  await page.locator('.weui-tabbar__item').filter({ hasText: '兑换' }).click()
  await page.locator('[data-testid="offer-card"][data-offer-id="offer-haircut"]').click()
  const reason = page.getByTestId('offer-reason')
  await reason.waitFor()
  await expect(reason.textContent()).resolves.toContain('年龄')
  await expect(page.getByTestId('exchange-button').count()).resolves.toBe(0)
  await screenshot(page, SUITE, 'shop-12-not-eligible')
})

test('someone who is not a resident (the grid worker) sees the offers but no balance and no 兑换', async () => {
  const page = await phonePage(browser)
  await signIn(page, 'demo-grid')
  await page.locator('.weui-tabbar__item').filter({ hasText: '兑换' }).click()
  await page.getByTestId('shop-not-resident').waitFor()
  await waitForCount(page.getByTestId('offer-card'), 5)
  await expect(page.getByTestId('shop-balance').count()).resolves.toBe(0)
  await page.locator('[data-testid="offer-card"][data-offer-id="offer-meal"]').click()
  await waitForText(page.getByTestId('offer-reason'), '只有本社区的居民可以兑换')
  await expect(page.getByTestId('exchange-button').count()).resolves.toBe(0)
})

test('the QR asks for a new code by itself before the old one expires', async () => {
  const made = await cloud.api('shop', 'exchange', { offerId: 'offer-meal', requestId: 'shop-e2e-meal-1' }, 'demo-resident')
  if (!made.ok) throw new Error(made.message)
  const page = await phonePage(browser)
  await page.clock.install() // the page's own timers, fast-forwarded below; the server keeps real time
  await signIn(page, 'demo-resident')
  const asked = () => page.waitForRequest((r) => r.url().endsWith('/api/shop') && JSON.parse(r.postData() ?? '{}').action === 'code', { timeout: 10_000 })
  const first = asked()
  await page.goto(`${cloud.url}/#/pages-shop/voucher/index?id=${made.data.voucher.id}`)
  await first
  await page.getByTestId('voucher-qr').waitFor()
  await expect(page.getByTestId('voucher-countdown').textContent()).resolves.toMatch(/\d+ 秒后换新/)

  // A minute later by the phone's clock: a new code was asked for, and a QR is still on screen.
  const again = asked()
  await page.clock.fastForward(55_000)
  await again
  await page.getByTestId('voucher-qr').waitFor()
  expect((await page.getByTestId('voucher-qr').getAttribute('data-text')) ?? '').toMatch(/^\d{16}$/)
})
