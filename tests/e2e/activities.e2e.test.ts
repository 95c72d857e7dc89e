/**
 * 活动 from the organiser's side (issue 13), in Chromium on the h5 build. 陈静 (网格员) publishes an activity for
 * tomorrow 9:00 from 首页's 发布活动 (the form says what is wrong with a field when it is left), and 张秀英 signs up on
 * her phone. Then the clock — the functions' and both phones' — moves to 9:30 tomorrow, inside the check-in window.
 * 陈静 opens 签到二维码 on the projected screen; the code is read off its pixels as a phone's camera would and typed
 * into 张秀英's 签到 field. 陈静's 签到管理 counts 已签到 1 with 张秀英 on the list; she finishes the activity (the sheet
 * says each attendee gets the points once), it answers 1 人, and 张秀英's points grew by exactly the activity's points.
 * Screenshots in test-results/activities/.
 */
import { phonePage, screenshot } from '../support/browser'
import { ok } from '../support/cloud'
import { text, useE2E, waitForText } from '../support/e2e'
import { readQr } from '../support/qr'

const SUITE = 'activities'
const { cloud, browser, signIn, phoneAs, visit } = useE2E(SUITE)

/** Tomorrow in Beijing: the form's default day; the activity runs 9:00 to 11:00 there. */
const tomorrow = new Date(Date.now() + 8 * 3600_000 + 86_400_000).toISOString().slice(0, 10)
const start = Date.parse(`${tomorrow}T09:00:00+08:00`)

const pointsOf = async (openid: string) => {
  const b = await ok(cloud.api<{ available: number; pending: number }>('points', 'balance', {}, openid), '积分')
  return b.available + b.pending
}

test('the organiser publishes, projects the check-in code, a resident checks in from it, and finishing credits the points once', async () => {
  const before = await pointsOf('demo-resident')

  // 陈静 publishes from 首页: 发布活动.
  const organiser = await phonePage(browser)
  await signIn(organiser, 'demo-grid')
  await organiser.getByTestId('home-activity-new').click()
  await organiser.getByTestId('activity-form').waitFor()
  // A field says what is wrong with it once it is left: a one-character title.
  const title = organiser.getByTestId('activity-title').locator('input')
  await title.fill('扫')
  await title.blur()
  await waitForText(organiser.getByTestId('activity-field-title'), '活动名称至少 2 个字')
  await title.fill('清理楼道杂物')
  await organiser.getByTestId('activity-place').locator('input').fill('3号院门口集合')
  await organiser.getByTestId('activity-points').locator('input').fill('2.5')
  await organiser.getByTestId('activity-capacity').locator('input').fill('10')
  await expect(text(organiser, 'activity-field-title')).resolves.not.toContain('至少')
  await screenshot(organiser, SUITE, '01-publish-form')
  await organiser.getByTestId('activity-submit').click()
  await organiser.getByTestId('manage-page').waitFor()
  const activityId = decodeURIComponent(new URL(organiser.url().replace('/#/', '/')).searchParams.get('id') ?? '')
  expect(activityId).not.toBe('')
  const { activity } = await ok(cloud.api<{ activity: unknown }>('activities', 'get', { activityId }, 'demo-grid'), '活动')
  expect(activity).toMatchObject({ title: '清理楼道杂物', place: '3号院门口集合', points: 2.5, capacity: 10, startAt: new Date(start).toISOString(), endAt: new Date(start + 2 * 3600_000).toISOString() })
  await expect(text(organiser, 'manage-count-line')).resolves.toContain('已报名 0 人 · 已签到 0 人')
  await screenshot(organiser, SUITE, '02-manage-new')

  // 张秀英 signs up (before the start).
  const resident = await phoneAs('demo-resident')
  await visit(resident, `pages-activity/detail/index?id=${encodeURIComponent(activityId)}`, 'activity-signup')
  await resident.getByTestId('activity-signup').click()
  await resident.getByTestId('activity-signup').waitFor({ state: 'detached' })
  await resident.close()
  await organiser.close()

  // Tomorrow 9:30: check-in is open. Both phones' clocks read what the functions' clock reads.
  const offset = start + 30 * 60_000 - Date.now()
  await cloud.setClock(offset)
  const projector = await phoneAs('demo-grid')
  await projector.clock.install({ time: Date.now() + offset })
  await visit(projector, `pages-activity/manage/index?id=${encodeURIComponent(activityId)}`, 'manage-page')
  await waitForText(projector.getByTestId('manage-count-line'), '已报名 1 人 · 已签到 0 人')
  await projector.getByTestId('manage-open-qr').click()
  const qr = projector.getByTestId('activity-qr')
  await qr.waitFor()
  await waitForText(projector.getByTestId('activity-qr-count'), '已签到 0 人')
  await screenshot(projector, SUITE, '03-projected-qr')
  // Read off the screen, as the resident's camera would.
  const code = (await readQr(qr)) ?? ''
  expect(code).toMatch(/^\d{16}$/)
  expect(code).toBe(await qr.getAttribute('data-text'))

  const phone = await phoneAs('demo-resident')
  await phone.clock.install({ time: Date.now() + offset })
  await visit(phone, `pages-activity/detail/index?id=${encodeURIComponent(activityId)}`, 'checkin-code-input')
  await phone.getByTestId('checkin-code-input').locator('input').fill(code)
  await phone.getByTestId('checkin-code-submit').click()
  // 签到成功, and the page reloads to say so in its status (the check-in part leaves once she is in).
  await waitForText(phone.getByTestId('activity-status'), '已签到')
  await expect(ok(cloud.api('activities', 'get', { activityId }, 'demo-resident'), '活动')).resolves.toMatchObject({ attended: true })
  await screenshot(phone, SUITE, '04-resident-checked-in')

  // The projected count follows, then 签到管理 shows her on the list.
  await waitForText(projector.getByTestId('activity-qr-count'), '已签到 1 人', 15_000)
  await projector.goBack()
  await waitForText(projector.getByTestId('manage-count-line'), '已报名 1 人 · 已签到 1 人', 15_000)
  await waitForText(projector.getByTestId('manage-attendee-0'), '签到')
  await expect(text(projector, 'manage-attendee-0')).resolves.toContain('张')
  await screenshot(projector, SUITE, '05-manage-attended')

  // 结束并发积分: the sheet says what happens, the answer says how many were credited.
  await projector.getByTestId('manage-finish').click()
  const sheet = projector.getByTestId('manage-finish-sheet')
  await waitForText(sheet, '每人得 2.5 分，每人只发一次')
  await screenshot(projector, SUITE, '06-finish-sheet')
  await projector.getByTestId('manage-finish-confirm').click()
  await waitForText(projector.getByTestId('manage-awarded'), '这次给 1 人发了积分')
  await projector.getByTestId('manage-finished').waitFor()
  await screenshot(projector, SUITE, '07-finished')

  // 张秀英's points grew by the activity's points, once: finishing again awards nothing more.
  expect(await pointsOf('demo-resident')).toBeCloseTo(before + 2.5, 5)
  await expect(ok(cloud.api('activities', 'finish', { activityId }, 'demo-grid'), '再结束')).resolves.toMatchObject({ awarded: 0 })
  expect(await pointsOf('demo-resident')).toBeCloseTo(before + 2.5, 5)
  await cloud.setClock(0)
})

