/**
 * The merchant's and the office's side of the 积分超市, in Chromium on the h5 build. 张秀英 has exchanged two bags of
 * washing powder (through the API). 孙志刚, the clerk of 善治超市, sees 扫码核销 on 首页; types the first voucher's 16
 * digits and gets a big green 核销成功 naming 张*英 and what to hand over; typing it again gets a red 已核销过; the
 * second voucher's QR, as a picture from the album, is decoded in the page and redeemed. 张秀英's voucher reads 已使用.
 * The office's 月结算 shows 善治超市 with 2 vouchers and 20 points, and its Excel export downloads. Then a clerk
 * publishes an offer with the form (refused in words first), and the office approves it into the shop.
 * Screenshots in test-results/merchant/.
 */
import QRCode from 'qrcode'
import { formatCode } from '@core/shop'
import { launchBrowser, phonePage, screenshot } from '../support/browser'
import { text, useE2E, waitForText } from '../support/e2e'
import { agreedToPrivacy } from '../support/privacy'
import { qrVideo } from '../support/qr'
import { voucherCode } from '../support/shop'

const SUITE = 'merchant'
const MERCHANT = 'demo-merchant-shanzhi'
const { cloud, browser, signIn, tempPath } = useE2E(SUITE)
const vouchers: string[] = []

beforeAll(async () => {
  // The office gives 张秀英 50 points; she exchanges two bags of washing powder (10 each): two vouchers.
  const adjusted = await cloud.api('points', 'adjust', { residentId: 'demo-r-resident', delta: 50, reason: '社区活动奖励', requestId: 'merchant-e2e-adjust' }, 'demo-admin')
  if (!adjusted.ok) throw new Error(`积分调整失败：${adjusted.code} ${adjusted.message}`)
  for (const n of [1, 2]) {
    const res = await cloud.api('shop', 'exchange', { offerId: 'offer-detergent', requestId: `merchant-e2e-exchange-${n}` }, 'demo-resident')
    if (!res.ok) throw new Error(`兑换失败：${res.code} ${res.message}`)
    vouchers.push(res.data.voucher.id)
  }
})

