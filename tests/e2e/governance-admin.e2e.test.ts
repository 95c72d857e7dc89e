/**
 * The community office's side of 一月一审核一公示, in Chromium on the h5 build. This month 张秀英 got 5 points from the
 * office (an adjustment) and 李明 5 for mediating a quarrel (a claim passed by the head and the grid worker). Then the
 * clock — the functions' and the browser's — moves to the 3rd of next month. 周海燕 sees on 社区管理 that last month
 * waits to be closed, closes it in 结月与公示 (after reading what closing means) and checks its digest. 李明 objects
 * to 张秀英's entry; the office upholds the objection in 异议处理 with a note, and the board shows the entry reversed.
 * In 社区设置 she switches to 按月公示后到账; 操作日志 lists the close and the objection's resolution; 数据看板 draws
 * the month's points; a grid worker's red-list proposal is confirmed in 红黑榜; 张秀英 is marked a party member in
 * 党员积分档案. Screenshots in test-results/governance-admin/.
 */
import { monthKey, periodRange } from '@core/period'
import { phonePage } from '../support/browser'
import { ok } from '../support/cloud'
import { useE2E, waitForText } from '../support/e2e'

const SUITE = 'governance-admin'
const DAY = 86_400_000
const { cloud, browser, signIn, visit, screenshotWithoutToast } = useE2E(SUITE)

/** The month the entries fall in (now), and the moved clock: the 3rd of the month after, 10:00 in Beijing. */
const month = monthKey(new Date())
const moved = periodRange(month).end.getTime() + 2 * DAY + 10 * 3600_000
const offset = moved - Date.now()
const year = month.slice(0, 4)

interface Board {
  status: string
  items: { entryId: string; name: string; points: number; kind: string; reversed?: boolean }[]
}