test('the admin makes a volunteer team from 我组织的活动, and checks in a resident without a phone (代签到)', async () => {
  // An activity of the office's starting in ten minutes: check-in is open now.
  const soon = Date.now() + 10 * 60_000
  const input = { title: '文明劝导', description: '', place: '小区南门', startAt: new Date(soon).toISOString(), endAt: new Date(soon + 3600_000).toISOString(), points: 1, requestId: 'activities-e2e-proxy' }
  const { activity } = await ok(cloud.api<{ activity: { id: string } }>('activities', 'save', input, 'demo-admin'), '发布活动')

  // 社区管理 → 活动 → 我组织的活动.
  const page = await phonePage(browser)
  await signIn(page, 'demo-admin')
  await page.getByTestId('home-admin').click()
  await page.getByTestId('admin-activities').click()
  await page.getByTestId('organised-page').waitFor()
  await waitForText(page.getByTestId('organised-upcoming'), '文明劝导')

  // 新建志愿服务队: a name, and the leader found by one character of her name.
  await page.getByTestId('team-new').click()
  const sheet = page.getByTestId('team-sheet')
  await sheet.getByTestId('team-name').locator('input').fill('文明督导队')
  await sheet.getByTestId('team-leader-find').locator('input').fill('李')
  await sheet.getByTestId('team-leader-demo-r-resident-2').click()
  await waitForText(sheet.getByTestId('team-field-leader'), '队长：李明')
  await screenshot(page, SUITE, '08-team-sheet')
  await sheet.getByTestId('team-save').click()
  await sheet.waitFor({ state: 'detached' })
  await waitForText(page.getByTestId('teams-admin'), '文明督导队')
  const { items: teams } = await ok(cloud.api<{ items: { name: string; leaderId: string; members: number }[] }>('activities', 'teams', {}, 'demo-admin'), '志愿服务队')
  expect(teams.find((t) => t.name === '文明督导队')).toMatchObject({ leaderId: 'demo-r-resident-2', members: 1 })

  // 代签到 for 刘福贵, who has no phone and did not sign up: found in the org tree.
  await page.getByTestId(`organised-${activity.id}`).click()
  await page.getByTestId('manage-page').waitFor()
  await page.getByTestId('manage-proxy').click()
  const proxy = page.getByTestId('manage-proxy-sheet')
  await proxy.getByTestId('manage-proxy-find').locator('input').fill('刘')
  await proxy.getByTestId('manage-proxy-other-demo-r-liu').click()
  await waitForText(proxy.getByTestId('manage-proxy-confirm'), '为刘福贵签到')
  await screenshot(page, SUITE, '09-proxy-sheet')
  await proxy.getByTestId('manage-proxy-confirm').click()
  await proxy.waitFor({ state: 'detached' })
  await waitForText(page.getByTestId('manage-count-line'), '已签到 1 人')
  await waitForText(page.getByTestId('manage-attendee-0'), '刘福贵')
  await waitForText(page.getByTestId('manage-attendee-0'), '（代签）')
  await screenshot(page, SUITE, '10-proxy-checked-in')

  // 导出签到表: the server makes the sheet and the page keeps its link.
  await page.getByTestId('manage-export').click()
  await page.getByTestId('manage-export-done').waitFor()
})
