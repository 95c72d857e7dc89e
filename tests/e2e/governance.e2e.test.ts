/**
 * 公示与监督, in Chromium on the h5 build. 张秀英 earns a point (a claim passed by the head and the grid worker); the
 * functions' clock moves into the next month and the office closes the month. 李明 opens the board of that month,
 * sees the entry with the name masked (张*英), objects to it, and follows the objection in 我的异议 (调查中). The office
 * upholds it (on its own objections page): the board shows the entry struck through as 已撤销, 张秀英's balance is one
 * less, and 校验 still finds the published month unchanged. Then the red and black lists (a black-list entry with its
 * end date, and the suspension notice in 李明's shop), the grid worker's nomination and hygiene inspection, and the
 * A4 print view. Screenshots in test-results/governance/.
 */
import path from 'node:path'
import { monthKey, previousMonth } from '@core/period'
import { screenshot } from '../support/browser'
import { buildClaim, photoBytes, upload } from '../support/claims'
import { ok } from '../support/cloud'
import { text, useE2E, waitForText } from '../support/e2e'
import { availablePoints } from '../support/shop'

const SUITE = 'governance'
const DAY = 86_400_000
const BEIJING = 8 * 3600_000
const { cloud, phoneAs } = useE2E(SUITE)
/** The month the entries were made in (Beijing time, real clock), closed once the clock has moved past it. */
let month: string
let digest: string

