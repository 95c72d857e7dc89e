import { phonePage, screenshot } from '../support/browser'
import { useE2E } from '../support/e2e'

const { cloud, browser, signIn } = useE2E('catalogue')

const CATEGORIES = ['人居环境', '小区建设', '爱心公益', '社会综治', '其他']

test('a resident opens 申报 and reads the catalogue: five categories, each item with its points in plain view', async () => {
  // A resident (by the 切换身份 page, as a person would) on the 申报 tab.
  const page = await phonePage(browser)
  await signIn(page, 'demo-resident')
  await page.locator('.weui-tabbar__item').filter({ hasText: '申报' }).click()
  await page.getByTestId('rule-item-rule-garbage-sort').waitFor()

  await expect(page.getByTestId('claim-intro').textContent()).resolves.toContain('院长先看、网格员确认后积分记上')
  const names = await page.locator('[data-testid^="rule-category-"] .sz-rules__category-name').allTextContents()
  expect(names).toEqual(CATEGORIES)

  const garbage = page.getByTestId('rule-item-rule-garbage-sort')
  await expect(garbage.textContent()).resolves.toContain('垃圾分类投放')
  await expect(page.getByTestId('rule-points-rule-garbage-sort').textContent()).resolves.toBe('+0.5 分')
  await expect(garbage.textContent()).resolves.toContain('需拍照')
  await expect(garbage.textContent()).resolves.toContain('每月最多 10 次')

  const brave = page.getByTestId('rule-item-rule-brave')
  await expect(brave.textContent()).resolves.toContain('见义勇为')
  await expect(page.getByTestId('rule-points-rule-brave').textContent()).resolves.toBe('+15 分')
  // An item needing no photo says nothing about photos.
  await expect(page.getByTestId('rule-item-rule-suggestion').textContent()).resolves.not.toContain('需拍照')

  // The points are on screen without a tap, in large type: at least 40 design px (≥ 20 CSS px on this phone).
  const size = await page.getByTestId('rule-points-rule-brave').evaluate((el) => parseFloat(getComputedStyle(el).fontSize))
  expect(size).toBeGreaterThanOrEqual(20)
  const rowHeight = (await garbage.boundingBox())!.height
  expect(rowHeight).toBeGreaterThanOrEqual(44) // 88rpx on a 375-wide phone
  await screenshot(page, 'catalogue', '01-catalogue')
  await brave.scrollIntoViewIfNeeded()
  await screenshot(page, 'catalogue', '02-catalogue-safety')

  // Choosing an item opens its claim form (tests/e2e/claim-flow.e2e.test.ts follows it through).
  await garbage.click()
  await page.getByTestId('claim-form-rule').waitFor()
  await expect(page.getByTestId('claim-form-rule-name').textContent()).resolves.toBe('垃圾分类投放')
  await expect(page.getByTestId('claim-form-points').textContent()).resolves.toBe('+0.5 分')
  await screenshot(page, 'catalogue', '03-select-opens-form')
})

test('a visitor with no identity is asked to join, not shown an error', async () => {
  const page = await phonePage(browser)
  await page.goto(`${cloud.url}/#/pages/claim/index`)
  await page.getByTestId('not-joined').waitFor()
  await expect(page.getByTestId('not-joined').textContent()).resolves.toContain('您还没有加入社区')
  await screenshot(page, 'catalogue', '04-not-joined')
})

test('when the network fails the catalogue says so in Chinese and 重试 recovers', async () => {
  const page = await phonePage(browser)
  await signIn(page, 'demo-resident')
  await page.route('**/api/rules', (route) => route.abort('internetdisconnected'))
  await page.locator('.weui-tabbar__item').filter({ hasText: '申报' }).click()
  const error = page.getByTestId('page-error')
  await error.waitFor()
  await expect(error.textContent()).resolves.toContain('网络')
  await screenshot(page, 'catalogue', '05-network-error')

  await page.unroute('**/api/rules')
  await page.getByTestId('page-retry').click()
  await page.getByTestId('rule-points-rule-brave').waitFor()
})

test('when the admin has taken every item out, a resident sees that the community has no rules yet', async () => {
  const listed = await cloud.api('rules', 'list', {}, 'demo-admin')
  if (!listed.ok) throw new Error(listed.message)
  const ids = listed.data.categories.flatMap((c) => c.items.map((i) => i.id))
  expect(ids.length).toBeGreaterThan(0)
  for (const ruleId of ids) {
    const answer = await cloud.api('rules', 'disable', { ruleId }, 'demo-admin')
    expect(answer.ok).toBe(true)
  }

  const page = await phonePage(browser)
  await signIn(page, 'demo-resident-2')
  await page.locator('.weui-tabbar__item').filter({ hasText: '申报' }).click()
  const empty = page.getByTestId('catalogue-empty')
  await empty.waitFor()
  await expect(empty.textContent()).resolves.toContain('社区还没有设置积分细则')
  // Categories without items are not listed.
  await expect(page.locator('[data-testid^="rule-category-"]').count()).resolves.toBe(0)
  await screenshot(page, 'catalogue', '06-empty')
})
