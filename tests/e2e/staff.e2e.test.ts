/**
 * Staff screens (issue 12), in Chromium on the h5 build. 周海燕 (工作小组) opens 查询居民积分 from 社区管理, finds 张秀英,
 * reads her points and every change, adds 2 points with a reason and sees the new balance, then 冲正 an entry. 王建国
 * (1号院院长) finds 李明 of his courtyard and sees his points — and nobody of 2号院 is listed for him. Last month's
 * hygiene inspection was scored by the grid worker; 周海燕 opens 卫生检查评奖 and pays the awards with 发放奖励.
 * Screenshots in test-results/staff/.
 */
import { monthKey, previousMonth } from '@core/period'
import { phonePage, screenshot } from '../support/browser'
import { ok } from '../support/cloud'
import { text, useE2E, waitForText } from '../support/e2e'

const SUITE = 'staff'
const { cloud, browser, signIn, screenshotWithoutToast } = useE2E(SUITE)

test('the office looks up a resident, adjusts and corrects her points; a head looks up one of his courtyard', async () => {
  // Something in 张秀英's ledger to read, and a starting balance to count from.
  await ok(cloud.api('points', 'adjust', { residentId: 'demo-r-resident', delta: 5, reason: '参加社区义务劳动', requestId: 'staff-e2e-seed' }, 'demo-admin'), '积分调整')
  const start = (await ok(cloud.api('points', 'balance', { residentId: 'demo-r-resident' }, 'demo-admin'))).available

  const page = await phonePage(browser)
  await signIn(page, 'demo-admin')
  await page.goto(`${cloud.url}/#/pages-admin/index`)
  await page.getByTestId('admin-home').waitFor()
  await page.getByTestId('admin-residents').click()
  await page.getByTestId('lookup-page').waitFor()
  await page.getByTestId('lookup-search').locator('input').fill('张秀')
  await page.getByTestId('lookup-resident-demo-r-resident').waitFor()
  await expect(page.getByTestId('lookup-list').locator('[data-testid^="lookup-resident-"]').count()).resolves.toBe(1)
  await screenshot(page, SUITE, '01-admin-search')

  // Nobody by that name: said so, with what to try.
  await page.getByTestId('lookup-search').locator('input').fill('欧阳')
  await page.getByTestId('lookup-empty').waitFor()
  await page.getByTestId('lookup-search').locator('input').fill('张秀英')
  await page.getByTestId('lookup-resident-demo-r-resident').click()
  await page.getByTestId('lookup-detail').waitFor()
  await expect(text(page, 'lookup-name')).resolves.toBe('张秀英')
  await waitForText(page.getByTestId('lookup-balance').getByTestId('balance-available'), String(start))
  await page.getByTestId('lookup-ledger').getByText('参加社区义务劳动').waitFor()
  await page.getByTestId('lookup-claims-empty').or(page.getByTestId('lookup-claims')).first().waitFor()
  await screenshot(page, SUITE, '02-admin-resident')

  // +2 with a reason: the answer's balance on screen, the card and the ledger follow.
  await page.getByTestId('adjust-open').click()
  await page.getByTestId('adjust-add').click()
  await page.getByTestId('adjust-submit').click()
  await page.getByTestId('adjust-amount-field').locator('.sz-field__error').waitFor()
  await screenshot(page, SUITE, '03-adjust-unfilled')
  await page.getByTestId('adjust-amount').locator('input').fill('2')
  await page.getByTestId('adjust-reason').locator('textarea').fill('帮助孤寡老人打扫卫生，补记积分')
  await page.getByTestId('adjust-form').scrollIntoViewIfNeeded()
  await screenshot(page, SUITE, '04-adjust-filled')
  await page.getByTestId('adjust-submit').click()
  await waitForText(page.getByTestId('adjust-done'), `现在可用积分：${start + 2} 分`)
  await waitForText(page.getByTestId('lookup-balance').getByTestId('balance-available'), String(start + 2))
  await page.getByTestId('lookup-ledger').getByText('帮助孤寡老人打扫卫生，补记积分').waitFor()
  await page.getByTestId('adjust-done').scrollIntoViewIfNeeded()
  await screenshotWithoutToast(page, '05-adjust-done')
  expect((await ok(cloud.api('points', 'balance', {}, 'demo-resident'))).available).toBe(start + 2)

  // 冲正 the first entry (the +2 just made), with a usual reason.
  const { items } = await ok(cloud.api('points', 'ledger', { residentId: 'demo-r-resident' }, 'demo-admin'))
  const entry = items.find((e) => e.note === '帮助孤寡老人打扫卫生，补记积分')!
  await page.getByTestId(`lookup-reverse-${entry.id}`).click()
  await page.getByTestId('lookup-reverse-template-0').click()
  await screenshot(page, SUITE, '06-reverse-sheet')
  await page.getByTestId('lookup-reverse-confirm').click()
  await waitForText(page.getByTestId('lookup-balance').getByTestId('balance-available'), String(start))
  await page.getByTestId('lookup-ledger').getByText('冲正：帮助孤寡老人打扫卫生，补记积分（记错了人）').waitFor()

  // 王建国, head of 1号院: his courtyard's residents only; 李明's points.
  const head = await phonePage(browser)
  await signIn(head, 'demo-head')
  await head.goto(`${cloud.url}/#/pages-review/resident/index`)
  await head.getByTestId('lookup-page').waitFor()
  await head.getByTestId('lookup-resident-demo-r-resident-2').waitFor()
  await expect(head.getByTestId('lookup-resident-demo-r-head-2').count()).resolves.toBe(0)
  await screenshot(head, SUITE, '07-head-list')
  await head.getByTestId('lookup-search').locator('input').fill('李明')
  await head.getByTestId('lookup-resident-demo-r-resident-2').click()
  await head.getByTestId('lookup-detail').waitFor()
  const li = (await ok(cloud.api('points', 'balance', {}, 'demo-resident-2'))).available
  await waitForText(head.getByTestId('lookup-balance').getByTestId('balance-available'), String(li))
  await head.getByTestId('lookup-ledger-empty').or(head.getByTestId('lookup-ledger')).first().waitFor()
  // A head reads; only the office adjusts.
  await expect(head.getByTestId('adjust-form').count()).resolves.toBe(0)
  await screenshot(head, SUITE, '08-head-resident')

  // A resident who opens the page is told it is not for them.
  const resident = await phonePage(browser)
  await signIn(resident, 'demo-resident')
  await resident.goto(`${cloud.url}/#/pages-review/resident/index`)
  await resident.getByTestId('lookup-forbidden').waitFor()
})

