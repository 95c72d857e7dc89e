/**
 * A listing can always be undone (issue 12), in Chromium on the h5 build. The office puts 李明 on the black list for
 * 2 points he does not have: the 红黑榜 shows what was actually deducted (0, 应扣 2 分); his 首页 says he is suspended,
 * why, until when in words, in the theme's readable red, and takes him to the objection form of that listing, where
 * he objects. The office, on 红黑榜管理, revokes the listing with a reason: 李明's 首页 no longer says he is suspended.
 * Screenshots in test-results/listings/.
 */
import { phonePage } from '../support/browser'
import { ok } from '../support/cloud'
import { useE2E, waitForText } from '../support/e2e'

const SUITE = 'listings'
const { cloud, browser, signIn, visit, screenshotWithoutToast } = useE2E(SUITE)

test('a wrong black listing: the notice says why and until when, leads to an objection, and the office revokes it', async () => {
  const { listing } = await ok(
    cloud.api('governance', 'propose', { list: 'black', residentId: 'demo-r-resident-2', reason: '占用消防通道停车', points: 2, requestId: 'listings-e2e-black' }, 'demo-admin'),
    '上黑榜',
  )
  expect(listing).toMatchObject({ points: 0, asked: 2 })
  const until = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: 'numeric', day: 'numeric' }).formatToParts(new Date(listing.until!))
  const part = (t: string) => until.find((p) => p.type === t)!.value
  const untilWords = `${part('year')}年${part('month')}月${part('day')}日`

  // 李明's 首页: suspended, why, until when in words, in a red that reads on white.
  const page = await phonePage(browser)
  await signIn(page, 'demo-resident-2')
  const notice = page.getByTestId('me-suspended')
  await waitForText(notice, untilWords)
  await expect(notice.textContent()).resolves.toContain('占用消防通道停车')
  await expect(notice.locator('.sz-alert__title').evaluate((el) => getComputedStyle(el).color)).resolves.toBe('rgb(180, 35, 24)')
  await screenshotWithoutToast(page, 'listings-01-home-suspended')

  // 红黑榜: what was actually deducted.
  await visit(page, 'pages-governance/lists/index', 'lists-page')
  await page.getByTestId('list-tab-black').click()
  const row = page.locator(`[data-testid="listing-row"][data-listing-id="${listing.id}"]`)
  await waitForText(row.getByTestId('listing-points'), '0 分')
  await expect(row.getByTestId('listing-asked').textContent()).resolves.toContain('应扣 2 分')
  await screenshotWithoutToast(page, 'listings-02-black-list')

  // From the notice to the objection form of that listing.
  await visit(page, 'pages/index/index', 'me-suspended')
  await page.getByTestId('me-suspended-object').click()
  await page.getByTestId('objection-form').waitFor()
  await expect(page.getByTestId('objection-entry').textContent()).resolves.toContain('占用消防通道停车')
  await page.getByTestId('objection-reason').locator('textarea').fill('那天停在通道口的不是我家的车')
  await screenshotWithoutToast(page, 'listings-03-objection-form')
  await page.getByTestId('objection-submit').click()
  await page.getByTestId('my-objections').waitFor()
  await waitForText(page.getByTestId('objection-row').first(), '红黑榜')

  // 周海燕 revokes it on 红黑榜管理, with a reason.
  const office = await phonePage(browser)
  await signIn(office, 'demo-admin')
  await visit(office, 'pages-admin/lists/index', 'admin-lists-page')
  await office.getByTestId('admin-lists-tabs-black').click()
  await office.getByTestId(`listing-revoke-${listing.id}`).click()
  await office.getByTestId('revoke-sheet').waitFor()
  await expect(office.getByTestId('revoke-intro').textContent()).resolves.toContain('立即恢复兑换')
  await office.getByTestId('revoke-template-0').click()
  await screenshotWithoutToast(office, 'listings-04-revoke-sheet')
  await office.getByTestId('revoke-confirm').click()
  await office.getByTestId('revoke-sheet').waitFor({ state: 'detached' })
  await office.getByTestId('admin-lists-empty').waitFor()

  // 李明, opening the app again, is no longer suspended.
  const later = await phonePage(browser)
  await signIn(later, 'demo-resident-2')
  await later.getByTestId('me-card').waitFor()
  await expect(later.getByTestId('me-suspended').count()).resolves.toBe(0)
  await screenshotWithoutToast(later, 'listings-05-home-free')
  const { items } = await ok(cloud.api('governance', 'lists', { list: 'black' }, 'demo-resident'), '黑榜')
  expect(items).toEqual([])
})
