/**
 * Journey of the community office (工作小组, 周海燕), end to end on a phone-sized h5 screen, moving only by what is on
 * screen. This month 李明 got 5 points for mediating (a claim passed at both steps), 张秀英 5 from the office, and the grid
 * worker proposed 李明 for the 红榜 (all through the API). Then the clock — the functions' and the phone's — moves to the
 * 3rd of next month. From 首页 → 社区管理 she sees what waits; confirms the proposal; closes last month and exports its
 * board; two residents object (through the API) and she upholds one and dismisses the other; she adds points to a
 * resident in 查询居民积分; and reads it all back in 操作日志. Screenshots in test-results/journey-admin/.
 */
import { monthKey, periodRange } from '@core/period'
import { phonePage, screenshot } from '../support/browser'
import { ok } from '../support/cloud'
import { useE2E, waitForText } from '../support/e2e'

const SUITE = 'journey-admin'
const DAY = 86_400_000
const { cloud, browser, signIn, screenshotWithoutToast } = useE2E(SUITE)

/** The month of the entries (now, Beijing), and the moved clock: the 3rd of the month after, 10:00 in Beijing. */
const month = monthKey(new Date())
const offset = periodRange(month).end.getTime() + 2 * DAY + 10 * 3600_000 - Date.now()
const label = `${Number(month.slice(5))}月`