test('the clerk redeems a typed code, is refused the same code again, redeems a QR from a picture; the office settles the month', async () => {
  const page = await phonePage(browser)
  // The privacy sheet before the camera opens is privacy.e2e's: here it was agreed to before.
  await agreedToPrivacy(page.context())
  await signIn(page, 'demo-merchant')
  const home = page.getByTestId('merchant-home')
  await home.waitFor()
  await expect(text(page.getByTestId('merchant-scan-button'))).resolves.toBe('扫码核销')
  await waitForText(page.getByTestId('merchant-offers'), '洗衣粉一袋')
  // 50 in stock, two exchanged.
  await expect(text(page.getByTestId('merchant-offer-stock-offer-detergent'))).resolves.toBe('库存 48')
  await expect(text(page.getByTestId('merchant-today-count'))).resolves.toBe('0')
  await screenshot(page, SUITE, '01-home')

  // 扫码核销: headless Chromium has no camera, and the page says so in words; the typed code still works.
  await page.getByTestId('merchant-scan-button').click()
  await page.getByTestId('scan-page').waitFor()
  await page.getByTestId('scan-camera-problem').waitFor()
  const first = await voucherCode(cloud, vouchers[0])
  const input = page.getByTestId('scan-code-input').locator('input')
  await input.fill(first)
  await expect(input.inputValue()).resolves.toBe(formatCode(first))
  await screenshot(page, SUITE, '02-code-typed')
  await page.getByTestId('scan-code-submit').click()
  const result = page.getByTestId('redeem-result')
  await result.waitFor()
  const said = await text(result)
  expect(said).toContain('核销成功')
  expect(said).toContain('请交给 张*英：洗衣粉一袋（10 积分）')
  expect(said).toContain('核销时间')
  await expect(input.inputValue()).resolves.toBe('')
  await screenshot(page, SUITE, '03-redeemed')

  // The same code again: refused in large red words, nothing redeemed twice.
  await page.getByTestId('scan-again').click()
  await result.waitFor({ state: 'detached' })
  await input.fill(first)
  await page.getByTestId('scan-code-submit').click()
  const refusal = page.getByTestId('redeem-error')
  await refusal.waitFor()
  await expect(refusal.getAttribute('data-code')).resolves.toBe('VOUCHER.ALREADY_REDEEMED')
  await expect(text(refusal)).resolves.toContain('已核销过')
  await expect(text(refusal)).resolves.toContain('没有核销，请先不要交货')
  // The transport showed no toast on top of the panel.
  await expect(page.locator('.taro__toast').filter({ hasText: '核销' }).isVisible().catch(() => false)).resolves.toBe(false)
  await screenshot(page, SUITE, '04-already-redeemed')

  // A code older than a minute (the functions' clock moved on): 二维码已过期, in words.
  await page.getByTestId('scan-again').click()
  const stale = await voucherCode(cloud, vouchers[1])
  await cloud.setClock(2 * 60_000)
  try {
    await input.fill(stale)
    await page.getByTestId('scan-code-submit').click()
    await refusal.waitFor()
    await expect(refusal.getAttribute('data-code')).resolves.toBe('VOUCHER.CODE_EXPIRED')
    await expect(text(refusal)).resolves.toContain('二维码已过期')
  } finally {
    await cloud.setClock(0)
  }
  await screenshot(page, SUITE, '05-code-expired')

  // A typed code too short is stopped by the field, before any call.
  await page.getByTestId('scan-again').click()
  await input.fill('1234 5678')
  await page.getByTestId('scan-code-submit').click()
  await waitForText(page.getByTestId('scan-field-code'), '券码是 16 位数字，现在是 8 位')

  // The second voucher's QR, as a picture from the album: decoded in the page (jsQR) and redeemed.
  const second = await voucherCode(cloud, vouchers[1])
  const png = await QRCode.toBuffer(second, { type: 'png', width: 360, margin: 4 })
  await page.getByTestId('scan-image-input').setInputFiles({ name: 'voucher-qr.png', mimeType: 'image/png', buffer: png })
  await result.waitFor()
  await expect(text(result)).resolves.toContain('请交给 张*英：洗衣粉一袋（10 积分）')
  await screenshot(page, SUITE, '06-redeemed-from-picture')

  // A picture without a QR code: said plainly.
  const blank = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8/5+hHgAHggJ/PchI7wAAAABJRU5ErkJggg==', 'base64')
  await page.getByTestId('scan-again').click()
  await page.getByTestId('scan-image-input').setInputFiles({ name: 'blank.png', mimeType: 'image/png', buffer: blank })
  await refusal.waitFor()
  await expect(text(refusal)).resolves.toContain('没有找到二维码')

  // 首页: today's two vouchers and 20 points, the latest named.
  await page.goto(cloud.url)
  await page.getByTestId('merchant-home').waitFor()
  await waitForText(page.getByTestId('merchant-today-count'), '2')
  await expect(text(page.getByTestId('merchant-today-points'))).resolves.toBe('20')
  await expect(text(page.getByTestId(`merchant-today-${vouchers[0]}`))).resolves.toContain('洗衣粉一袋 · 张*英')
  await screenshot(page, SUITE, '07-home-today')

  // 核销记录: today, two vouchers, 20 points, each row with the masked name.
  await page.goto(`${cloud.url}/#/pages-merchant/history/index`)
  await page.getByTestId('history-list').waitFor()
  await expect(text(page.getByTestId('history-total-count'))).resolves.toBe('2')
  await expect(text(page.getByTestId('history-total-points'))).resolves.toBe('20')
  await expect(page.getByTestId('history-list').locator('[data-testid^="history-row-"]').count()).resolves.toBe(2)
  await expect(text(page.getByTestId(`history-row-${vouchers[0]}`))).resolves.toContain('张*英')
  await screenshot(page, SUITE, '08-history-day')
  await page.getByTestId('history-mode-month').click()
  await page.getByTestId('history-month-offers').waitFor()
  await expect(text(page.getByTestId('history-month-offers'))).resolves.toContain('洗衣粉一袋')
  await screenshot(page, SUITE, '09-history-month')

  // 张秀英's first voucher now reads 已使用.
  const resident = await phonePage(browser)
  await signIn(resident, 'demo-resident')
  await resident.goto(`${cloud.url}/#/pages-shop/voucher/index?id=${encodeURIComponent(vouchers[0])}`)
  await waitForText(resident.getByTestId('voucher-detail'), '已使用')
  await screenshot(resident, SUITE, '10-resident-voucher-used')

  // 月结算: 善治超市 with 2 vouchers and 20 points, opened up by offer; the Excel export downloads.
  const office = await phonePage(browser)
  await signIn(office, 'demo-admin')
  // It opens on last month (the month a settlement is made for); the wheel offers two years back up to this month.
  await office.goto(`${cloud.url}/#/pages-admin/settlement/index`)
  const beijing = new Date(Date.now() + 8 * 3600_000)
  const lastMonth = new Date(Date.UTC(beijing.getUTCFullYear(), beijing.getUTCMonth() - 1, 1))
  await waitForText(office.getByTestId('settlement-month'), `${lastMonth.getUTCFullYear()}年${lastMonth.getUTCMonth() + 1}月`)
  await office.getByTestId('settlement-month').click()
  const years = office.locator('.weui-picker__group').first()
  await years.waitFor()
  await expect(years.textContent()).resolves.toContain(`${beijing.getUTCFullYear() - 2}`)
  await expect(years.textContent()).resolves.not.toContain(`${beijing.getUTCFullYear() - 3}`)
  await expect(years.textContent()).resolves.not.toContain('1970')
  await screenshot(office, SUITE, '11a-settlement-month-wheel')
  await office.locator('.weui-picker__action').first().click()
  // This month's redemptions, asked for by the address (only the hash changes, so the page is loaded afresh).
  await office.goto(`${cloud.url}/#/pages-admin/settlement/index?month=${beijing.toISOString().slice(0, 7)}`)
  await office.reload()
  const row = office.getByTestId(`settlement-merchant-${MERCHANT}`)
  await row.waitFor()
  await expect(text(row)).resolves.toContain('善治超市')
  await expect(text(office.getByTestId(`settlement-count-${MERCHANT}`))).resolves.toBe('2 张')
  await expect(text(office.getByTestId(`settlement-points-${MERCHANT}`))).resolves.toBe('20')
  await expect(text(office.getByTestId('settlement-total-points'))).resolves.toBe('20')
  await office.getByTestId(`settlement-toggle-${MERCHANT}`).click()
  await waitForText(office.getByTestId('settlement-offer-offer-detergent'), '洗衣粉一袋')
  await screenshot(office, SUITE, '11-settlement')
  await office.getByTestId('settlement-export').click()
  const link = office.getByTestId('settlement-export-download')
  await link.waitFor()
  const href = (await link.getAttribute('href')) ?? ''
  const file = await fetch(new URL(href, cloud.url))
  expect(file.status).toBe(200)
  const bytes = Buffer.from(await file.arrayBuffer())
  expect(bytes.subarray(0, 2).toString()).toBe('PK') // an xlsx is a zip
  await screenshot(office, SUITE, '12-settlement-exported')
})

