/**
 * The whole app without dead ends, in Chromium on the h5 build at a phone's size: every page that is not a tab has a
 * back control that returns where I came from, or 回首页 when it was opened by a link; a shop clerk who lives elsewhere
 * sees the merchant's tabs (首页 / 核销 / 我的), not 申报 and 兑换; 我的 lists 我的兑换券; a toast fits its message on one
 * line; the photo's × is a fingertip's size; and too few points says how many are missing and where to earn them.
 * Screenshots in test-results/navigation/.
 */
import { phonePage, screenshot } from '../support/browser'
import { ok } from '../support/cloud'
import { attachPhoto, text, useE2E, waitForText } from '../support/e2e'
import { agreedToPrivacy } from '../support/privacy'
import { availablePoints, voucherCode } from '../support/shop'

const SUITE = 'navigation'
const { cloud, browser, signIn, phoneAs, visit, photoFile } = useE2E(SUITE)

test('a resident: 我的 → 我的兑换券 → 返回 lands on 我的 again; the bars are there on every page', async () => {
  const page = await phonePage(browser)
  await signIn(page, 'demo-resident')
  // 首页 is a tab: the tab bar, no back control.
  await page.getByTestId('tab-bar').waitFor()
  await expect(page.getByTestId('nav-bar').count()).resolves.toBe(0)
  await expect(page.getByTestId('tab-home').getAttribute('data-active')).resolves.toBe('true')
  await expect(text(page, 'tab-bar')).resolves.toBe('首页申报兑换我的')

  // 我的 has 我的兑换券.
  await page.getByTestId('tab-me').click()
  await page.getByTestId('me-vouchers').waitFor()
  await expect(text(page, 'me-vouchers')).resolves.toContain('我的兑换券')
  await screenshot(page, SUITE, '01-me-with-vouchers')

  // Open it: the bar says 返回 (and 首页); 返回 goes back to 我的.
  await page.getByTestId('me-vouchers').click()
  await page.getByTestId('nav-back').waitFor()
  await expect(page.getByTestId('nav-home-tab').isVisible()).resolves.toBe(true)
  await expect(page.getByTestId('tab-bar').count()).resolves.toBe(0)
  await screenshot(page, SUITE, '02-vouchers-with-back')
  await page.getByTestId('nav-back').click()
  await page.getByTestId('tab-bar').waitFor()
  await expect(page.getByTestId('tab-me').getAttribute('data-active')).resolves.toBe('true')
  await expect(page.getByTestId('me-vouchers').isVisible()).resolves.toBe(true)

  // On any page over a tab (我的 → 我的积分), 首页 is one tap away.
  await page.getByTestId('me-points').click()
  await page.getByTestId('nav-home-tab').click()
  await page.locator('[data-testid="tab-home"][data-active="true"]').waitFor()
  await expect(page.getByTestId('home-my-claims').isVisible()).resolves.toBe(true)
})

test('a page opened by a link (nothing to go back to) offers 回首页, which lands on 首页 with its tabs', async () => {
  const page = await phoneAs('demo-resident')
  await visit(page, 'pages-shop/vouchers/index', 'nav-home')
  await expect(page.getByTestId('nav-back').count()).resolves.toBe(0)
  await expect(text(page, 'nav-home')).resolves.toBe('回首页')
  await screenshot(page, SUITE, '03-opened-by-link')
  await page.getByTestId('nav-home').click()
  await page.getByTestId('me-name').waitFor()
  await page.getByTestId('tab-bar').waitFor()
  await expect(page.getByTestId('nav-bar').count()).resolves.toBe(0)
})

test('a shop clerk who lives elsewhere sees 首页 / 核销 / 我的, not 申报 or 兑换; 核销 opens the scanner, with 返回', async () => {
  const page = await phonePage(browser)
  // The scanner asks about privacy first (its sheet covers the bars): agreed to before, as merchant.e2e does.
  await agreedToPrivacy(page.context())
  await signIn(page, 'demo-merchant')
  await waitForText(page.getByTestId('tab-bar'), '核销')
  await expect(text(page, 'tab-bar')).resolves.toBe('首页核销我的')
  await expect(page.getByTestId('tab-claim').count()).resolves.toBe(0)
  await expect(page.getByTestId('tab-shop').count()).resolves.toBe(0)
  await expect(page.locator('.weui-tabbar__item').filter({ hasText: '申报' }).count()).resolves.toBe(0)
  await screenshot(page, SUITE, '04-clerk-tabs')
  await page.getByTestId('tab-scan').click()
  await page.getByTestId('scan-page').waitFor()
  await page.getByTestId('nav-back').click()
  await page.getByTestId('me-name').waitFor()
  await expect(text(page, 'tab-bar')).resolves.toBe('首页核销我的')
})

