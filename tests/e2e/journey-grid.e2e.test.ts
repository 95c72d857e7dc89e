/**
 * Journey of a grid worker (网格员 陈静), end to end on a phone-sized h5 screen, moving only by what is on screen. Her
 * residents' claims were pre-reviewed by the 院长 (through the API): on 首页 the badge says how many wait for her; in
 * 待我审核 she approves one (张秀英 gets the point) and rejects another with her own reason; from 首页 she proposes
 * 张秀英 for the 红榜 (it waits for the office), scores 1号院's hygiene, looks 张秀英 up in 查居民积分 and records a
 * deduction (乱堆乱放, with a photo) that waits in 扣分复核 for a second person.
 * Screenshots in test-results/journey-grid/.
 */
import { phonePage, screenshot } from '../support/browser'
import { claimStatus, submitClaimWithPhoto } from '../support/claims'
import { ok } from '../support/cloud'
import { attachPhoto, text, useE2E, waitForCount, waitForText } from '../support/e2e'
import { agreedToPrivacy } from '../support/privacy'

const SUITE = 'journey-grid'
const { cloud, browser, signIn, photoFile, screenshotWithoutToast } = useE2E(SUITE)

test('the grid worker approves and rejects pre-reviewed claims, proposes a red-list entry, scores a courtyard, looks up a resident and records a deduction', async () => {
  // Before her day: 张秀英 filed two claims, and 院长 王建国 passed both (初审).
  const swept = await submitClaimWithPhoto(cloud, 'demo-resident', 301, { description: '清扫了1号院门口的落叶' })
  const doubtful = await submitClaimWithPhoto(cloud, 'demo-resident', 302, { ruleId: 'rule-clear-clutter', description: '清理了楼道里的杂物', place: '1号院楼道' })
  for (const c of [swept, doubtful]) await ok(cloud.api('claims', 'review', { claimId: c.id, decision: 'pass' }, 'demo-head'), '初审')

  const page = await phonePage(browser)
  // The privacy sheet before the first photo is privacy.e2e's: here it was agreed to before.
  await agreedToPrivacy(page.context())
  await signIn(page, 'demo-grid')

  // 首页: 待我审核 with a badge of 2, the oldest named; 卫生检查 and 红黑榜提名 one tap away.
  await waitForText(page.getByTestId('review-count'), '2')
  await expect(text(page, 'home-review-queue')).resolves.toContain('最早一条：张秀英')
  await page.getByTestId('home-inspect').waitFor()
  await page.getByTestId('home-propose').waitFor()
  // Not a resident herself: no 我要申报 (its form would only say 只有居民可以申报积分); she files for others by 代居民申报.
  await expect(page.getByTestId('claim-button').count()).resolves.toBe(0)
  await screenshotWithoutToast(page, '01-home')

  // 待我审核: each card says the 院长 already passed it.
  await page.getByTestId('home-review-queue').click()
  await page.getByTestId('review-queue').waitFor()
  const cards = page.locator('[data-testid^="review-card-cl"]')
  await waitForCount(cards, 2)
  const sweptCard = page.getByTestId(`review-card-${swept.id}`)
  await waitForText(sweptCard.getByTestId('review-card-head-step'), '院长 王建国 已先看过，同意')
  await screenshot(page, SUITE, '02-queue')

  // 通过 → confirm: the card leaves, the resident's point is booked.
  await sweptCard.getByTestId('review-pass').click()
  await page.locator('.taro-modal__content').waitFor()
  await screenshot(page, SUITE, '03-pass-confirm')
  await page.locator('.taro-modal__foot .taro-model__confirm').click()
  await waitForCount(cards, 1)
  expect(await claimStatus(cloud, swept.id)).toBe('approved')
  await screenshotWithoutToast(page, '04-after-pass')

  // 驳回 with her own words: none given, none sent.
  const doubtfulCard = page.getByTestId(`review-card-${doubtful.id}`)
  await doubtfulCard.getByTestId('review-reject').click()
  const sheet = page.getByTestId('reason-sheet')
  await sheet.waitFor()
  await sheet.getByTestId('reason-confirm').click()
  await expect(sheet.textContent()).resolves.toContain('请选一个原因')
  await sheet.getByTestId('reason-text').locator('textarea').fill('楼道杂物是物业统一清理的，不是本人所做')
  await screenshot(page, SUITE, '05-reject-sheet')
  await sheet.getByTestId('reason-confirm').click()
  await sheet.waitFor({ state: 'detached' })
  await page.getByTestId('review-empty').waitFor()
  await screenshotWithoutToast(page, '06-queue-empty')
  expect(await claimStatus(cloud, doubtful.id)).toBe('rejected')
  const rejected = await ok(cloud.api('claims', 'get', { claimId: doubtful.id }, 'demo-resident'))
  expect(rejected.history.at(-1)?.reason).toBe('楼道杂物是物业统一清理的，不是本人所做')

  // Back to 首页: nothing waits any more.
  await page.getByTestId('nav-back').click()
  await waitForText(page.getByTestId('review-count'), '0')

  // 红黑榜提名: 张秀英 for the 红榜, 1 point; it waits for the office.
  await page.getByTestId('home-propose').click()
  await page.getByTestId('propose-form').waitFor()
  await page.getByTestId('propose-list-red').click()
  await page.getByTestId('propose-search').locator('input').fill('张秀')
  await page.getByTestId('propose-person-demo-r-resident').click()
  await expect(text(page, 'propose-chosen')).resolves.toBe('张秀英')
  await page.getByTestId('propose-reason').locator('textarea').fill('坚持每天清扫院门口，带动邻居参与')
  await page.getByTestId('propose-points').locator('input').fill('1')
  await screenshot(page, SUITE, '07-propose-form')
  await page.getByTestId('propose-submit').click()
  await page.getByTestId('propose-done').waitFor()
  await expect(text(page, 'propose-done')).resolves.toContain('等社区工作小组确认')
  await screenshotWithoutToast(page, '08-propose-done')
  const proposed = await ok(cloud.api('governance', 'lists', { status: 'proposed' }, 'demo-admin'))
  expect(proposed.items.map((l) => l.name)).toContain('张秀英')

  // 卫生检查: 1号院, four items full marks, one 12; the total, then saved.
  await page.getByTestId('nav-home-tab').click()
  await page.getByTestId('home-inspect').click()
  await page.getByTestId('inspect-page').waitFor()
  await screenshot(page, SUITE, '09-inspect-courtyards')
  await page.getByTestId('inspect-courtyard-demo-courtyard-1').click()
  await page.getByTestId('inspect-sheet').waitFor()
  for (const i of [0, 1, 3, 4]) await page.getByTestId(`inspect-full-${i}`).click()
  await page.getByTestId('inspect-score-2').locator('input').fill('12')
  await waitForText(page.getByTestId('inspect-total'), '92')
  await page.getByTestId('inspect-notes').locator('textarea').fill('西墙根有杂物堆放，已提醒清理')
  await screenshot(page, SUITE, '10-inspect-form')
  await page.getByTestId('inspect-submit').click()
  await waitForText(page.getByTestId('inspect-saved'), '已记录：莲花新区1排3号院 92 分')
  await waitForText(page.getByTestId('inspect-courtyard-demo-courtyard-1'), '已检查')
  await screenshotWithoutToast(page, '11-inspect-saved')

  // 查居民积分: 张秀英, with the point just approved.
  await page.getByTestId('nav-home-tab').click()
  await page.getByTestId('home-resident-lookup').click()
  await page.getByTestId('lookup-page').waitFor()
  await page.getByTestId('lookup-search').locator('input').fill('张秀英')
  await page.getByTestId('lookup-resident-demo-r-resident').click()
  await page.getByTestId('lookup-detail').waitFor()
  await expect(text(page, 'lookup-name')).resolves.toBe('张秀英')
  await waitForText(page.getByTestId('lookup-balance').getByTestId('balance-available'), '1')
  await page.getByTestId('lookup-ledger').getByText('清扫院落及门前卫生').first().waitFor()
  // A grid worker reads; only the office adjusts.
  await expect(page.getByTestId('adjust-open').count()).resolves.toBe(0)
  await screenshotWithoutToast(page, '12-lookup-resident')

  // 登记扣分 on the same page: 乱堆乱放, 1 point, a photo. Nothing is taken until a second person passes it.
  await page.getByTestId('deduct-open').click()
  await page.getByTestId('deduct-preset-0').click()
  await page.getByTestId('deduct-points').locator('input').fill('1')
  await page.getByTestId('deduct-reason').locator('textarea').fill('院门口堆放建筑垃圾，提醒两次仍未清理')
  await attachPhoto(page, photoFile(303), page.getByTestId('deduct-photos').getByTestId('photo-add'))
  await page.locator('[data-testid="photo-0"][data-status="done"]').waitFor()
  await page.getByTestId('deduct-submit').click()
  await waitForText(page.getByTestId('deduct-done'), '复核通过后才扣分')
  await screenshotWithoutToast(page, '13-deduction-recorded', page.getByTestId('deduct-done'))
  expect((await ok(cloud.api('points', 'balance', { residentId: 'demo-r-resident' }, 'demo-admin'))).available).toBe(1)
  // 扣分复核: hers waits for someone else; she may withdraw it, not pass it.
  await page.getByTestId('deduct-to-review').click()
  await page.getByTestId('deductions-page').waitFor()
  await page.locator('[data-testid^="deduction-withdraw-"]').first().waitFor()
  await expect(page.locator('[data-testid^="deduction-pass-"]').count()).resolves.toBe(0)
  await screenshot(page, SUITE, '14-deduction-waits')

  // The 申报 tab, tapped as a new grid worker might: she is not a resident, so the form says so and offers 代居民申报.
  await page.getByTestId('nav-home-tab').click()
  await page.getByTestId('tab-claim').click()
  await page.getByTestId('rule-item-rule-clean-yard').click()
  await page.getByTestId('claim-form-not-resident').waitFor()
  await screenshot(page, SUITE, '15-claim-tab-not-resident')
  await page.getByTestId('claim-form-to-proxy').click()
  await page.getByTestId('proxy-residents').waitFor()
  await screenshot(page, SUITE, '16-proxy-from-claim-tab')
})