test('李明 objects to 张秀英’s entry on the closed month’s board; upheld, it shows 已撤销, her balance drops, and 防篡改核对 still passes', async () => {
  // 张秀英 earns 1 point for 清扫院落及门前卫生: a claim with a photo, passed by the head and the grid worker.
  const photo = await upload(cloud, 'demo-resident', photoBytes(31))
  const { claim } = await ok(cloud.api<{ claim: { id: string } }>('claims', 'submit', buildClaim({ photos: [photo] }), 'demo-resident'))
  await ok(cloud.api('claims', 'review', { claimId: claim.id, decision: 'pass' }, 'demo-head'))
  await ok(cloud.api('claims', 'review', { claimId: claim.id, decision: 'pass' }, 'demo-grid'))
  // And the office rewards 王建国 (another line on the board).
  await ok(cloud.api('points', 'adjust', { residentId: 'demo-r-head', delta: 2, reason: '组织院落义务劳动', requestId: 'gov-e2e-adjust-1' }, 'demo-admin'))
  const before = await availablePoints(cloud, 'demo-resident')
  expect(before).toBe(1)

  // The functions' clock moves to the 3rd of next month (Beijing); seen from there, last month is the month of the entries.
  const now = Date.now()
  month = monthKey(now)
  const [y, m] = month.split('-').map(Number)
  const nextStart = Date.UTC(m === 12 ? y + 1 : y, m === 12 ? 0 : m, 1) - BEIJING
  const offset = nextStart + 2 * DAY + 10 * 3600_000 - now
  await cloud.setClock(offset)
  expect(previousMonth(monthKey(Date.now() + offset))).toBe(month)
  const closed = await ok(cloud.api('governance', 'closeMonth', { month: previousMonth(monthKey(Date.now() + offset)) }, 'demo-admin'))
  digest = closed.digest
  expect(closed.entryCount).toBeGreaterThanOrEqual(2)

  // 李明 opens the board of that month: 公示中, the entry with 张秀英's name masked.
  const page = await phoneAs('demo-resident-2')
  await page.goto(`${cloud.url}/#/pages-governance/publicity/index?month=${month}`)
  await page.getByTestId('publicity-status').waitFor()
  await expect(page.getByTestId('publicity-status').getAttribute('data-status')).resolves.toBe('closed')
  await expect(text(page.getByTestId('publicity-status'))).resolves.toContain('公示中')
  await expect(text(page.getByTestId('publicity-month'))).resolves.toContain(`${month.slice(0, 4)}年${Number(month.slice(5))}月`)
  const entry = page.getByTestId('publicity-item').filter({ hasText: '清扫院落及门前卫生' })
  await entry.waitFor()
  await expect(text(entry)).resolves.toContain('张*英')
  await expect(text(entry)).resolves.toContain('莲花新区1排3号院')
  await expect(text(entry.getByTestId('publicity-points'))).resolves.toBe('+1')
  await expect(page.getByTestId('publicity-item').filter({ hasText: '组织院落义务劳动' }).textContent()).resolves.toContain('王*国')
  // Nobody's full name anywhere on the board, rankings included.
  const board = (await page.getByTestId('publicity-page').textContent()) ?? ''
  expect(board).not.toContain('张秀英')
  expect(board).not.toContain('王建国')
  await expect(text(page.getByTestId('publicity-rankings'))).resolves.toContain('莲花新区1排3号院')
  await expect(text(page.getByTestId('ranking-residents'))).resolves.toContain('张*英')
  await page.getByTestId('verify-button').click()
  await waitForText(page.getByTestId('verify-result'), '公示数据完整，未被改动')
  await screenshot(page, SUITE, '01-board')

  // 提出异议: the entry, a reason too short (refused next to the field), then a real one.
  const entryId = (await entry.getAttribute('data-entry-id'))!
  await entry.getByTestId('object-link').click()
  await page.getByTestId('objection-form').waitFor()
  await expect(text(page.getByTestId('objection-entry'))).resolves.toContain('张*英')
  await expect(text(page.getByTestId('objection-entry'))).resolves.toContain('清扫院落及门前卫生')
  await page.getByTestId('objection-reason').locator('textarea').fill('不对')
  await page.getByTestId('objection-submit').click()
  await waitForText(page.getByTestId('objection-field-reason'), '至少 5 个字')
  await page.getByTestId('objection-reason').locator('textarea').fill('那天我一直在院里，没有看到有人打扫门前')
  await screenshot(page, SUITE, '02-objection-form')
  await page.getByTestId('objection-submit').click()

  // 我的异议: 调查中.
  await page.getByTestId('my-objections').waitFor()
  const mine = page.getByTestId('objection-row')
  await expect(mine.count()).resolves.toBe(1)
  await expect(mine.getAttribute('data-status')).resolves.toBe('open')
  await expect(text(mine.getByTestId('objection-status'))).resolves.toBe('调查中')
  await expect(text(mine)).resolves.toContain('那天我一直在院里')
  await screenshot(page, SUITE, '03-my-objections-open')

  // The office upholds it on its objections page.
  const objectionId = (await mine.getAttribute('data-objection-id'))!
  const admin = await phoneAs('demo-admin')
  await admin.goto(`${cloud.url}/#/pages-admin/objections/index`)
  await admin.getByTestId(`objection-${objectionId}`).waitFor()
  await expect(text(admin.getByTestId(`objection-objector-${objectionId}`))).resolves.toBe('李明')
  await admin.getByTestId(`objection-uphold-${objectionId}`).click()
  await admin.getByTestId('resolve-sheet').waitFor()
  await admin.getByTestId('resolve-note').locator('textarea').fill('经核实，当天没有打扫门前')
  await admin.getByTestId('resolve-confirm').click()
  await admin.getByTestId('resolve-sheet').waitFor({ state: 'detached' })
  const resolved = await ok(cloud.api('governance', 'objections', { status: 'upheld' }, 'demo-admin'))
  expect(resolved.items.map((o) => [o.id, o.entryId])).toEqual([[objectionId, entryId]])
  await admin.context().close()

  // 李明 sees the outcome and the office's note.
  await page.reload()
  await page.getByTestId('my-objections').waitFor()
  await waitForText(page.getByTestId('objection-status'), '异议成立')
  await expect(text(page.getByTestId('objection-note'))).resolves.toContain('经核实，当天没有打扫门前')
  await screenshot(page, SUITE, '04-my-objections-upheld')

  // The board: the entry struck through as 已撤销, no more 提出异议 on it; the published month still verifies.
  await page.goto(`${cloud.url}/#/pages-governance/publicity/index?month=${month}`)
  const reversed = page.locator(`[data-testid="publicity-item"][data-entry-id="${entryId}"]`)
  await reversed.waitFor()
  await page.reload()
  await reversed.waitFor()
  await expect(reversed.getAttribute('data-reversed')).resolves.toBe('true')
  await expect(text(reversed.getByTestId('publicity-reversed'))).resolves.toBe('已撤销')
  await expect(reversed.getByTestId('object-link').count()).resolves.toBe(0)
  await expect(reversed.locator('.sz-board__points--void').count()).resolves.toBe(1)
  await page.getByTestId('verify-button').click()
  await waitForText(page.getByTestId('verify-result'), '公示数据完整，未被改动')
  await expect(page.getByTestId('verify-result').getAttribute('data-valid')).resolves.toBe('true')
  // Struck out after the board went up: 已更正 on the month and on the entry, in words.
  await expect(reversed.getAttribute('data-corrected')).resolves.toBe('true')
  await expect(text(page.getByTestId('publicity-corrected'))).resolves.toContain('已更正')
  await expect(text(page.getByTestId('ranking-intro'))).resolves.toContain('已按更正以后的分数')
  await reversed.scrollIntoViewIfNeeded()
  await screenshot(page, SUITE, '05-board-reversed')
  await page.context().close()

  // 积分排行 on the 3rd of next month (the phone's clock too): nobody has scored yet this month, so it shows 上月 —
  // the corrected scores, as on the board: 张秀英's struck-out point no longer counts.
  const ranks = await phoneAs('demo-resident-2')
  await ranks.clock.setFixedTime(new Date(nextStart + 2 * DAY + 10 * 3600_000))
  await ranks.goto(`${cloud.url}/#/pages-resident/leaderboard/index`)
  await ranks.getByTestId('rank-turned').waitFor()
  await expect(ranks.getByTestId('rank-period-lastMonth').getAttribute('data-active')).resolves.toBe('true')
  await expect(text(ranks.getByTestId('rank-period-name'))).resolves.toContain(`${y}年${m}月`)
  await ranks.getByTestId('rank-demo-r-head').waitFor()
  await expect(text(ranks.getByTestId('rank-demo-r-head'))).resolves.toContain('2 分')
  if (await ranks.getByTestId('rank-demo-r-resident').count()) await expect(text(ranks.getByTestId('rank-demo-r-resident'))).resolves.toContain('0 分')
  await screenshot(ranks, SUITE, '05b-leaderboard-last-month')
  // 本月 is there to pick (empty so far), and 今年.
  await ranks.getByTestId('rank-period-month').click()
  await ranks.getByTestId('leaderboard-empty').waitFor()
  await expect(ranks.getByTestId('rank-turned').count()).resolves.toBe(0)
  await ranks.getByTestId('rank-period-year').click()
  await expect(ranks.getByTestId('rank-period-year').getAttribute('data-active')).resolves.toBe('true')
  await ranks.context().close()

  // 张秀英's points page: one point less.
  expect(await availablePoints(cloud, 'demo-resident')).toBe(before - 1)
  const her = await phoneAs('demo-resident')
  await her.goto(`${cloud.url}/#/pages-resident/points/index`)
  await her.getByTestId('ledger-list').waitFor()
  await expect(text(her.getByTestId('balance-available'))).resolves.toBe(String(before - 1))
  await expect(text(her.getByTestId('ledger-list'))).resolves.toContain('异议成立')
  await screenshot(her, SUITE, '06-points-after')
  await her.context().close()
})

