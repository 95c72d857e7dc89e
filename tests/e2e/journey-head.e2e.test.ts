/**
 * Journey of a 院长 (王建国, 1号院), end to end on a phone-sized h5 screen, moving only by what is on screen. Two of
 * his residents' claims wait (filed through the API): 首页 shows the badge; in 待我审核 he passes one and sends the other
 * back with a reason; back on 首页 the badge is 0. Then 代居民申报: he registers 张小宝 (no phone) in 张秀英家 and files
 * a claim for her; and 查居民积分: 张秀英 and her household's new member. Screenshots in test-results/journey-head/.
 */
import { phonePage, screenshot } from '../support/browser'
import { claimStatus, submitClaimWithPhoto } from '../support/claims'
import { ok } from '../support/cloud'
import { text, useE2E, waitForCount, waitForText } from '../support/e2e'

const SUITE = 'journey-head'
const { cloud, browser, signIn, screenshotWithoutToast } = useE2E(SUITE)

test('the 院长 pre-reviews two claims (pass, send back), files for a resident without a phone he registers, and looks up a resident', async () => {
  // Before his day: 张秀英 and 李明 each filed a claim with a photo.
  const hers = await submitClaimWithPhoto(cloud, 'demo-resident', 201, { description: '清扫了1号院门口的落叶' })
  const his = await submitClaimWithPhoto(cloud, 'demo-resident-2', 202, { description: '打扫了院子' })

  const page = await phonePage(browser)
  await signIn(page, 'demo-head')

  // 首页: 待我审核 2, the oldest named; 院长积分 on his balance card.
  await waitForText(page.getByTestId('review-count'), '2')
  await expect(text(page, 'home-review-queue')).resolves.toContain('最早一条：张秀英')
  await page.getByTestId('balance-courtyard').waitFor()
  await screenshotWithoutToast(page, '01-home-badge')

  await page.getByTestId('home-review-queue').click()
  await page.getByTestId('review-queue').waitFor()
  const cards = page.locator('[data-testid^="review-card-cl"]')
  await waitForCount(cards, 2)
  await screenshot(page, SUITE, '02-queue')

  // 通过 张秀英's: it goes on to the grid worker (网格员确认).
  await page.getByTestId(`review-card-${hers.id}`).getByTestId('review-pass').click()
  await page.locator('.taro-modal__content').waitFor()
  await page.locator('.taro-modal__foot .taro-model__confirm').click()
  await waitForCount(cards, 1)
  expect(await claimStatus(cloud, hers.id)).toBe('pre_approved')
  await screenshotWithoutToast(page, '03-after-pass')

  // 退回补充 李明's, with the template reason.
  await page.getByTestId(`review-card-${his.id}`).getByTestId('review-return').click()
  const sheet = page.getByTestId('reason-sheet')
  await sheet.waitFor()
  await sheet.getByTestId('reason-template-0').click()
  await expect(sheet.getByTestId('reason-text').locator('textarea').inputValue()).resolves.toBe('照片不清楚，请重新拍一张')
  await screenshot(page, SUITE, '04-return-sheet')
  await sheet.getByTestId('reason-confirm').click()
  await sheet.waitFor({ state: 'detached' })
  await page.getByTestId('review-empty').waitFor()
  expect(await claimStatus(cloud, his.id)).toBe('returned')
  await screenshotWithoutToast(page, '05-queue-empty')

  // Back on 首页: nothing waits.
  await page.getByTestId('nav-back').click()
  await waitForText(page.getByTestId('review-count'), '0')
  await screenshotWithoutToast(page, '06-home-done')

  // 代居民申报: 张秀英's grandchild 张小宝 has no phone; he registers her in 张秀英家, then picks an item for her.
  await page.getByTestId('home-proxy-claim').click()
  await page.getByTestId('proxy-register').waitFor()
  await screenshot(page, SUITE, '07-proxy-residents')
  await page.getByTestId('proxy-register-demo-hh-1').click()
  await page.getByTestId('proxy-register-sheet').waitFor()
  await page.getByTestId('proxy-register-name').locator('input').fill('张小宝')
  await screenshot(page, SUITE, '08-proxy-register')
  await page.getByTestId('sheet-confirm').click()
  await waitForText(page.getByTestId('proxy-chosen'), '张小宝')
  await screenshotWithoutToast(page, '09-proxy-chosen')
  await page.getByTestId('rule-item-rule-suggestion').click()
  await page.getByTestId('claim-form-proxy').waitFor()
  await expect(text(page, 'claim-form-proxy')).resolves.toContain('为 张小宝 代申报')
  await page.getByTestId('claim-description').locator('textarea').fill('建议在院门口装一盏路灯，已被居委会采纳')
  await screenshot(page, SUITE, '10-proxy-form')
  await page.getByTestId('claim-submit').click()
  await page.getByTestId('claim-detail').waitFor()
  await waitForText(page.getByTestId('claim-detail-proxy'), '由 王建国 代为申报（申报人 张小宝）')
  // The 院长 cannot pre-review what he filed himself: it goes straight to the grid worker.
  await expect(text(page, 'claim-detail-status')).resolves.toBe('等网格员确认')
  await screenshotWithoutToast(page, '11-proxy-submitted')
  const claimId = new URL(page.url().replace('#', '')).searchParams.get('id')!
  const filed = await ok(cloud.api('claims', 'get', { claimId }, 'demo-admin'))
  expect(filed.claim.residentName).toBe('张小宝')

  // 查居民积分 from 首页: his courtyard's residents, 张小宝 among them; 张秀英's points and claims.
  await page.getByTestId('nav-home-tab').click()
  await page.getByTestId('home-resident-lookup').click()
  await page.getByTestId('lookup-page').waitFor()
  await page.getByTestId('lookup-search').locator('input').fill('张')
  await waitForText(page.getByTestId('lookup-list'), '张小宝')
  await expect(page.getByTestId('lookup-resident-demo-r-head-2').count()).resolves.toBe(0)
  await screenshot(page, SUITE, '12-lookup-list')
  await page.getByTestId('lookup-resident-demo-r-resident').click()
  await page.getByTestId('lookup-detail').waitFor()
  await expect(text(page, 'lookup-name')).resolves.toBe('张秀英')
  await page.getByTestId('lookup-balance').getByTestId('balance-available').waitFor()
  await waitForText(page.getByTestId('lookup-claims'), '清扫院落及门前卫生')
  await expect(page.getByTestId('adjust-open').count()).resolves.toBe(0)
  await screenshotWithoutToast(page, '13-lookup-resident')
})