test('a clerk publishes an offer with the form; the office approves it and it goes on sale', async () => {
  const page = await phonePage(browser)
  await signIn(page, 'demo-merchant')
  await page.getByTestId('merchant-offers-link').click()
  await page.getByTestId('merchant-offers-page').waitFor()
  await page.getByTestId('offer-new').click()
  const form = page.getByTestId('offer-form')
  await form.waitFor()
  await expect(text(page.getByTestId('offer-form-note'))).resolves.toContain('审核通过后居民才能兑换')

  // Sent empty: each field says what it lacks, in Chinese.
  await page.getByTestId('offer-submit').click()
  await waitForText(page.getByTestId('offer-field-title'), '请填写商品名称')
  await waitForText(page.getByTestId('offer-field-points'), '请填写兑换要用多少积分')
  await waitForText(page.getByTestId('offer-field-stock'), '请填写有多少件')
  await screenshot(page, SUITE, '13-offer-form-errors')

  await page.getByTestId('offer-title').locator('input').fill('酱油一瓶')
  await page.getByTestId('offer-points').locator('input').fill('6.25')
  await page.getByTestId('offer-stock').locator('input').fill('20')
  await page.getByTestId('offer-submit').click()
  await waitForText(page.getByTestId('offer-field-points'), '积分最多一位小数')
  await page.getByTestId('offer-points').locator('input').fill('6')
  await page.getByTestId('offer-description').locator('textarea').fill('500 毫升装，到店领取')
  // Back to the top of the form (Taro's h5 page scrolls inside its own container), once the scroll to the last error is over.
  await page.waitForTimeout(500)
  await page.evaluate(() => document.querySelectorAll('.taro_page').forEach((el) => (el.scrollTop = 0)))
  await screenshot(page, SUITE, '14-offer-form-filled')
  await page.getByTestId('offer-submit').click()

  // Back on 我的商品: the new offer waits for the office (待审核).
  await page.getByTestId('merchant-offers-page').waitFor()
  const card = page.locator('[data-testid^="offer-card-"]').filter({ hasText: '酱油一瓶' })
  await card.waitFor()
  await expect(card.getAttribute('data-status')).resolves.toBe('pending')
  await expect(text(card)).resolves.toContain('待审核')
  const offerId = ((await card.getAttribute('data-testid')) ?? '').replace('offer-card-', '')
  await screenshot(page, SUITE, '15-offer-pending')

  // The office: 社区管理 shows one offer waiting; 商品审核 → 通过.
  const office = await phonePage(browser)
  await signIn(office, 'demo-admin')
  await office.getByTestId('home-admin').click()
  await office.getByTestId('admin-home').waitFor()
  await waitForText(office.getByTestId('admin-offers-pending'), '1 件待审核')
  await screenshot(office, SUITE, '16-admin-home')
  await office.getByTestId('admin-offers').click()
  await office.getByTestId('admin-offers-page').waitFor()
  const pending = office.getByTestId(`offer-card-${offerId}`)
  await pending.waitFor()
  await expect(text(pending)).resolves.toContain('善治超市')
  await screenshot(office, SUITE, '17-admin-offers-pending')
  await office.getByTestId(`offer-approve-${offerId}`).click()
  await pending.waitFor({ state: 'detached' })
  await office.getByTestId('admin-offers-tabs-active').click()
  await waitForText(office.getByTestId(`offer-card-${offerId}`), '兑换中')
  await screenshot(office, SUITE, '18-admin-offers-active')

  // Another offer from the clerk (through the API) is refused with a reason from the sheet; the clerk reads why.
  const validUntil = new Date(Date.now() + 30 * 86_400_000).toISOString()
  const second = await cloud.api(
    'shop',
    'saveOffer',
    { title: '打印一张', kind: 'service', points: 50, stock: 100, perResidentLimit: 5, validUntil, requestId: 'merchant-e2e-offer-print' },
    'demo-merchant',
  )
  if (!second.ok) throw new Error(second.message)
  await office.getByTestId('admin-offers-tabs-pending').click()
  await office.reload()
  await office.getByTestId(`offer-reject-${second.data.offer.id}`).click()
  const sheet = office.getByTestId('reject-sheet')
  await sheet.waitFor()
  // Nothing goes without a reason.
  await sheet.getByTestId('reject-confirm').click()
  await waitForText(sheet, '请选一个原因，或写下原因')
  await sheet.getByTestId('reject-template-0').click()
  await screenshot(office, SUITE, '19-admin-reject-sheet')
  await sheet.getByTestId('reject-confirm').click()
  await sheet.waitFor({ state: 'detached' })
  await page.reload()
  const refused = page.getByTestId(`offer-card-${second.data.offer.id}`)
  await refused.waitFor()
  await expect(refused.getAttribute('data-status')).resolves.toBe('rejected')
  await expect(text(page.getByTestId(`offer-note-${second.data.offer.id}`))).resolves.toContain('所需积分不合适')

  // Residents see the approved one in the shop now.
  const shop = await cloud.api('shop', 'offers', {}, 'demo-resident')
  if (!shop.ok) throw new Error(shop.message)
  expect(shop.data.items.map((o) => o.id)).toContain(offerId)

  // 商居联盟: 善治超市 with its clerk; a clerk invite code in large type and as a QR.
  await office.goto(`${cloud.url}/#/pages-admin/merchants/index`)
  await office.getByTestId(`merchant-${MERCHANT}`).waitFor()
  await expect(text(office.getByTestId(`merchant-clerks-${MERCHANT}`))).resolves.toContain('孙志刚')
  await screenshot(office, SUITE, '20-merchants')
  await office.getByTestId(`merchant-invite-${MERCHANT}`).click()
  await office.getByTestId('clerk-invite-result').waitFor()
  expect(await text(office.getByTestId('clerk-invite-code'))).toMatch(/^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/)
  await screenshot(office, SUITE, '21-clerk-invite')
})

