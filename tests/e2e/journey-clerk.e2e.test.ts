/**
 * Journey of a shop clerk (商家店员), end to end on a phone-sized h5 screen, moving only by what is on screen. The
 * office issues a clerk invite for 善治超市 (through the API, as 商居联盟 would show it); a new WeChat user joins with it
 * and sees the merchant's tabs (首页 / 核销 / 我的). 张秀英 has exchanged a bag of washing powder (through the API);
 * the clerk types her voucher's 16 digits on 核销 (h5 has no camera here: the typed code is the way in), hands it
 * over, and reads today's count on 首页, then 核销记录 (the day's list) and its 按月 settlement.
 * Screenshots in test-results/journey-clerk/.
 */
import { phonePage, screenshot } from '../support/browser'
import { ok } from '../support/cloud'
import { text, useE2E, waitForText } from '../support/e2e'
import { agreedToPrivacy } from '../support/privacy'
import { voucherCode } from '../support/shop'

const SUITE = 'journey-clerk'
const MERCHANT = 'demo-merchant-shanzhi'
const { cloud, browser, signInAsNewUser, joinWith, screenshotWithoutToast } = useE2E(SUITE)

test('a new clerk joins with a clerk invite, redeems a typed voucher code, and reads the day’s list and the month’s settlement', async () => {
  // Before the clerk's day: the office issues the invite; 张秀英 has points and exchanges 洗衣粉一袋.
  const { invite } = await ok(cloud.api('shop', 'clerkInvite', { merchantId: MERCHANT }, 'demo-admin'), '店员邀请码')
  await ok(cloud.api('points', 'adjust', { residentId: 'demo-r-resident', delta: 20, reason: '社区活动奖励', requestId: 'journey-clerk-adjust' }, 'demo-admin'), '积分调整')
  const { voucher } = await ok(cloud.api('shop', 'exchange', { offerId: 'offer-detergent', requestId: 'journey-clerk-exchange' }, 'demo-resident'), '兑换')

  // A new WeChat user opens the app: not joined yet, so 输入邀请码加入.
  const page = await phonePage(browser)
  // The privacy sheet before the camera is privacy.e2e's: agreed to before.
  await agreedToPrivacy(page.context())
  await signInAsNewUser(page, 'journey-clerk-wx', '01-new-user')
  await screenshot(page, SUITE, '02-not-joined')
  await joinWith(page, invite.code, '钱晓梅', '03-join-form')

  // 首页 of a clerk: 扫码核销 in large type, 善治超市's offers with their stock; tabs 首页 / 核销 / 我的 only.
  await page.getByTestId('merchant-home').waitFor()
  await waitForText(page.getByTestId('merchant-home'), '善治超市')
  await expect(text(page.getByTestId('merchant-scan-button'))).resolves.toBe('扫码核销')
  await waitForText(page.getByTestId('merchant-today-count'), '0')
  const tabs = page.getByTestId('tab-bar').locator('.weui-tabbar__label')
  await waitForText(page.getByTestId('tab-bar'), '核销')
  await expect(tabs.allTextContents()).resolves.toEqual(['首页', '核销', '我的'])
  await screenshotWithoutToast(page, '04-clerk-home')

  // 我的: who I am — the clerk of 善治超市.
  await page.getByTestId('tab-me').click()
  await page.getByTestId('me-my-data').waitFor()
  await expect(page.getByTestId('me-points').count()).resolves.toBe(0)
  await screenshot(page, SUITE, '05-me')

  // 核销 (the tab): no camera in this browser, said in words; the 16 digits typed from the resident's phone.
  await page.getByTestId('tab-scan').click()
  await page.getByTestId('scan-page').waitFor()
  await page.getByTestId('scan-camera-problem').waitFor()
  await screenshot(page, SUITE, '06-scan')
  const code = await voucherCode(cloud, voucher.id)
  await page.getByTestId('scan-code-input').locator('input').fill(code)
  await screenshot(page, SUITE, '07-code-typed')
  await page.getByTestId('scan-code-submit').click()
  const result = page.getByTestId('redeem-result')
  await result.waitFor()
  await expect(text(result)).resolves.toContain('核销成功')
  await expect(text(result)).resolves.toContain('请交给 张*英：洗衣粉一袋（10 积分）')
  await screenshotWithoutToast(page, '08-redeemed')
  await expect(ok(cloud.api('shop', 'voucher', { voucherId: voucher.id }, 'demo-resident')).then((v) => v.voucher.status)).resolves.toBe('redeemed')

  // 首页 (the bar above the scanner; 返回 would go to 我的, where 核销 was tapped): today's one voucher, 10 points.
  await page.getByTestId('nav-home-tab').click()
  await page.getByTestId('merchant-home').waitFor()
  await waitForText(page.getByTestId('merchant-today-count'), '1')
  await expect(text(page.getByTestId('merchant-today-points'))).resolves.toBe('10')
  await waitForText(page.getByTestId(`merchant-today-${voucher.id}`), '洗衣粉一袋 · 张*英')
  await expect(text(page.getByTestId('merchant-offer-stock-offer-detergent'))).resolves.toBe('库存 49')
  await screenshotWithoutToast(page, '09-home-after')

  // 核销记录: today's list and totals.
  await page.getByTestId('merchant-history-link').click()
  await page.getByTestId('history-list').waitFor()
  await expect(text(page.getByTestId('history-total-count'))).resolves.toBe('1')
  await expect(text(page.getByTestId('history-total-points'))).resolves.toBe('10')
  await expect(text(page.getByTestId(`history-row-${voucher.id}`))).resolves.toContain('张*英')
  await screenshot(page, SUITE, '10-history-day')

  // 按月: the month's settlement by offer and by day.
  await page.getByTestId('history-mode-month').click()
  await page.getByTestId('history-month-offers').waitFor()
  await expect(text(page.getByTestId('history-month-offers'))).resolves.toContain('洗衣粉一袋')
  await page.getByTestId('history-month-days').waitFor()
  await screenshot(page, SUITE, '11-history-month')
})
