/**
 * 迁户 and 登记搬走 in Chromium on the h5 build: 周海燕 (工作小组) opens 组织架构, moves 李明 from 1号院 to 2号院 (赵桂兰家)
 * with the picker (院落 → 户), then registers 刘福贵 as moved away with a reason confirmed in the sheet. The tree shows
 * 李明 in his new household and no longer shows 刘福贵; the cloud agrees. Screenshots in test-results/org-residents/.
 */
import { phonePage, screenshot } from '../support/browser'
import { useE2E, waitForText } from '../support/e2e'

const SUITE = 'org-residents'
const { cloud, browser, signIn, visit, screenshotWithoutToast } = useE2E(SUITE)

test('the admin moves a resident to another courtyard, then registers one who moved away', async () => {
  const page = await phonePage(browser)
  await signIn(page, 'demo-admin')
  await visit(page, 'pages-admin/org/index', 'org-page')
  const liming = page.getByTestId('org-resident-demo-r-resident-2')
  await expect(liming.textContent()).resolves.toContain('李明')
  await expect(page.getByTestId('org-household-demo-hh-2').getByTestId('org-resident-demo-r-resident-2').count()).resolves.toBe(1)
  await liming.scrollIntoViewIfNeeded()
  await screenshot(page, SUITE, '01-org-residents')

  // 迁到别的户: his own courtyard is chosen first; pick 2号院, then 赵桂兰家.
  await page.getByTestId('org-move-demo-r-resident-2').click()
  const sheet = page.getByTestId('org-move-sheet')
  await sheet.waitFor()
  await expect(sheet.getByTestId('org-move-courtyard-demo-courtyard-1').getAttribute('class')).resolves.toContain('sz-sheet__option--on')
  // His own household is not offered.
  await expect(sheet.getByTestId('org-move-household-demo-hh-2').count()).resolves.toBe(0)
  await screenshot(page, SUITE, '02-move-sheet')
  // Confirming before a household is chosen does nothing but ask.
  await sheet.getByTestId('org-move-confirm').click()
  await expect(sheet.isVisible()).resolves.toBe(true)
  await sheet.getByTestId('org-move-courtyard-demo-courtyard-2').click()
  await sheet.getByTestId('org-move-household-demo-hh-5').click()
  await screenshotWithoutToast(page, '03-move-picked')
  await sheet.getByTestId('org-move-confirm').click()
  await sheet.waitFor({ state: 'detached' })
  await waitForText(page.getByTestId('org-household-demo-hh-5'), '李明')
  await expect(page.getByTestId('org-household-demo-hh-2').getByTestId('org-resident-demo-r-resident-2').count()).resolves.toBe(0)
  await expect(page.getByTestId('org-household-demo-hh-5').getByTestId('org-resident-demo-r-resident-2').count()).resolves.toBe(1)
  await screenshotWithoutToast(page, '04-moved', page.getByTestId('org-household-demo-hh-5'))
  const moved = await cloud.api('user', 'me', {}, 'demo-resident-2')
  expect(moved).toMatchObject({ ok: true, data: { householdId: 'demo-hh-5', courtyardId: 'demo-courtyard-2' } })

  // 登记搬走: the sheet says what it does; a reason is needed; then 刘福贵 is gone from the tree.
  await page.getByTestId('org-remove-demo-r-liu').click()
  const remove = page.getByTestId('org-remove-sheet')
  await remove.waitFor()
  await expect(remove.textContent()).resolves.toContain('以前的积分明细和申报都保留')
  await remove.getByTestId('org-remove-confirm').click()
  await remove.getByText('请选一个原因，或写下搬走的原因').waitFor()
  await remove.getByTestId('org-remove-template-2').click()
  await screenshot(page, SUITE, '05-remove-sheet')
  await remove.getByTestId('org-remove-confirm').click()
  await remove.waitFor({ state: 'detached' })
  await page.getByTestId('org-resident-demo-r-liu').waitFor({ state: 'detached' })
  await screenshotWithoutToast(page, '06-removed', page.getByTestId('org-household-demo-hh-4'))
  const tree = await cloud.api('org', 'tree', {}, 'demo-admin')
  if (!tree.ok) throw new Error(tree.message)
  const household = tree.data.root.children.flatMap((g) => g.children).flatMap((c) => c.children).find((h) => h.id === 'demo-hh-4')!
  expect(household.residents).toEqual([])
  const record = ((await cloud.sdk().database().collection('residents').doc('demo-r-liu').get()).data as { status?: string; movedReason?: string }[])[0]
  expect(record).toMatchObject({ status: 'moved', movedReason: '回老家了' })
})
