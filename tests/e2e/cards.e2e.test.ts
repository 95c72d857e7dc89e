/**
 * 积分卡 (issue 15) in Chromium on the h5 build. 刘福贵 has no phone; the office gives him 30 points (through the API).
 * His 院长 opens him on 查询居民积分, issues his card and sets the PIN (typed twice; a mismatch is refused in words),
 * finds him again by the card's QR, and prints the courtyard's sheet: A4, cards of 85.6 × 54 mm, saved as a PDF; the
 * QR read off a screenshot of the paper is a token cards.lookup accepts. 孙志刚, the clerk of 善治超市, scans the card on
 * 扫码核销 (a picture of its QR): 刷卡兑换 shows 刘*贵 and 30 points; a wrong PIN is refused with the tries left; the
 * right one exchanges a bag of washing powder and the balance on screen drops to 20, as points.balance says.
 * Screenshots in test-results/cards/ (cards-01-… to cards-12-…).
 */
import path from 'node:path'
import fs from 'node:fs'
import QRCode from 'qrcode'
import { formatCardNumber, looksLikeCardToken } from '@core/cards'
import { phonePage, screenshot } from '../support/browser'
import { ok } from '../support/cloud'
import { text, useE2E, waitForText } from '../support/e2e'
import { agreedToPrivacy } from '../support/privacy'
import { pdfFirstPage } from '../support/pdf'
import { readQrInPng } from '../support/qr'

const SUITE = 'cards'
const LIU = 'demo-r-liu'
const { cloud, browser, signIn, visit } = useE2E(SUITE)
const shot = (page: Parameters<typeof screenshot>[0], name: string) => screenshot(page, SUITE, `cards-${name}`)

/** What the 院长's pages made, for the counter. */
let token = ''
let number = ''

beforeAll(async () => {
  await ok(cloud.api('points', 'adjust', { residentId: LIU, delta: 30, reason: '帮邻居打扫楼道', requestId: 'cards-e2e-adjust' }, 'demo-admin'), '调整')
})

