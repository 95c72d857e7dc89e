/**
 * The community office (工作小组) in Chromium on the h5 build: 周海燕 opens 社区管理 from 首页, adds a household to
 * courtyard 1 in 组织架构, issues an invite code for it and sees the code with its QR; then a newcomer with no account
 * (a fresh browser, an openid the community has never seen) types the code in lowercase with a space, gives a name,
 * and lands on 首页 as a member. Screenshots in test-results/admin/.
 */
import { phonePage, screenshot } from '../support/browser'
import { useE2E } from '../support/e2e'

const SUITE = 'admin'
const COURTYARD = 'demo-courtyard-1'
const { cloud, browser, signIn, phoneAs } = useE2E(SUITE)

test('the admin adds a household and invites into it; a newcomer joins with the code and sees 首页 with their name', async () => {
  const page = await phonePage(browser)
  await signIn(page, 'demo-admin')
  await page.getByTestId('home-admin').click()
  await page.getByTestId('admin-home').waitFor()
  await screenshot(page, SUITE, '01-admin-home')

  // 组织架构: courtyard 1 with its head and households; 刘福贵 is marked 无手机.
  await page.getByTestId('admin-org').click()
  await page.getByTestId('org-page').waitFor()
  const courtyard = page.getByTestId(`org-courtyard-${COURTYARD}`)
  await expect(courtyard.textContent()).resolves.toContain('院长：王建国')
  await expect(page.getByTestId('org-resident-demo-r-liu').textContent()).resolves.toContain('刘福贵（无手机）')
  await screenshot(page, SUITE, '02-org-tree')

  // ＋ 添加户 → 孙大爷家.
  await page.getByTestId(`org-add-household-${COURTYARD}`).click()
  const sheet = page.getByTestId('admin-sheet')
  await sheet.waitFor()
  await sheet.getByTestId('sheet-name').locator('input').fill('孙大爷家')
  await screenshot(page, SUITE, '03-add-household')
  await sheet.getByTestId('sheet-confirm').click()
  await sheet.waitFor({ state: 'detached' })
  await courtyard.getByText('孙大爷家').waitFor()
  const tree = await cloud.api('org', 'tree', {}, 'demo-admin')
  if (!tree.ok) throw new Error(tree.message)
  const household = tree.data.root.children.flatMap((g) => g.children).find((c) => c.id === COURTYARD)!.children.find((h) => h.name === '孙大爷家')!
  expect(household).toBeTruthy()
  await screenshot(page, SUITE, '04-household-added')

  // 邀请居民 from the courtyard: into 孙大爷家, once, 14 days.
  await page.getByTestId(`org-invite-${COURTYARD}`).click()
  await page.getByTestId(`invite-courtyard-${COURTYARD}`).waitFor()
  await expect(page.getByTestId(`invite-courtyard-${COURTYARD}`).getAttribute('data-on')).resolves.toBe('true')
  await page.getByTestId(`invite-household-${household.id}`).click()
  await screenshot(page, SUITE, '05-invite-form')
  await page.getByTestId('invite-issue').click()
  await page.getByTestId('invite-result').waitFor()
  const display = ((await page.getByTestId('invite-code').textContent()) ?? '').trim()
  expect(display).toMatch(/^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/)
  await expect(page.getByTestId('invite-where').textContent()).resolves.toContain('孙大爷家')
  await expect(page.getByTestId('invite-expiry').textContent()).resolves.toContain('可以用 1 次')
  // The QR: an SVG image of the bare code, drawn from the module matrix.
  const qr = page.getByTestId('invite-qr')
  await expect(qr.getAttribute('data-text')).resolves.toBe(display.replace('-', ''))
  const src = (await qr.locator('img').getAttribute('src')) ?? ''
  expect(src.startsWith('data:image/svg+xml')).toBe(true)
  const box = await qr.boundingBox()
  expect(box && box.width > 150 && box.height > 150).toBe(true)
  await screenshot(page, SUITE, '06-invite-code')

  // A newcomer: a fresh browser whose (h5) WeChat identity the community has never seen.
  const newcomer = await phoneAs('wx-new-person')
  await newcomer.goto(cloud.url)
  await newcomer.getByTestId('not-joined').waitFor()
  await screenshot(newcomer, SUITE, '07-not-joined')
  await newcomer.getByTestId('join-with-code').click()
  await newcomer.getByTestId('join-page').waitFor()
  // A wrong code is refused in words next to the field.
  await newcomer.getByTestId('join-code').locator('input').fill('2345 6789')
  await newcomer.getByTestId('join-name').locator('input').fill('孙福海')
  await newcomer.getByTestId('join-submit').click()
  await newcomer.getByTestId('join-field-code').locator('.sz-field__error').waitFor()
  await expect(newcomer.getByTestId('join-field-code').textContent()).resolves.toContain('邀请码不对')
  await screenshot(newcomer, SUITE, '08-join-wrong-code')
  // The real code, typed in lowercase with a space: shown grouped 4-4.
  const typed = `${display.slice(0, 4).toLowerCase()} ${display.slice(5).toLowerCase()}`
  await newcomer.getByTestId('join-code').locator('input').fill(typed)
  await expect(newcomer.getByTestId('join-code').locator('input').inputValue()).resolves.toBe(display)
  await screenshot(newcomer, SUITE, '09-join-filled')
  await newcomer.getByTestId('join-submit').click()
  await newcomer.getByTestId('me-name').waitFor()
  await expect(newcomer.getByTestId('me-name').textContent()).resolves.toContain('孙福海')
  await expect(newcomer.locator('body').textContent()).resolves.toContain('孙大爷家')
  await screenshot(newcomer, SUITE, '10-joined-home')

  // The office sees the newcomer in the household.
  await page.goBack()
  await page.getByTestId('org-page').waitFor()
  await page.reload()
  await courtyard.getByText('孙福海').waitFor()
  await newcomer.context().close()
})