test('the red and black lists: a black-list entry with its end date, and the suspension in 李明’s shop', async () => {
  const black = await ok(
    cloud.api<{ listing: { status: string; until: string } }>(
      'governance',
      'propose',
      { list: 'black', residentId: 'demo-r-resident-2', reason: '多次在楼道堆放杂物，劝说后仍不清理', points: 2 },
      'demo-admin',
    ),
  )
  expect(black.listing.status).toBe('confirmed')
  await ok(cloud.api('governance', 'propose', { list: 'red', residentId: 'demo-r-resident', reason: '常年照顾院里的独居老人', points: 1 }, 'demo-admin'))
  const until = new Date(new Date(black.listing.until).getTime() + BEIJING).toISOString().slice(0, 10)

  const page = await phoneAs('demo-resident-2')
  await page.goto(`${cloud.url}/#/pages-governance/lists/index`)
  await page.getByTestId('listing-list').waitFor()
  // A resident sees the two lists only, and no 提名.
  await expect(page.getByTestId('list-tab-proposed').count()).resolves.toBe(0)
  await expect(page.getByTestId('propose-button').count()).resolves.toBe(0)
  const red = page.getByTestId('listing-row').first()
  await expect(text(red.getByTestId('listing-name'))).resolves.toBe('张*英')
  await expect(text(red.getByTestId('listing-points'))).resolves.toBe('+1 分')
  await page.getByTestId('list-tab-black').click()
  const row = page.locator('[data-testid="listing-row"][data-list="black"]')
  await row.waitFor()
  // His own name, in full: a resident always sees his own (core/visibility).
  await expect(text(row.getByTestId('listing-name'))).resolves.toBe('李明')
  // What was actually deducted (he had no points), not the 2 asked for (issue 12: the board showed -2 while the ledger had 0).
  await expect(text(row.getByTestId('listing-points'))).resolves.toBe('0 分')
  await expect(text(row.getByTestId('listing-asked'))).resolves.toContain('应扣 2 分')
  await expect(text(row)).resolves.toContain('多次在楼道堆放杂物')
  await expect(text(row.getByTestId('listing-until'))).resolves.toBe(`暂停兑换和评比至 ${until}`)
  await screenshot(page, SUITE, '07-black-list')

  // 兑换: the notice says so, and until when.
  await page.goto(`${cloud.url}/#/pages/shop/index`)
  await page.getByTestId('shop-suspended').waitFor()
  await expect(text(page.getByTestId('shop-suspended'))).resolves.toContain('您的积分兑换已暂停，到')
  await expect(text(page.getByTestId('shop-suspended'))).resolves.toContain('恢复')
  await screenshot(page, SUITE, '08-shop-suspended')

  // 首页 and 我的: the community notice with the red list, and the doors to the board, the lists and my objections.
  await page.goto(`${cloud.url}/#/pages/index/index`)
  await page.getByTestId('home-notice').waitFor()
  await waitForText(page.getByTestId('home-notice-red'), '张*英')
  await page.getByTestId('home-notice').scrollIntoViewIfNeeded()
  await screenshot(page, SUITE, '09-home-notice')
  await page.getByTestId('home-notice-lists').click()
  await page.getByTestId('lists-page').waitFor()
  await page.goto(`${cloud.url}/#/pages/me/index`)
  await page.getByTestId('me-publicity').waitFor()
  await expect(page.getByTestId('me-lists').count()).resolves.toBe(1)
  await page.getByTestId('me-my-objections').click()
  await page.getByTestId('my-objections').waitFor()
  await page.context().close()
})