test('the × on a photo is at least 44 × 44 CSS px', async () => {
  const page = await phonePage(browser)
  await agreedToPrivacy(page.context())
  await signIn(page, 'demo-resident')
  await page.getByTestId('tab-claim').click()
  await page.getByTestId('rule-item-rule-clean-yard').click()
  await page.getByTestId('claim-form-rule').waitFor()
  await attachPhoto(page, photoFile(7))
  const remove = page.getByTestId('photo-delete-0')
  await remove.waitFor()
  const box = await remove.boundingBox()
  expect(box!.width).toBeGreaterThanOrEqual(44)
  expect(box!.height).toBeGreaterThanOrEqual(44)
  await page.getByTestId('photo-0').scrollIntoViewIfNeeded()
  await screenshot(page, SUITE, '05-photo-delete-target')
  await remove.click()
  await expect(page.getByTestId('photo-0').count()).resolves.toBe(0)
})

test('too few points: the refusal and the offer say how many are missing (还差 3 分) in a one-line toast, and lead to 申报', async () => {
  // 李明 holds 6 points and opens 牙膏一支 (5 points): he may exchange it.
  const before = await availablePoints(cloud, 'demo-resident-2')
  if (before !== 6) {
    await ok(cloud.api('points', 'adjust', { residentId: 'demo-r-resident-2', delta: 6 - before, reason: '导航测试：设为 6 分', requestId: 'nav-e2e-adjust-1' }, 'demo-admin'), '调整')
  }
  const page = await phonePage(browser)
  await signIn(page, 'demo-resident-2')
  await visit(page, 'pages-shop/offer/index?id=offer-toothpaste', 'exchange-button')
  await page.getByTestId('exchange-button').click()
  await page.getByTestId('exchange-sheet').waitFor()
  // Meanwhile the office takes 4 back: 2 left, 3 short.
  await ok(cloud.api('points', 'adjust', { residentId: 'demo-r-resident-2', delta: -4, reason: '导航测试：扣回 4 分', requestId: 'nav-e2e-adjust-2' }, 'demo-admin'), '扣分')
  await page.getByTestId('exchange-confirm').click()

  // The toast says it on one line.
  const toast = page.locator('.taro__toast p').filter({ hasText: '还差 3 分' })
  await toast.waitFor()
  const message = (await toast.textContent())!.trim()
  expect(message).toBe('可用积分不足，还差 3 分')
  expect(message.length).toBeGreaterThanOrEqual(10)
  const lines = await toast.evaluate((p) => Math.round(p.getBoundingClientRect().height / parseFloat(getComputedStyle(p).lineHeight)))
  expect(lines).toBe(1)
  await screenshot(page, SUITE, '06-insufficient-toast')

  // The page: the refusal names the missing points, and 去申报 opens the 申报 tab.
  await waitForText(page.getByTestId('exchange-refused'), '还差 3 分')
  await waitForText(page.getByTestId('offer-points-short'), '还差 3 分')
  // Said once: the refusal, not again as 现在不能兑换.
  await expect(page.getByTestId('offer-reason').count()).resolves.toBe(0)
  await page.getByTestId('offer-earn').scrollIntoViewIfNeeded()
  await screenshot(page, SUITE, '07-insufficient-page')
  await page.getByTestId('offer-earn-claim').click()
  await page.getByTestId('claim-intro').waitFor()
  await expect(page.getByTestId('tab-claim').getAttribute('data-active')).resolves.toBe('true')
})

test('the offer and the voucher name the pickup place from the offer’s merchant: 善治超市 and its address', async () => {
  const page = await phoneAs('demo-resident')
  await visit(page, 'pages-shop/offer/index?id=offer-haircut', 'offer-detail-pickup')
  await expect(text(page, 'offer-detail-pickup')).resolves.toContain('善治超市（莲花新区1排路口）')
  await expect(page.getByTestId('offer-detail').textContent()).resolves.not.toContain('社区服务站')
})

test('after 核销 of 爱心义剪 the clerk reads its condition as the exchange checked it: 兑换时已核对：70 岁及以上', async () => {
  // 张秀英 (born 1953) exchanges 爱心义剪 (5 points, 70 and over) through the API.
  await ok(cloud.api('points', 'adjust', { residentId: 'demo-r-resident', delta: 5, reason: '导航测试：义剪', requestId: 'nav-e2e-adjust-3' }, 'demo-admin'), '调整')
  const { voucher } = await ok(cloud.api('shop', 'exchange', { offerId: 'offer-haircut', requestId: 'nav-e2e-exchange-haircut' }, 'demo-resident'), '兑换')
  const code = await voucherCode(cloud, voucher.id)
  const page = await phonePage(browser)
  await agreedToPrivacy(page.context())
  await signIn(page, 'demo-merchant')
  await page.getByTestId('tab-scan').click()
  await page.getByTestId('scan-code-input').locator('input').fill(code)
  await page.getByTestId('scan-code-submit').click()
  await page.getByTestId('redeem-result').waitFor()
  await expect(text(page, 'redeem-checked')).resolves.toContain('兑换时已核对：70 岁及以上')
  await expect(text(page, 'redeem-checked')).resolves.toContain('符合')
  await screenshot(page, SUITE, '08-redeemed-with-condition')
})