test('the admin stops a rule after a confirmation and brings it back; adds an item with half a point', async () => {
  const page = await phonePage(browser)
  await signIn(page, 'demo-admin')
  await page.goto(`${cloud.url}/#/pages-admin/rules/index`)
  const item = page.getByTestId('rules-item-rule-clean-yard')
  await item.waitFor()
  await expect(item.textContent()).resolves.toContain('+1 分')
  await expect(item.textContent()).resolves.toContain('每月最多 8 次')
  await page.getByTestId('rules-toggle-rule-clean-yard').click()
  await page.locator('.taro-modal__content').waitFor()
  await page.locator('.taro-modal__foot .taro-model__confirm').click()
  await item.filter({ hasText: '已停用' }).waitFor()
  await screenshot(page, SUITE, '11-rule-stopped')
  await page.getByTestId('rules-toggle-rule-clean-yard').click()
  await page.locator('.taro-modal__foot .taro-model__confirm').click()
  await page.getByTestId('rules-toggle-rule-clean-yard').filter({ hasText: '停用' }).waitFor()

  const category = page.locator('[data-testid^="rules-category-"]').first()
  await category.locator('[data-testid^="rules-add-"]').click()
  const sheet = page.getByTestId('admin-sheet')
  await sheet.getByTestId('rule-name').locator('input').fill('帮邻居搬运重物')
  await sheet.getByTestId('rule-points').locator('input').fill('0.5')
  await sheet.getByTestId('rule-cap').locator('input').fill('4')
  await sheet.getByTestId('rule-photos-no').click()
  await screenshot(page, SUITE, '12-rule-add')
  await sheet.getByTestId('sheet-confirm').click()
  await sheet.waitFor({ state: 'detached' })
  const added = category.locator('[data-testid^="rules-item-"]').filter({ hasText: '帮邻居搬运重物' })
  await added.waitFor()
  await expect(added.textContent()).resolves.toContain('+0.5 分')
  await expect(added.textContent()).resolves.toContain('不需拍照 · 每月最多 4 次')
  await screenshot(page, SUITE, '13-rules-after')
})
