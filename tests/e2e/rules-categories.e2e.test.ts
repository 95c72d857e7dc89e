/**
 * The admin keeps the catalogue's categories in Chromium on the h5 build (积分细则管理): 新增类别 at the bottom, 改名
 * (a name another category has is refused in a toast and the sheet stays open), 上移 / 下移 (the first has no 上移, the
 * last no 下移), 删除 only on an empty category after a confirmation, and an item moved within its category.
 * Screenshots in test-results/rules-categories/.
 */
import { phonePage, screenshot } from '../support/browser'
import { ok } from '../support/cloud'
import { useE2E } from '../support/e2e'

const SUITE = 'rules-categories'
const { cloud, browser, signIn, visit, screenshotWithoutToast } = useE2E(SUITE)

const catalogueIds = async () => (await ok(cloud.api('rules', 'list', { includeDisabled: true }, 'demo-admin'))).categories.map((c) => c.id)

test('the admin adds a category, renames one, moves it up and down, deletes the empty one and moves an item', async () => {
  const page = await phonePage(browser)
  await signIn(page, 'demo-admin')
  await visit(page, 'pages-admin/rules/index', 'rules-admin')
  const categories = page.locator('[data-testid^="rules-category-"]')
  const shownIds = async () => (await categories.evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!))).map((t) => t.replace('rules-category-', ''))
  await expect(shownIds()).resolves.toEqual(await catalogueIds())
  // The first category offers no 上移, the last no 下移; one with items offers no 删除.
  await expect(page.getByTestId('category-up-cat-env').count()).resolves.toBe(0)
  await expect(page.getByTestId('category-down-cat-env').count()).resolves.toBe(1)
  await expect(page.getByTestId('category-down-cat-other').count()).resolves.toBe(0)
  await expect(page.getByTestId('category-remove-cat-env').count()).resolves.toBe(0)
  await expect(page.getByTestId('rules-category-cat-env').textContent()).resolves.toContain('有条目的类别不能删除')
  await screenshot(page, SUITE, '01-catalogue')

  // ＋ 新增类别 → 文明新风: it comes last, empty, and may be deleted.
  await page.getByTestId('category-add').click()
  const sheet = page.getByTestId('category-sheet')
  await sheet.waitFor()
  await sheet.getByTestId('category-name').locator('input').fill('文明新风')
  await screenshot(page, SUITE, '02-add-category')
  await sheet.getByTestId('sheet-confirm').click()
  await sheet.waitFor({ state: 'detached' })
  const added = categories.filter({ hasText: '文明新风' })
  await added.waitFor()
  const ids = await catalogueIds()
  const newId = ids.at(-1)!
  await expect(shownIds()).resolves.toEqual(ids)
  await expect(added.textContent()).resolves.toContain('这个类别还没有条目，可以删除')
  await page.getByTestId(`category-remove-${newId}`).waitFor()
  await screenshotWithoutToast(page, '03-category-added', added)

  // 改名: to a name another category has → refused in words, the sheet stays; then 小区共建.
  await page.getByTestId('category-rename-cat-build').click()
  await sheet.waitFor()
  await expect(sheet.textContent()).resolves.toContain('给「小区建设」改名')
  await sheet.getByTestId('category-name').locator('input').fill('人居环境')
  await sheet.getByTestId('sheet-confirm').click()
  await page.locator('.taro__toast p').filter({ hasText: '已经有叫「人居环境」的类别了' }).waitFor()
  await screenshot(page, SUITE, '04-rename-refused')
  await expect(sheet.isVisible()).resolves.toBe(true)
  await sheet.getByTestId('category-name').locator('input').fill('小区共建')
  await sheet.getByTestId('sheet-confirm').click()
  await sheet.waitFor({ state: 'detached' })
  await page.getByTestId('category-name-cat-build').filter({ hasText: '小区共建' }).waitFor()
  await screenshotWithoutToast(page, '05-renamed', page.getByTestId('rules-category-cat-build'))

  // 上移: 小区共建 comes first (and offers no 上移 any more); 下移 puts it back.
  await page.getByTestId('category-up-cat-build').click()
  await page.getByTestId('category-up-cat-build').waitFor({ state: 'detached' })
  await expect(shownIds()).resolves.toEqual(['cat-build', 'cat-env', ...ids.slice(2)])
  await expect(catalogueIds()).resolves.toEqual(['cat-build', 'cat-env', ...ids.slice(2)])
  await screenshotWithoutToast(page, '06-moved-up', categories.first())
  await page.getByTestId('category-down-cat-build').click()
  await page.getByTestId('category-up-cat-build').waitFor()
  await expect(shownIds()).resolves.toEqual(ids)

  // The new category moves up past 其他, then is deleted after a confirmation.
  await page.getByTestId(`category-up-${newId}`).click()
  await page.getByTestId('category-down-cat-other').waitFor({ state: 'detached' })
  await expect(catalogueIds()).resolves.toEqual([...ids.slice(0, -2), newId, 'cat-other'])
  await page.getByTestId(`category-remove-${newId}`).click()
  await page.locator('.taro-modal__content').filter({ hasText: '文明新风' }).waitFor()
  await screenshot(page, SUITE, '07-remove-confirm')
  await page.locator('.taro-modal__foot .taro-model__confirm').click()
  await added.waitFor({ state: 'detached' })
  await expect(catalogueIds()).resolves.toEqual(ids.slice(0, -1))

  // An item moves within its category: 清理楼道、院内杂物 up past 垃圾分类投放.
  const env = page.getByTestId('rules-category-cat-env')
  const items = () => env.locator('[data-testid^="rules-item-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')))
  await page.getByTestId('rules-up-rule-clear-clutter').click()
  await page.getByTestId('rules-down-rule-clear-clutter').waitFor()
  await expect(items()).resolves.toEqual(['rules-item-rule-clean-yard', 'rules-item-rule-clear-clutter', 'rules-item-rule-garbage-sort'])
  await screenshotWithoutToast(page, '08-item-moved', env)
})