test('the office closes last month, upholds an objection, switches to monthly settlement, reads the log and the dashboard', async () => {
  // This month: 5 points to 张秀英 from the office, 5 to 李明 for a claim passed at both steps.
  await ok(cloud.api('points', 'adjust', { residentId: 'demo-r-resident', delta: 5, reason: '社区活动奖励', requestId: 'gov-admin-e2e-adjust' }, 'demo-admin'), '积分调整')
  const { claim } = await ok(
    cloud.api(
      'claims',
      'submit',
      { ruleId: 'rule-mediate', occurredAt: new Date(Date.now() - 3600_000).toISOString(), place: '莲花新区1排3号院', description: '调解两户邻居因停车发生的争执', photos: [], requestId: 'gov-admin-e2e-claim' },
      'demo-resident-2',
    ),
    '申报',
  )
  await ok(cloud.api('claims', 'review', { claimId: claim.id, decision: 'pass' }, 'demo-head'), '初审')
  await ok(cloud.api('claims', 'review', { claimId: claim.id, decision: 'pass' }, 'demo-grid'), '审核')

  await cloud.setClock(offset)
  // 周海燕 on a phone whose clock reads what the functions' clock reads.
  const page = await phonePage(browser)
  await page.clock.install({ time: Date.now() + offset })
  await signIn(page, 'demo-admin')

  // 社区管理: last month waits to be closed.
  await page.getByTestId('home-admin').click()
  await page.getByTestId('admin-home').waitFor()
  const m = month.slice(5)
  await waitForText(page.getByTestId('admin-months-pending'), `${Number(m)}月待结月`)
  await expect(page.getByTestId('admin-objections-pending').textContent()).resolves.toBe('没有待处理')
  await screenshotWithoutToast(page, 'governance-admin-01-admin-home')

  // 结月与公示: the month is over and can be closed; this month cannot yet.
  await page.getByTestId('admin-months').click()
  await page.getByTestId('months-page').waitFor()
  const card = page.getByTestId(`month-${month}`)
  await expect(card.getAttribute('data-status')).resolves.toBe('open')
  await expect(card.textContent()).resolves.toContain('积分记录 2 条')
  // Only months with points or a close record, and the month to close now: this month, still empty, is not listed.
  await expect(page.getByTestId(`month-${monthKey(new Date(moved))}`).count()).resolves.toBe(0)
  await expect(page.locator('.sz-months__card').count()).resolves.toBeLessThan(12)
  await screenshotWithoutToast(page, 'governance-admin-02-months')
  await page.getByTestId(`month-close-${month}`).click()
  const sheet = page.getByTestId('close-sheet')
  await sheet.waitFor()
  await expect(sheet.textContent()).resolves.toContain('公示 7 天')
  await expect(sheet.textContent()).resolves.toContain('结月不能撤销')
  await screenshotWithoutToast(page, 'governance-admin-03-close-sheet')
  await page.getByTestId('close-confirm').click()
  await sheet.waitFor({ state: 'detached' })
  await page.locator(`[data-testid="month-${month}"][data-status="closed"]`).waitFor()
  await waitForText(page.getByTestId(`month-window-${month}`), '公示中')
  const closed = await ok(cloud.api<Board & { digest: string }>('governance', 'publicity', { month }, 'demo-admin'), '公示')
  // The digest as a short 防篡改核对码 (8 characters, grouped); the whole one behind a tap.
  const digest = page.getByTestId(`month-digest-${month}`)
  await expect(digest.textContent()).resolves.toContain(`防篡改核对码 ${closed.digest.slice(0, 4)} ${closed.digest.slice(4, 8)}`)
  await expect(digest.textContent()).resolves.not.toContain(closed.digest)
  await digest.click()
  await waitForText(page.getByTestId(`month-digest-whole-${month}`), closed.digest)
  await screenshotWithoutToast(page, 'governance-admin-04a-month-digest', card)
  await page.getByTestId(`month-verify-${month}`).click()
  await expect(page.getByTestId(`month-verified-${month}`).getAttribute('data-valid')).resolves.toBe('true')
  await screenshotWithoutToast(page, 'governance-admin-04-month-closed', card)

  // 李明 objects to 张秀英's entry on the board.
  const board = await ok(cloud.api('governance', 'publicity', { month }, 'demo-resident-2'), '公示')
  expect(board.status).toBe('closed')
  const entry = board.items.find((i) => i.name === '张*英' && i.points === 5)!
  expect(entry).toBeTruthy()
  const { objection } = await ok(
    cloud.api('governance', 'object', { entryId: entry.entryId, reason: '那天的活动张秀英没有参加，是别人替她签的到', requestId: 'gov-admin-e2e-object' }, 'demo-resident-2'),
    '异议',
  )

  // 异议处理: the office upholds it; a note is required.
  await visit(page, 'pages-admin/objections/index', 'objections-page')
  const row = page.getByTestId(`objection-${objection.id}`)
  await row.waitFor()
  // The office sees whose entry it is in full (the one rule of names, core/visibility), and who objected.
  await expect(row.textContent()).resolves.toContain('张秀英')
  await expect(page.getByTestId(`objection-objector-${objection.id}`).textContent()).resolves.toBe('李明')
  await screenshotWithoutToast(page, 'governance-admin-05-objections')
  await page.getByTestId(`objection-uphold-${objection.id}`).click()
  const resolve = page.getByTestId('resolve-sheet')
  await resolve.waitFor()
  await expect(resolve.textContent()).resolves.toContain('会被冲正')
  await page.getByTestId('resolve-confirm').click()
  await waitForText(resolve, '请选一条处理意见')
  await page.getByTestId('resolve-note').locator('textarea').fill('经核实，当天签到由他人代签，积分冲正')
  await screenshotWithoutToast(page, 'governance-admin-06-resolve-sheet')
  await page.getByTestId('resolve-confirm').click()
  await resolve.waitFor({ state: 'detached' })
  await page.getByTestId('objections-empty').waitFor()
  await page.getByTestId('objections-tabs-done').click()
  await waitForText(page.getByTestId(`objection-result-${objection.id}`), '异议成立')
  await screenshotWithoutToast(page, 'governance-admin-07-objection-upheld')

  // The board shows the entry reversed.
  const after = await ok(cloud.api('governance', 'publicity', { month }, 'demo-resident-2'), '公示')
  expect(after.items.find((i) => i.entryId === entry.entryId)?.reversed).toBe(true)

  // 社区设置: 按月公示后到账.
  await visit(page, 'pages-admin/settings/index', 'settings-page')
  await expect(page.getByTestId('settings-saved-settlement').textContent()).resolves.toBe('即时到账')
  await page.getByTestId('settings-settlement-monthly').click()
  await waitForText(page.getByTestId('settings-unsaved'), '有 1 项修改还没有保存')
  await screenshotWithoutToast(page, 'governance-admin-08-settings-monthly', page.getByTestId('settings-field-settlement'))
  await page.getByTestId('settings-save').click()
  await page.getByTestId('settings-done').waitFor()
  await expect(page.getByTestId('settings-saved-settlement').textContent()).resolves.toBe('按月公示后到账')
  await screenshotWithoutToast(page, 'governance-admin-09-settings-saved', page.getByTestId('settings-saved'))
  const { settings } = await ok(cloud.api('org', 'settings', {}, 'demo-admin'), '设置')
  expect(settings.settlement).toBe('monthly')

  // 操作日志: the close and the resolution, newest first, in words.
  await visit(page, 'pages-admin/audit/index', 'audit-list')
  const closeRow = page.locator('[data-action="governance.closeMonth"]').first()
  const resolveRow = page.locator('[data-action="governance.resolve"]').first()
  await closeRow.waitFor()
  await expect(closeRow.textContent()).resolves.toContain('结月')
  await expect(resolveRow.textContent()).resolves.toContain('处理异议')
  await expect(resolveRow.textContent()).resolves.toContain('状态：调查中 → 异议成立')
  await expect(page.locator('[data-action="org.updateSettings"]').first().textContent()).resolves.toContain('积分到账：即时到账 → 按月公示后到账')
  await screenshotWithoutToast(page, 'governance-admin-10-audit')
  // Nobody reads an openid or an internal key in the log: the operator by name, ids as what they are.
  const listText = (await page.getByTestId('audit-list').textContent()) ?? ''
  expect(listText).not.toMatch(/demo-|reversal:|reviewedBy|createdAt/)
  // Searched by 经办人's name: the office's own acts, opened to its before and after as 字段：值 lines.
  await page.getByTestId('audit-operator').locator('input').fill('周海燕')
  await page.getByTestId('audit-search').click()
  await resolveRow.waitFor()
  await expect(resolveRow.textContent()).resolves.toContain('周海燕')
  await resolveRow.click()
  const detail = resolveRow.locator('[data-testid^="audit-detail-"]')
  await detail.waitFor()
  const detailText = (await detail.textContent()) ?? ''
  expect(detailText).toContain('状态：异议成立')
  expect(detailText).toContain('冲正记录：积分记录')
  expect(detailText).not.toMatch(/demo-|reversal:|objection:|[{}"]|requestId/)
  await screenshotWithoutToast(page, 'governance-admin-11-audit-detail', resolveRow)

  // 数据看板: the month's points (李明's 5; 张秀英's 5 reversed), by category and courtyard; the year's honours.
  await visit(page, `pages-admin/dashboard/index?year=${year}`, 'dashboard-months')
  await expect(page.getByTestId(`dashboard-month-${month}`).getAttribute('data-points')).resolves.toBe('5')
  await waitForText(page.getByTestId('dashboard-category-cat-safety'), '5 分')
  await waitForText(page.getByTestId('dashboard-courtyard-demo-courtyard-1'), '户')
  await waitForText(page.getByTestId('dashboard-champion-1'), '李明')
  await screenshotWithoutToast(page, 'governance-admin-12-dashboard')
  await screenshotWithoutToast(page, 'governance-admin-13-dashboard-honours', page.getByTestId('dashboard-honours'))

  // 红黑榜: the grid worker proposes 李明 for the red list; the office confirms it after reading what it does.
  await ok(cloud.api('governance', 'propose', { list: 'red', residentId: 'demo-r-resident-2', reason: '热心调解邻里纠纷，化解矛盾', points: 2, requestId: 'gov-admin-e2e-red' }, 'demo-grid'), '提名')
  await visit(page, 'pages-admin/lists/index', 'admin-lists-page')
  const proposal = page.locator('[data-testid^="listing-"][data-status="proposed"]').first()
  await proposal.waitFor()
  await expect(proposal.textContent()).resolves.toContain('奖 2 分')
  await screenshotWithoutToast(page, 'governance-admin-14-lists-proposed')
  await proposal.locator('[data-testid^="listing-confirm-"]').click()
  await page.locator('.taro-modal__content').waitFor()
  await page.locator('.taro-modal__foot .taro-model__confirm').click()
  await page.getByTestId('admin-lists-empty').waitFor()
  await page.getByTestId('admin-lists-tabs-red').click()
  await waitForText(page.locator('[data-testid^="listing-"][data-status="confirmed"]').first(), '李明')

  // 党员积分档案: 张秀英 is marked a party member with her unit.
  await visit(page, 'pages-admin/party/index', 'party-empty')
  await page.getByTestId('party-mark').click()
  await page.getByTestId('party-search').locator('input').fill('张秀英')
  await page.getByTestId('party-person-demo-r-resident').click()
  await page.getByTestId('party-unit').locator('input').fill('市人民医院')
  await screenshotWithoutToast(page, 'governance-admin-15-party-mark')
  await page.getByTestId('party-confirm').click()
  await page.getByTestId('party-row-demo-r-resident').waitFor()
  await expect(page.getByTestId('party-row-demo-r-resident').textContent()).resolves.toContain('市人民医院')
  await page.getByTestId('party-export').click()
  await page.getByTestId('party-export-download').waitFor()
  await screenshotWithoutToast(page, 'governance-admin-16-party')

  await cloud.setClock(0)
})
