/**
 * Journey of a new resident (吴春梅), end to end on a phone-sized h5 screen, moving only by what is on screen. The
 * community settles monthly (按月公示后到账). 院长 王建国 gives her an invite code (through the API); she joins, files
 * 捐赠物资 with a photo and follows it through 等院长先看 and 等网格员确认 (the staff decide through the API; she
 * opens the claim again as a notification would). Her 5 points show as 公示后可用. Next month the office closes the
 * month (API); from 首页's 社区公示 she opens the board, finds her own line, and objects to another; the office
 * dismisses it (API) and she reads why in 我的异议. When the publicity ends (the functions' clock and the phone's move
 * on; the timer runs) her 5 points are available: she exchanges 牙膏一支, shows the voucher's QR, and sees it turn
 * 已使用 when the clerk scans it (API). The objection comes before the exchange: objections are taken only while the
 * board is up, and the points are spendable only after. Screenshots in test-results/journey-resident/.
 */
import { monthKey, periodRange } from '@core/period'
import { phonePage, screenshot } from '../support/browser'
import { ok } from '../support/cloud'
import { attachPhoto, text, useE2E, waitForText } from '../support/e2e'
import { agreedToPrivacy } from '../support/privacy'
import { exchange } from '../support/shop'

const SUITE = 'journey-resident'
const DAY = 86_400_000
const { cloud, browser, signInAsNewUser, joinWith, photoFile, screenshotWithoutToast } = useE2E(SUITE)

/** The month of her claim (now, Beijing); the 3rd of the month after, 10:00 (board up); the 13th (board down). */
const month = monthKey(new Date())
const end = periodRange(month).end.getTime()
const published = end + 2 * DAY + 10 * 3600_000 - Date.now()
const final = end + 12 * DAY + 10 * 3600_000 - Date.now()