test('the grid worker nominates 刘福贵 for the red list (waits for the office) and scores a courtyard’s hygiene', async () => {
  const page = await phoneAs('demo-grid')
  await page.goto(`${cloud.url}/#/pages/index/index`)
  await page.getByTestId('home-propose').click()
  await page.getByTestId('propose-form').waitFor()
  await expect(text(page.getByTestId('propose-who-decides'))).resolves.toContain('确认后才公布')
  // Nothing chosen: each field says what it lacks.
  await page.getByTestId('propose-submit').click()
  await waitForText(page.getByTestId('propose-field-list'), '请选红榜或黑榜')
  await expect(text(page.getByTestId('propose-field-who'))).resolves.toContain('请选一位居民')
  await page.getByTestId('propose-list-red').click()
  await page.getByTestId('propose-search').locator('input').fill('刘')
  await page.getByTestId('propose-person-demo-r-liu').click()
  await expect(text(page.getByTestId('propose-chosen'))).resolves.toBe('刘福贵')
  await page.getByTestId('propose-reason').locator('textarea').fill('八十岁还每天清扫院门口')
  await page.getByTestId('propose-points').locator('input').fill('1')
  await screenshot(page, SUITE, '10-propose-form')
  await page.getByTestId('propose-submit').click()
  await page.getByTestId('propose-done').waitFor()
  await expect(text(page.getByTestId('propose-done'))).resolves.toContain('等社区工作小组确认')
  await page.getByTestId('propose-to-lists').click()
  await page.getByTestId('lists-page').waitFor()
  await page.getByTestId('list-tab-proposed').click()
  const proposed = page.getByTestId('listing-row').filter({ hasText: '刘福贵' })
  await proposed.waitFor()
  await expect(text(proposed)).resolves.toContain('红榜提名')
  await expect(text(proposed)).resolves.toContain('等待社区工作小组确认')
  await screenshot(page, SUITE, '11-lists-proposed')

  // 卫生检查: courtyard 1 of this month, item by item; the total is their sum, and the ranking shows it.
  await page.goto(`${cloud.url}/#/pages/index/index`)
  await page.getByTestId('home-inspect').click()
  await page.getByTestId('inspect-page').waitFor()
  await page.getByTestId('inspect-courtyard-demo-courtyard-1').click()
  await page.getByTestId('inspect-sheet').waitFor()
  for (const i of [0, 1, 3, 4]) await page.getByTestId(`inspect-full-${i}`).click()
  await page.getByTestId('inspect-score-2').locator('input').fill('12')
  await waitForText(page.getByTestId('inspect-total'), '92')
  await page.getByTestId('inspect-notes').locator('textarea').fill('西墙根有杂物堆放，已提醒清理')
  await screenshot(page, SUITE, '12-inspect-form')
  await page.getByTestId('inspect-submit').click()
  await waitForText(page.getByTestId('inspect-saved'), '已记录：莲花新区1排3号院 92 分')
  const ranked = page.getByTestId('inspection-demo-courtyard-1')
  await ranked.waitFor()
  await expect(text(ranked)).resolves.toContain('92 分')
  await expect(text(ranked)).resolves.toContain('西墙根有杂物堆放')
  await waitForText(page.getByTestId('inspect-courtyard-demo-courtyard-1'), '已检查')
  await screenshot(page, SUITE, '13-inspect-saved')
  // 修改分数: the sheet comes back with the recorded scores, and says a new submit replaces them.
  await page.getByTestId('inspect-edit').click()
  await page.getByTestId('inspect-existing').waitFor()
  await expect(page.getByTestId('inspect-score-2').locator('input').inputValue()).resolves.toBe('12')
  await expect(text(page.getByTestId('inspect-total'))).resolves.toContain('92')
  await page.context().close()
})