test('the office pays last month’s hygiene inspection awards by hand', async () => {
  // Last month, scored by the grid worker: 2号院 first, 1号院 second. Not closed, so nothing is paid yet.
  const last = previousMonth(monthKey(new Date()))
  await ok(cloud.api('governance', 'inspect', { courtyardId: 'demo-courtyard-2', month: last, score: 93 }, 'demo-grid'), '检查打分')
  await ok(cloud.api('governance', 'inspect', { courtyardId: 'demo-courtyard-1', month: last, score: 86 }, 'demo-grid'), '检查打分')
  const before = (await ok(cloud.api('points', 'balance', {}, 'demo-head-2'))).available

  const page = await phonePage(browser)
  await signIn(page, 'demo-admin')
  await page.goto(`${cloud.url}/#/pages-admin/index`)
  await page.getByTestId('admin-home').waitFor()
  await page.getByTestId('admin-inspections').click()
  await page.getByTestId('awards-page').waitFor()
  await waitForText(page.getByTestId('awards-status-demo-courtyard-2'), '待发放：每户 3 分')
  await screenshot(page, SUITE, '09-awards-due')
  await page.getByTestId('awards-submit').click()
  await page.locator('.taro-modal__content').waitFor()
  await screenshot(page, SUITE, '10-awards-confirm')
  await page.locator('.taro-modal__foot .taro-model__confirm').click()
  await waitForText(page.getByTestId('awards-done'), '第 1 名 莲花新区2排7号院：每户 3 分，共 1 户')
  await waitForText(page.getByTestId('awards-status-demo-courtyard-1'), '已发放：每户 2 分')
  await waitForText(page.getByTestId('awards-submit'), '奖励已发放')
  await screenshotWithoutToast(page, '11-awards-paid')
  expect((await ok(cloud.api('points', 'balance', {}, 'demo-head-2'))).available).toBe(before + 3)
})