test('a new resident joins, claims with a photo, sees it reviewed and pending, objects on the board, then spends the points and sees the voucher redeemed', async () => {
  await ok(cloud.api('org', 'updateSettings', { settlement: 'monthly', publicityDays: 7 }, 'demo-admin'), '设置')
  const { invite } = await ok(cloud.api('org', 'issueInvite', { courtyardId: 'demo-courtyard-1' }, 'demo-head'), '邀请码')
  // Another line on this month's board: 李明, from the office.
  await ok(cloud.api('points', 'adjust', { residentId: 'demo-r-resident-2', delta: 3, reason: '组织院落义务劳动', requestId: 'journey-resident-adjust' }, 'demo-admin'), '积分调整')

  const page = await phonePage(browser)
  // The privacy sheet before the first photo is privacy.e2e's: agreed to before.
  await agreedToPrivacy(page.context())
  await page.clock.install()
  await signInAsNewUser(page, 'journey-resident-wx', '01-new-user')
  await joinWith(page, invite.code, '吴春梅', '02-join-form')
  await waitForText(page.getByTestId('balance-available'), '0')
  await page.getByTestId('home-claims-empty').waitFor()
  await screenshotWithoutToast(page, '03-home-joined')

  // 我要申报 → 捐赠物资 (5 分, needs a photo) → the form, filled, with a photo from the album.
  await page.getByTestId('claim-button').click()
  await page.getByTestId('rule-item-rule-donate').click()
  await page.getByTestId('claim-form-rule').waitFor()
  await expect(text(page, 'claim-form-points')).resolves.toBe('+5 分')
  await page.getByTestId('claim-description').locator('textarea').fill('给社区爱心衣橱捐了两袋冬衣')
  await attachPhoto(page, photoFile(1))
  await page.locator('[data-testid="photo-0"][data-status="done"]').waitFor()
  await screenshot(page, SUITE, '04-claim-form')
  await page.getByTestId('claim-submit').click()
  await page.getByTestId('claim-detail').waitFor()
  await expect(text(page, 'claim-detail-status')).resolves.toBe('等院长先看')
  await screenshotWithoutToast(page, '05-claim-waiting-head')
  const claimId = new URL(page.url().replace('#', '')).searchParams.get('id')!

  // The 院长 passes it: opened again (as from the notification), it waits for the grid worker.
  await ok(cloud.api('claims', 'review', { claimId, decision: 'pass' }, 'demo-head'), '初审')
  await page.reload()
  await waitForText(page.getByTestId('claim-detail-status'), '等网格员确认')
  await expect(text(page, 'claim-timeline')).resolves.toContain('王建国')
  await screenshotWithoutToast(page, '06-claim-waiting-grid')
  await ok(cloud.api('claims', 'review', { claimId, decision: 'pass' }, 'demo-grid'), '审核')
  await page.reload()
  await waitForText(page.getByTestId('claim-detail-status'), '已通过')
  await screenshotWithoutToast(page, '07-claim-approved')

  // 首页 (回首页: the claim was opened on its own, as from a notification): nothing to spend yet; 5 公示后可用.
  await page.getByTestId('nav-home').click()
  await waitForText(page.getByTestId('balance-pending'), '5')
  await expect(text(page, 'balance-available')).resolves.toBe('0')
  await screenshotWithoutToast(page, '08-home-pending')

  // Next month: the office closes the month; the board is up.
  await cloud.setClock(published)
  await page.clock.setSystemTime(Date.now() + published)
  await ok(cloud.api('governance', 'closeMonth', { month }, 'demo-admin'), '结月')
  await page.reload()
  await waitForText(page.getByTestId('home-notice-status'), '有疑问可以提出异议')
  await page.getByTestId('home-notice').scrollIntoViewIfNeeded()
  await screenshotWithoutToast(page, '09-home-notice')

  // The board: her own line (full name: it is hers) and 李明's, masked; 提出异议 on his.
  await page.getByTestId('home-notice-board').click()
  await page.locator('[data-testid="publicity-status"][data-status="closed"]').waitFor()
  await waitForText(page.getByTestId('publicity-item').filter({ hasText: '捐赠物资' }), '+5')
  const his = page.getByTestId('publicity-item').filter({ hasText: '组织院落义务劳动' })
  await expect(text(his)).resolves.toContain('李*')
  await screenshotWithoutToast(page, '10-board', his)
  await his.getByTestId('object-link').click()
  await page.getByTestId('objection-form').waitFor()
  await page.getByTestId('objection-reason').locator('textarea').fill('那天院里的义务劳动是我们几户自己组织的')
  await screenshot(page, SUITE, '11-objection-form')
  await page.getByTestId('objection-submit').click()
  await page.getByTestId('my-objections').waitFor()
  const row = page.getByTestId('objection-row')
  await expect(text(row.getByTestId('objection-status'))).resolves.toBe('调查中')
  await screenshotWithoutToast(page, '12-my-objection-open')

  // The office looks into it and dismisses it, with its reason.
  const objectionId = (await row.getAttribute('data-objection-id'))!
  await ok(cloud.api('governance', 'resolve', { objectionId, decision: 'dismiss', note: '经核实，义务劳动由李明组织，异议不成立' }, 'demo-admin'), '处理异议')
  await page.reload()
  await waitForText(page.getByTestId('objection-status'), '异议不成立')
  await expect(text(page, 'objection-note')).resolves.toContain('由李明组织')
  await screenshotWithoutToast(page, '13-my-objection-dismissed')

  // The board is down (the timer makes the month final): her 5 points can be spent.
  await cloud.setClock(final)
  await page.clock.setSystemTime(Date.now() + final)
  const tick = await ok(cloud.api<{ finalized: string[] }>('jobs', 'tick', {}, null), '定时任务')
  expect(tick.finalized.length).toBeGreaterThan(0)
  await page.getByTestId('nav-home').click()
  await waitForText(page.getByTestId('balance-available'), '5')
  await expect(text(page, 'balance-pending')).resolves.toBe('0')
  await screenshotWithoutToast(page, '14-home-available')

  // 兑换 → 牙膏一支 (5 积分) → 确认兑换 → the voucher's QR.
  const voucherId = await exchange(page, 'offer-toothpaste', { suite: SUITE, offer: '15-offer', confirm: '16-exchange-confirm' })
  await expect(text(page, 'voucher-status')).resolves.toBe('待使用')
  const qr = page.getByTestId('voucher-qr')
  await qr.waitFor()
  await screenshotWithoutToast(page, '17-voucher-qr')

  // At the shop the clerk scans it: the open page turns 已使用 by itself.
  await ok(cloud.api('shop', 'redeem', { code: (await qr.getAttribute('data-text')) ?? '' }, 'demo-merchant'), '核销')
  await waitForText(page.getByTestId('voucher-status'), '已使用')
  await screenshotWithoutToast(page, '18-voucher-redeemed')
  await expect(ok(cloud.api('shop', 'voucher', { voucherId }, 'journey-resident-wx')).then((v) => v.voucher.status)).resolves.toBe('redeemed')
})
