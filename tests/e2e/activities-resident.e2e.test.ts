/**
 * 活动 for a resident (issue 13), in Chromium on the h5 build: the office publishes an activity two days ahead; 张秀英
 * opens 活动 from 首页, signs up (已报名), cancels after a confirm, signs up again; typing the organiser's check-in code
 * now says 不在签到时间; ten minutes before the start (the functions' clock and the phone's) the same kind of code says
 * 签到成功; after the office finishes it, the activity says the points were given and 首页's balance moved.
 * Screenshots in test-results/activities-resident/.
 */
import { formatPoints } from '@core/points'
import { screenshot } from '../support/browser'
import { ok } from '../support/cloud'
import { text, useE2E, waitForText } from '../support/e2e'

const SUITE = 'activities-resident'
const { cloud, phoneAs, visit, screenshotWithoutToast } = useE2E(SUITE)

const TITLE = '楼道杂物清理'
const HOUR = 3_600_000

interface Balance {
  available: number
  pending: number
}

test('a resident signs up, cancels, signs up again, checks in with the typed code and sees the points after finish', async () => {
  const start = Date.now() + 48 * HOUR
  const input = {
    title: TITLE,
    description: '清理各楼道堆放的杂物，社区准备手套和垃圾袋。',
    place: '莲花新区活动室门口',
    startAt: new Date(start).toISOString(),
    endAt: new Date(start + 2 * HOUR).toISOString(),
    capacity: 5,
    points: 3,
    requestId: 'activities-resident-e2e',
  }
  const { activity } = await ok(cloud.api<{ activity: { id: string } }>('activities', 'save', input, 'demo-admin'), '发布活动')
  const before = await ok(cloud.api<Balance>('points', 'balance', {}, 'demo-resident'), '积分')

  // 首页 → 全部活动 → the activity.
  const page = await phoneAs('demo-resident')
  await visit(page, 'pages/index/index', 'home-activities')
  await expect(text(page.getByTestId('home-activities'))).resolves.toContain(TITLE)
  await screenshotWithoutToast(page, '01-home-activities', page.getByTestId('home-activities'))
  await page.getByTestId('home-activities-all').click()
  await page.getByTestId('activities-list').waitFor()
  const card = page.getByTestId('activities-list').locator('[data-testid^="activity-"]', { hasText: TITLE })
  await expect(text(card)).resolves.toContain('名额剩 5 个')
  await screenshot(page, SUITE, '02-list')
  await card.click()
  await page.getByTestId('activity-detail').waitFor()
  await waitForText(page.getByTestId('activity-status'), '可以报名')

  // 报名 → 已报名; 取消报名 asks first; 报名 again.
  await page.getByTestId('activity-signup').click()
  await waitForText(page.getByTestId('activity-status'), '已报名')
  await waitForText(page.getByTestId('activity-places'), '还剩 4 个')
  await screenshotWithoutToast(page, '03-signed-up')
  await page.getByTestId('activity-cancel').click()
  await page.getByTestId('cancel-sheet').waitFor()
  await screenshot(page, SUITE, '04-cancel-sheet')
  await page.getByTestId('cancel-confirm').click()
  await waitForText(page.getByTestId('activity-status'), '可以报名')
  await waitForText(page.getByTestId('activity-places'), '还剩 5 个')
  await page.getByTestId('activity-signup').click()
  await waitForText(page.getByTestId('activity-status'), '已报名')
  const got = await ok(cloud.api<{ signedUp: boolean }>('activities', 'get', { activityId: activity.id }, 'demo-resident'), '活动')
  expect(got.signedUp).toBe(true)

  // Two days early, a fresh code is refused in big words: 不在签到时间.
  const early = await ok(cloud.api<{ code: string }>('activities', 'checkinCode', { activityId: activity.id }, 'demo-admin'), '签到码')
  await page.getByTestId('checkin-code-input').locator('input').fill(early.code)
  await page.getByTestId('checkin-code-submit').click()
  await waitForText(page.getByTestId('checkin-result'), '不在签到时间')
  await screenshotWithoutToast(page, '05-checkin-too-early', page.getByTestId('checkin'))
  await page.context().close()

  // Ten minutes before the start, on the functions' clock and the phone's: 签到成功.
  const offset = start - 10 * 60_000 - Date.now()
  await cloud.setClock(offset)
  const onSite = await phoneAs('demo-resident')
  await onSite.clock.install({ time: Date.now() + offset })
  await visit(onSite, `pages-activity/detail/index?id=${encodeURIComponent(activity.id)}`, 'checkin')
  const { code } = await ok(cloud.api<{ code: string }>('activities', 'checkinCode', { activityId: activity.id }, 'demo-admin'), '签到码')
  await onSite.getByTestId('checkin-code-input').locator('input').fill(code)
  await screenshotWithoutToast(onSite, '06-code-typed', onSite.getByTestId('checkin'))
  await onSite.getByTestId('checkin-code-submit').click()
  await waitForText(onSite.getByTestId('checkin-result'), '签到成功')
  await screenshotWithoutToast(onSite, '07-checked-in', onSite.getByTestId('checkin'))
  await waitForText(onSite.getByTestId('activity-status'), '已签到')
  await onSite.context().close()

  // The office finishes it after the start; the activity says the points were given, and 首页 shows them.
  const later = start + 30 * 60_000 - Date.now()
  await cloud.setClock(later)
  const { awarded } = await ok(cloud.api<{ awarded: number }>('activities', 'finish', { activityId: activity.id }, 'demo-admin'), '结束活动')
  expect(awarded).toBe(1)
  const after = await ok(cloud.api<Balance>('points', 'balance', {}, 'demo-resident'), '积分')
  expect(after.available + after.pending).toBeCloseTo(before.available + before.pending + 3)
  const home = await phoneAs('demo-resident')
  await home.clock.install({ time: Date.now() + later })
  await visit(home, `pages-activity/detail/index?id=${encodeURIComponent(activity.id)}`, 'activity-awarded')
  await waitForText(home.getByTestId('activity-status'), '已结束，积分已发放')
  await expect(text(home.getByTestId('activity-awarded'))).resolves.toContain('+3 分')
  // The demo community settles at once: no 公示后可用 (that is said only where the credit waits for the publicity).
  await expect(text(home.getByTestId('activity-awarded'))).resolves.not.toContain('公示后可用')
  await screenshot(home, SUITE, '08-awarded')
  await visit(home, 'pages/index/index', 'balance-card')
  // Credited at once, or 公示后可用 under monthly settlement: the number that moved is on 首页.
  const moved = after.pending > before.pending ? 'balance-pending' : 'balance-available'
  await waitForText(home.getByTestId(moved), formatPoints(moved === 'balance-pending' ? after.pending : after.available))
  await screenshotWithoutToast(home, '09-home-balance', home.getByTestId('balance-card'))
  await cloud.setClock(0)
})

test('a resident opens 志愿队 from 我的, joins a team and leaves it again', async () => {
  await ok(cloud.api('activities', 'saveTeam', { name: '文明督导队', description: '劝导乱停车、乱扔垃圾。', leaderId: 'demo-r-resident-2', requestId: 'activities-resident-team' }, 'demo-admin'), '志愿队')
  const page = await phoneAs('demo-resident')
  await visit(page, 'pages/me/index', 'me-teams')
  await page.getByTestId('me-teams').click()
  const card = page.getByTestId('teams-list').locator('[data-testid^="team-"]', { hasText: '文明督导队' }).first()
  await expect(text(card)).resolves.toContain('1 名队员')
  await card.locator('[data-testid$="-join"]').click()
  await waitForText(card, '2 名队员')
  await waitForText(card, '已加入')
  await screenshotWithoutToast(page, '10-team-joined')
  await card.locator('[data-testid$="-leave"]').click()
  await waitForText(card, '1 名队员')
  const { items } = await ok(cloud.api<{ items: { name: string; joined: boolean }[] }>('activities', 'teams', {}, 'demo-resident'), '志愿队')
  expect(items.find((t) => t.name === '文明督导队')?.joined).toBe(false)
})