test("the clerk's camera reads the resident's QR and redeems it, then turns itself off", async () => {
  // 张秀英 exchanges a tube of toothpaste; her QR plays on a fake camera (Chromium's Y4M capture).
  const exchanged = await cloud.api('shop', 'exchange', { offerId: 'offer-toothpaste', requestId: 'merchant-e2e-exchange-camera' }, 'demo-resident')
  if (!exchanged.ok) throw new Error(`兑换失败：${exchanged.code} ${exchanged.message}`)
  const video = tempPath('qr.y4m')
  qrVideo(await voucherCode(cloud, exchanged.data.voucher.id), video)
  const withCamera = await launchBrowser(['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${video}`])
  try {
    const page = await phonePage(withCamera)
    await page.context().grantPermissions(['camera'])
    await agreedToPrivacy(page.context())
    await signIn(page, 'demo-merchant')
    await page.getByTestId('merchant-scan-button').click()
    await page.locator('[data-testid="scan-camera"][data-live="true"]').waitFor()
    await screenshot(page, SUITE, '22-camera-live')
    const result = page.getByTestId('redeem-result')
    await result.waitFor()
    await expect(text(result)).resolves.toContain('请交给 张*英：牙膏一支（5 积分）')
    // The camera is off while the result is on screen: no video element, no live track.
    await expect(page.getByTestId('scan-camera').count()).resolves.toBe(0)
    await expect(page.evaluate(() => document.querySelectorAll('video').length)).resolves.toBe(0)
    await screenshot(page, SUITE, '23-camera-redeemed')
    const voucher = await cloud.api('shop', 'voucher', { voucherId: exchanged.data.voucher.id }, 'demo-resident')
    expect(voucher.ok && voucher.data.voucher.status).toBe('redeemed')
  } finally {
    await withCamera.close()
  }
})