test('the 院长 issues 刘福贵 a card, sets his PIN, finds him by it, and prints the courtyard sheet on A4', async () => {
  const page = await phonePage(browser)
  await agreedToPrivacy(page.context())
  await signIn(page, 'demo-head')
  await visit(page, 'pages-review/resident/index', 'lookup-list')
  await page.getByTestId(`lookup-resident-${LIU}`).click()
  await waitForText(page.getByTestId('resident-card-none'), '刘福贵还没有积分卡')
  await page.getByTestId('resident-card').scrollIntoViewIfNeeded()
  await shot(page, '01-no-card')

  // 发卡: the sheet says what the card carries; confirmed, the number appears and the next step is said.
  await page.getByTestId('resident-card-issue').click()
  const issueSheet = page.getByTestId('resident-card-issue-sheet')
  await waitForText(issueSheet, '不印积分和密码')
  await shot(page, '02-issue-sheet')
  await page.getByTestId('resident-card-issue-confirm').click()
  await issueSheet.waitFor({ state: 'detached' })
  await waitForText(page.getByTestId('resident-card-number'), '卡号')
  number = (await text(page.getByTestId('resident-card-number'))).replace(/\D/g, '')
  expect(number).toMatch(/^\d{8}$/)
  await expect(text(page.getByTestId('resident-card-number'))).resolves.toBe(`卡号 ${formatCardNumber(number)}`)
  await waitForText(page.getByTestId('resident-card-issued'), '请居民本人当面设密码')
  await expect(text(page.getByTestId('resident-card-status'))).resolves.toContain('还没有设密码')
  await shot(page, '03-issued')

  // 设密码: typed twice; two different PINs are refused in words, the same one twice is kept.
  await page.getByTestId('resident-card-pin').click()
  const pinSheet = page.getByTestId('resident-card-pin-sheet')
  await waitForText(pinSheet, '请让居民本人当面说出密码，不要写在卡上')
  await page.getByTestId('resident-card-pin-1').locator('input').fill('2468')
  await page.getByTestId('resident-card-pin-2').locator('input').fill('2469')
  await page.getByTestId('resident-card-pin-confirm').click()
  await waitForText(page.getByTestId('resident-card-pin-field'), '两次输入的密码不一样')
  await shot(page, '04-pin-mismatch')
  await page.getByTestId('resident-card-pin-2').locator('input').fill('2468')
  await page.getByTestId('resident-card-pin-confirm').click()
  await pinSheet.waitFor({ state: 'detached' })
  await waitForText(page.getByTestId('resident-card-status'), '已设密码')
  await expect(text(page.getByTestId('resident-card-issue'))).resolves.toBe('补发新卡')

  // 打印积分卡: the courtyard's sheet, one card: his name, courtyard, number, the QR, the blank for the PIN.
  await visit(page, 'pages-review/cards-print/index', 'cards-print-sheet')
  const card = page.getByTestId('cards-print-card')
  await expect(card.count()).resolves.toBe(1)
  const face = await text(card)
  expect(face).toContain('刘福贵')
  expect(face).toContain(`卡号 ${formatCardNumber(number)}`)
  expect(face).toContain('密码：________（当面告知，不印在卡上）')
  expect(face).not.toContain('2468')
  await expect(text(page.getByTestId('cards-print-button'))).resolves.toBe('打印 1 张卡')
  await shot(page, '05-print-screen')

  // On paper: A4, the button gone, the card at its real size (85.6 × 54 mm at 96 dpi), saved as a PDF.
  await page.setViewportSize({ width: 794, height: 1123 })
  await page.emulateMedia({ media: 'print' })
  await expect(page.getByTestId('cards-print-button').isVisible()).resolves.toBe(false)
  const box = (await card.boundingBox())!
  expect(Math.abs(box.width - (85.6 / 25.4) * 96)).toBeLessThan(2)
  expect(Math.abs(box.height - (54 / 25.4) * 96)).toBeLessThan(2)
  await shot(page, '06-print-paper')
  const pdf = path.join(__dirname, '../../test-results', SUITE, 'cards-sheet.pdf')
  await page.pdf({ path: pdf, format: 'A4', printBackground: true })
  expect(fs.readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-')

  // The QR as printed: read off the PDF itself (its page drawn by pdf.js), a token, and the one the counter will accept;
  // and the same off a picture of the screen.
  const paper = await pdfFirstPage(page.context(), fs.readFileSync(pdf))
  fs.writeFileSync(path.join(__dirname, '../../test-results', SUITE, 'cards-sheet-pdf-page1.png'), paper)
  const read = await readQrInPng(page, paper)
  expect(read).not.toBeNull()
  expect(await readQrInPng(page, await card.screenshot())).toBe(read)
  token = read!
  expect(looksLikeCardToken(token)).toBe(true)
  const looked = await ok(cloud.api<{ resident: { name: string; courtyard: string }; card: { number: string; hasPin: boolean } }>('cards', 'lookup', { token }, 'demo-merchant'), '读卡')
  expect(looked.resident.name).toBe('刘*贵')
  expect(looked.card).toMatchObject({ number, hasPin: true })
  await page.emulateMedia({ media: 'screen' })
  await page.setViewportSize({ width: 390, height: 844 })

  // 扫积分卡找居民 on 查询居民积分: a picture of the card opens 刘福贵's points.
  await visit(page, 'pages-review/resident/index', 'lookup-list')
  const png = await QRCode.toBuffer(token, { type: 'png', width: 360, margin: 4 })
  await page.getByTestId('scan-image-input').setInputFiles({ name: 'card.png', mimeType: 'image/png', buffer: png })
  await waitForText(page.getByTestId('lookup-name'), '刘福贵')
  await page.getByTestId('lookup-balance').waitFor()
  await shot(page, '07-found-by-card')
  await page.context().close()
})

test('the clerk scans the card, a wrong PIN is refused, the right one exchanges; the balance drops on screen and in the ledger', async () => {
  expect(token).not.toBe('')
  const page = await phonePage(browser)
  await agreedToPrivacy(page.context())
  await signIn(page, 'demo-merchant')
  await page.getByTestId('merchant-scan-button').click()
  await page.getByTestId('scan-page').waitFor()

  // The card's QR, as a picture: 扫码核销 sees a card, not a voucher, and hands it to 刷卡兑换.
  const png = await QRCode.toBuffer(token, { type: 'png', width: 360, margin: 4 })
  await page.getByTestId('scan-image-input').setInputFiles({ name: 'card.png', mimeType: 'image/png', buffer: png })
  await page.getByTestId('card-holder').waitFor()
  await expect(text(page.getByTestId('card-holder-name'))).resolves.toBe('刘*贵')
  await expect(text(page.getByTestId('card-holder'))).resolves.toContain(`卡号 ${formatCardNumber(number)}`)
  await expect(text(page.getByTestId('card-available'))).resolves.toBe('30')
  await page.getByTestId('card-offers').waitFor()
  await shot(page, '08-counter')

  // Nothing chosen, no PIN: said before anything is sent.
  await page.getByTestId('card-confirm').click()
  await waitForText(page.getByTestId('card-problem'), '请先选居民要兑换的商品')
  await page.getByTestId('card-offer-offer-detergent').click()
  await expect(page.getByTestId('card-offer-offer-detergent').getAttribute('data-chosen')).resolves.toBe('true')

  // A wrong PIN: dots only on screen, refused in large red words with the tries left, the points untouched.
  for (const d of '1357') await page.getByTestId(`card-pin-key-${d}`).click()
  await expect(page.getByTestId('card-pin-dots').getAttribute('data-filled')).resolves.toBe('4')
  await expect(text(page.getByTestId('card-pin'))).resolves.not.toContain('1357')
  await page.getByTestId('card-confirm').click()
  const refusal = page.getByTestId('card-error')
  await refusal.waitFor()
  await expect(refusal.getAttribute('data-code')).resolves.toBe('CARD.PIN_WRONG')
  await expect(text(refusal)).resolves.toMatch(/密码不对[\s\S]*还[\s\S]*次/)
  await expect(text(refusal)).resolves.toContain('没有兑换，请先不要交货')
  await expect(page.getByTestId('card-pin-dots').getAttribute('data-filled')).resolves.toBe('0')
  await expect(text(page.getByTestId('card-available'))).resolves.toBe('30')
  await shot(page, '09-pin-wrong')

  // The right PIN: 已兑换, what to hand over, and the new balance.
  for (const d of '2468') await page.getByTestId(`card-pin-key-${d}`).click()
  await shot(page, '10-pin-typed')
  await page.getByTestId('card-confirm').click()
  const result = page.getByTestId('card-result')
  await result.waitFor()
  await expect(text(result)).resolves.toContain('已兑换，请把商品交给居民')
  await expect(text(page.getByTestId('card-handover'))).resolves.toBe('洗衣粉一袋（10 积分）交给 刘*贵')
  await expect(text(page.getByTestId('card-result-balance'))).resolves.toBe('刘*贵现在可用积分：20 分')
  await shot(page, '11-exchanged')

  // Back to the form for another: the balance on screen is the new one, and the ledger agrees.
  await page.getByTestId('card-again').click()
  await waitForText(page.getByTestId('card-available'), '20')
  const balance = await ok(cloud.api<{ available: number }>('points', 'balance', { residentId: LIU }, 'demo-admin'), '余额')
  expect(balance.available).toBe(20)
  const redemptions = await ok(cloud.api<{ items: { offerTitle: string; residentName: string }[] }>('shop', 'redemptions', { month: new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7) }, 'demo-merchant'), '核销记录')
  expect(redemptions.items.map((v) => `${v.offerTitle} ${v.residentName}`)).toContain('洗衣粉一袋 刘*贵')
  await shot(page, '12-after')

  // 下一张卡: the reader again.
  await page.getByTestId('card-next').click()
  await page.getByTestId('card-reader').waitFor()
  await page.context().close()
})