test('the office sees what waits, confirms a proposal, closes the month, exports it, resolves objections, adjusts points and reads the log', async () => {
  // This month, before her day.
  const { claim } = await ok(
    cloud.api(
      'claims',
      'submit',
      { ruleId: 'rule-mediate', occurredAt: new Date(Date.now() - 3600_000).toISOString(), place: '莲花新区1排3号院', description: '调解两户邻居因停车发生的争执', photos: [], requestId: 'journey-admin-claim' },
      'demo-resident-2',
    ),
    '申报',
  )
  await ok(cloud.api('claims', 'review', { claimId: claim.id, decision: 'pass' }, 'demo-head'), '初审')
  await ok(cloud.api('claims', 'review', { claimId: claim.id, decision: 'pass' }, 'demo-grid'), '审核')
  await ok(cloud.api('points', 'adjust', { residentId: 'demo-r-resident', delta: 5, reason: '社区活动奖励', requestId: 'journey-admin-adjust' }, 'demo-admin'), '积分调整')
  await ok(cloud.api('governance', 'propose', { list: 'red', residentId: 'demo-r-resident-2', reason: '热心调解邻里纠纷，化解矛盾', points: 2, requestId: 'journey-admin-red' }, 'demo-grid'), '提名')

  await cloud.setClock(offset)
  const page = await phonePage(browser)
  await page.clock.install({ time: Date.now() + offset })
  await signIn(page, 'demo-admin')

  // 首页: what waits for her, in plain view (the same list as 社区管理's), and her door to 社区管理.
  await page.getByTestId('home-admin').waitFor()
  await waitForText(page.getByTestId('home-todo-months-pending'), `${label}待结月`)
  await waitForText(page.getByTestId('home-todo-lists-pending'), '1 条待确认')
  await waitForText(page.getByTestId('home-todo-deductions-pending'), '没有待复核')
  // Not a resident: no 我要申报 (its form would only say 只有居民可以申报积分).
  await expect(page.getByTestId('claim-button').count()).resolves.toBe(0)
  await screenshotWithoutToast(page, '01-home')

  // 社区管理 → 待我处理: last month to close, one proposal to confirm, no objections yet.
  await page.getByTestId('home-admin').click()
  await page.getByTestId('admin-home').waitFor()
  await waitForText(page.getByTestId('admin-months-pending'), `${label}待结月`)
  await waitForText(page.getByTestId('admin-lists-pending'), '1 条待确认')
  await waitForText(page.getByTestId('admin-objections-pending'), '没有待处理')
  await screenshotWithoutToast(page, '02-admin-waiting')

  // 红黑榜: confirm the grid worker's proposal, after reading what it does.
  await page.getByTestId('admin-lists').click()
  await page.getByTestId('admin-lists-page').waitFor()
  const proposal = page.locator('[data-testid^="listing-"][data-status="proposed"]').first()
  await proposal.waitFor()
  await expect(proposal.textContent()).resolves.toContain('李明')
  await screenshot(page, SUITE, '03-lists-proposed')
  await proposal.locator('[data-testid^="listing-confirm-"]').click()
  await page.locator('.taro-modal__content').waitFor()
  await screenshot(page, SUITE, '04-confirm-proposal')
  await page.locator('.taro-modal__foot .taro-model__confirm').click()
  await page.getByTestId('admin-lists-empty').waitFor()
  await page.getByTestId('admin-lists-tabs-red').click()
  await waitForText(page.locator('[data-testid^="listing-"][data-status="confirmed"]').first(), '李明')
  await screenshotWithoutToast(page, '05-red-list')

  // Back: the proposal no longer waits.
  await page.getByTestId('nav-back').click()
  await waitForText(page.getByTestId('admin-lists-pending'), '没有待确认')

  // 结月与公示: close last month (what closing means first), then export its board.
  await page.getByTestId('admin-months').click()
  await page.getByTestId('months-page').waitFor()
  await page.getByTestId(`month-close-${month}`).click()
  const sheet = page.getByTestId('close-sheet')
  await sheet.waitFor()
  await expect(sheet.textContent()).resolves.toContain('结月不能撤销')
  await screenshotWithoutToast(page, '06-close-sheet')
  await page.getByTestId('close-confirm').click()
  await sheet.waitFor({ state: 'detached' })
  await page.locator(`[data-testid="month-${month}"][data-status="closed"]`).waitFor()
  await waitForText(page.getByTestId(`month-window-${month}`), '公示中')
  await page.getByTestId(`month-export-${month}`).click()
  const link = page.getByTestId(`month-export-${month}-download`)
  await link.waitFor()
  const file = await fetch(new URL((await link.getAttribute('href')) ?? '', cloud.url))
  expect(file.status).toBe(200)
  expect(Buffer.from(await file.arrayBuffer()).subarray(0, 2).toString()).toBe('PK') // an xlsx is a zip
  await screenshotWithoutToast(page, '07-month-closed-exported', page.getByTestId(`month-${month}`))

  // Two residents object on the board (their side is journey-resident's): 李明 to 张秀英's 5, 张秀英 to 李明's 5.
  const board = await ok(cloud.api('governance', 'publicity', { month }, 'demo-resident-2'), '公示')
  const hers = board.items.find((i) => i.name === '张*英' && i.points === 5)!
  const his = board.items.find((i) => i !== hers && i.points === 5)!
  expect(hers && his).toBeTruthy()
  const upheld = (await ok(cloud.api('governance', 'object', { entryId: hers.entryId, reason: '那天的活动张秀英没有参加，是别人替她签的到', requestId: 'journey-admin-object-1' }, 'demo-resident-2'), '异议')).objection
  const dismissed = (await ok(cloud.api('governance', 'object', { entryId: his.entryId, reason: '我没有看到李明调解邻里纠纷', requestId: 'journey-admin-object-2' }, 'demo-resident'), '异议')).objection

  // Back on 社区管理: two objections wait.
  await page.getByTestId('nav-back').click()
  await waitForText(page.getByTestId('admin-objections-pending'), '2 条待处理')
  await waitForText(page.getByTestId('admin-months-pending'), '上月已结')
  await screenshotWithoutToast(page, '08-admin-objections-waiting')

  // 异议处理: uphold the first (a note is required), dismiss the second.
  await page.getByTestId('admin-objections').click()
  await page.getByTestId('objections-page').waitFor()
  await page.getByTestId(`objection-${upheld.id}`).waitFor()
  await screenshotWithoutToast(page, '09-objections')
  await page.getByTestId(`objection-uphold-${upheld.id}`).click()
  const resolve = page.getByTestId('resolve-sheet')
  await resolve.waitFor()
  await page.getByTestId('resolve-note').locator('textarea').fill('经核实，当天签到由他人代签，积分冲正')
  await screenshotWithoutToast(page, '10-uphold-sheet')
  await page.getByTestId('resolve-confirm').click()
  await resolve.waitFor({ state: 'detached' })
  await page.getByTestId(`objection-dismiss-${dismissed.id}`).click()
  await resolve.waitFor()
  await page.getByTestId('resolve-note').locator('textarea').fill('经向院长核实，调解属实，异议不成立')
  await screenshotWithoutToast(page, '11-dismiss-sheet')
  await page.getByTestId('resolve-confirm').click()
  await resolve.waitFor({ state: 'detached' })
  await page.getByTestId('objections-empty').waitFor()
  await page.getByTestId('objections-tabs-done').click()
  await waitForText(page.getByTestId(`objection-result-${upheld.id}`), '异议成立')
  await waitForText(page.getByTestId(`objection-result-${dismissed.id}`), '异议不成立')
  await screenshotWithoutToast(page, '12-objections-done')

  // 查询居民积分: 张秀英 (her 5 reversed), +3 with a reason.
  await page.getByTestId('nav-back').click()
  await waitForText(page.getByTestId('admin-objections-pending'), '没有待处理')
  await page.getByTestId('admin-residents').click()
  await page.getByTestId('lookup-page').waitFor()
  await page.getByTestId('lookup-search').locator('input').fill('张秀英')
  await page.getByTestId('lookup-resident-demo-r-resident').click()
  await page.getByTestId('lookup-detail').waitFor()
  await waitForText(page.getByTestId('lookup-balance').getByTestId('balance-available'), '0')
  await page.getByTestId('adjust-open').click()
  await page.getByTestId('adjust-add').click()
  await page.getByTestId('adjust-amount').locator('input').fill('3')
  await page.getByTestId('adjust-reason').locator('textarea').fill('帮助孤寡老人打扫卫生，补记积分')
  await page.getByTestId('adjust-form').scrollIntoViewIfNeeded()
  await screenshot(page, SUITE, '13-adjust-form')
  await page.getByTestId('adjust-submit').click()
  await waitForText(page.getByTestId('adjust-done'), '现在可用积分：3 分')
  await waitForText(page.getByTestId('lookup-balance').getByTestId('balance-available'), '3')
  await screenshotWithoutToast(page, '14-adjusted', page.getByTestId('adjust-done'))

  // 操作日志: the close, the two resolutions, the confirmation and the adjustment, in words.
  await page.getByTestId('nav-back').click()
  await page.getByTestId('admin-home').waitFor()
  await page.getByTestId('admin-audit').click()
  await page.getByTestId('audit-list').waitFor()
  await expect(page.locator('[data-action="governance.closeMonth"]').first().textContent()).resolves.toContain('结月')
  await expect(page.locator('[data-action="governance.resolve"]').count()).resolves.toBe(2)
  await page.locator('[data-action="governance.confirm"]').first().waitFor()
  const adjusted = page.locator('[data-action="points.adjust"]').first()
  await expect(adjusted.textContent()).resolves.toContain('周海燕')
  await expect(page.getByTestId('audit-list').textContent()).resolves.not.toMatch(/demo-/)
  await screenshotWithoutToast(page, '15-audit')
  await adjusted.click()
  await adjusted.locator('[data-testid^="audit-detail-"]').waitFor()
  await screenshotWithoutToast(page, '16-audit-detail', adjusted)
})