test('the print view: the whole board as a table, the digest as 防篡改核对码, blanks for the phone and contact', async () => {
  const page = await phoneAs('demo-admin')
  await page.goto(`${cloud.url}/#/pages-governance/publicity/index?month=${month}`)
  // The month after it is still open: no digest yet, and 校验 says so plainly.
  const [y, m] = month.split('-').map(Number)
  const following = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`
  await page.goto(`${cloud.url}/#/pages-governance/publicity/index?month=${following}`)
  await page.locator('[data-testid="publicity-status"][data-status="open"]').waitFor()
  await expect(text(page.getByTestId('publicity-status'))).resolves.toContain('还没有结月')
  await page.getByTestId('verify-button').click()
  await waitForText(page.getByTestId('verify-result'), '还没有结月，结月以后才能做防篡改核对')
  await expect(page.getByTestId('object-link').count()).resolves.toBe(0)

  await page.goto(`${cloud.url}/#/pages-governance/publicity/index?month=${month}`)
  await page.getByTestId('print-link').click()
  await page.getByTestId('print-table').waitFor()
  await expect(text(page.getByTestId('print-title'))).resolves.toBe(`昌宁社区 ${month.slice(0, 4)}年${Number(month.slice(5))}月 积分公示`)
  await expect(text(page.getByTestId('print-status'))).resolves.toContain('公示中')
  await expect(page.getByTestId('print-row').count()).resolves.toBeGreaterThanOrEqual(2)
  await expect(text(page.getByTestId('print-row').filter({ hasText: '清扫院落及门前卫生' }))).resolves.toContain('已撤销')
  // One number: the print's total is its courtyard ranking's total (the correction counted), and it says 已更正.
  await expect(text(page.getByTestId('print-corrected'))).resolves.toContain('已更正')
  const published = await ok(cloud.api('governance', 'publicity', { month }, 'demo-admin'))
  const rankingTotal = published.rankings!.courtyard.reduce((n, c) => n + Math.round(c.score * 10), 0)
  expect(published.items.reduce((n, i) => n + Math.round(i.points * 10), 0)).toBe(rankingTotal)
  await expect(text(page.getByTestId('print-total'))).resolves.toContain(`合计 ${rankingTotal > 0 ? '+' : ''}${rankingTotal / 10} 分`)
  await expect(text(page.getByTestId('print-row').filter({ hasText: '组织院落义务劳动' }))).resolves.toContain('调整')
  await expect(text(page.getByTestId('print-digest'))).resolves.toBe(`防篡改核对码：${digest}`)
  await expect(text(page.getByTestId('print-foot'))).resolves.toContain('异议电话')
  await expect(page.getByTestId('print-button').count()).resolves.toBe(1)
  await screenshot(page, SUITE, '14-print')

  // On paper: A4, the button gone.
  await page.setViewportSize({ width: 794, height: 1123 })
  await page.emulateMedia({ media: 'print' })
  await expect(page.getByTestId('print-button').isVisible()).resolves.toBe(false)
  // The table fits the paper: nothing of it runs off the sheet's right edge.
  const sheet = (await page.getByTestId('print-sheet').boundingBox())!
  const table = (await page.getByTestId('print-table').boundingBox())!
  expect(table.x + table.width).toBeLessThanOrEqual(sheet.x + sheet.width + 0.5)
  expect(table.x + table.width).toBeLessThanOrEqual(794)
  await screenshot(page, SUITE, '15-print-paper')
  await page.pdf({ path: path.join(__dirname, '../../test-results', SUITE, '15-print-paper.pdf'), format: 'A4', printBackground: true })
  await page.context().close()
  await cloud.setClock(0)
})
