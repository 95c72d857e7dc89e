/**
 * 微心愿 from the office's side (issue 14), in Chromium on the h5 build. 张秀英 wishes for help with her radio and offers
 * 2 of her own points (held, not spendable, while the wish runs). 周海燕 (工作小组) sees it on 首页 under 待我处理 —
 * 微心愿审核 1 条 — opens it from there and makes it public. 李明 takes it, mends the radio and says so with a photo;
 * 张秀英 confirms with five stars. 李明's points grew by the wish rule's points plus the 2 offered, 张秀英 has 2 fewer
 * and none held (they went to 李明), and 周海燕's 说事统计 for the month, opened from 社区管理, counts 微心愿 1 件, 已办结 1, and
 * exports the month's 说事台账. Then, in 积分细则, she gives the wish's sign to another item (the sheet says which item
 * had it) and takes it off again: the note 用于：微心愿 follows. Last, a 随手拍 left four days: 首页 flags it to her, and
 * 说事统计 shows it in red, a tap away from the list. Screenshots in test-results/voices-admin/.
 */
import { monthKey } from '@core/period'
import { photoBytes, upload } from '../support/claims'
import { ok } from '../support/cloud'
import { attachPhoto, text, useE2E, waitForText } from '../support/e2e'
import { agreedToPrivacy } from '../support/privacy'

const SUITE = 'voices-admin'
const { cloud, phoneAs, visit, photoFile, screenshotWithoutToast } = useE2E(SUITE)

type Balance = { available: number; pending: number; held: number }
const balanceOf = (openid: string) => ok(cloud.api<Balance>('points', 'balance', {}, openid), '积分')
/** The wish rule's points, as the catalogue says (the item that carries the wish's sign). */
const wishRulePoints = async () => {
  const { categories } = await ok(cloud.api<{ categories: { items: { points: number; purpose?: string }[] }[] }>('rules', 'list', {}, 'demo-admin'), '积分细则')
  const item = categories.flatMap((c) => c.items).find((i) => i.purpose === 'wish')
  expect(item).toBeDefined()
  return item!.points
}

test('a wish with 2 offered points: the admin publishes it from 首页, a neighbour fulfils it, the poster confirms, the points move and 说事统计 counts it', async () => {
  // Points of her own to offer.
  await ok(cloud.api('points', 'adjust', { residentId: 'demo-r-resident', delta: 10, reason: '社区活动奖励', requestId: 'voices-admin-adjust' }, 'demo-admin'), '积分调整')
  const rule = await wishRulePoints()
  const poster0 = await balanceOf('demo-resident')
  const taker0 = await balanceOf('demo-resident-2')

  // 张秀英 wishes, offering 2 points.
  const resident = await phoneAs('demo-resident')
  await visit(resident, 'pages-voices/post/index?kind=wish', 'voice-form')
  await waitForText(resident.getByTestId('voice-offer-available'), `您现在可用 ${poster0.available} 分`)
  await resident.getByTestId('voice-title').locator('input').fill('想请人帮忙修收音机')
  await resident.getByTestId('voice-text').locator('textarea').fill('家里的收音机不响了，自己不会修，想请懂行的邻居帮忙看看。')
  await resident.getByTestId('voice-place').locator('input').fill('1号院3单元')
  await resident.getByTestId('voice-offer').locator('input').fill('2')
  await screenshotWithoutToast(resident, '01-resident-wish')
  await resident.getByTestId('voice-submit').click()
  await resident.getByTestId('voice-detail').and(resident.locator('[data-status="pending"]')).waitFor()
  const postId = decodeURIComponent(new URL(resident.url().replace('/#/', '/')).searchParams.get('id') ?? '')
  expect(postId).not.toBe('')
  // Held, not spent: still hers, not spendable.
  expect(await balanceOf('demo-resident')).toMatchObject({ available: poster0.available - 2, held: 2 })

  // 周海燕: 首页 says a wish waits; from there to the wish, 公开.
  const admin = await phoneAs('demo-admin')
  await visit(admin, 'pages/index/index', 'home-admin-todo')
  await waitForText(admin.getByTestId('home-todo-wishes-pending'), '1 条待审核')
  await screenshotWithoutToast(admin, '02-admin-home-todo', admin.getByTestId('home-admin-todo'))
  await admin.getByTestId('home-todo-wishes').click()
  await admin.getByTestId('voices-page').and(admin.locator('[data-kind="wish"][data-view="queue"]')).waitFor()
  await waitForText(admin.getByTestId('voice-0'), '想请人帮忙修收音机')
  await admin.getByTestId('voice-0').click()
  await admin.getByTestId('voice-detail').waitFor()
  await waitForText(admin.getByTestId('voice-offer'), '2 分')
  await admin.getByTestId('voice-decide-publish').click()
  await admin.getByTestId('voice-sheet').waitFor()
  await screenshotWithoutToast(admin, '03-admin-publish-sheet')
  await admin.getByTestId('voice-sheet-confirm').click()
  await admin.getByTestId('voice-detail').and(admin.locator('[data-status="public"]')).waitFor()

  // 李明 takes it, then says it is done with a photo.
  const neighbour = await phoneAs('demo-resident-2')
  await agreedToPrivacy(neighbour.context())
  await visit(neighbour, `pages-voices/detail/index?id=${encodeURIComponent(postId)}`, 'voice-take')
  await neighbour.getByTestId('voice-take').click()
  await waitForText(neighbour.getByTestId('voice-sheet-intro'), '还有许愿人拿出的 2 分')
  await neighbour.getByTestId('voice-sheet-confirm').click()
  await neighbour.getByTestId('voice-detail').and(neighbour.locator('[data-status="taken"]')).waitFor()
  await neighbour.getByTestId('voice-fulfil').click()
  await attachPhoto(neighbour, photoFile(1401), neighbour.getByTestId('voice-sheet-photos').getByTestId('photo-add'))
  await neighbour.getByTestId('voice-sheet').getByTestId('photo-0').and(neighbour.locator('[data-status="done"]')).waitFor()
  await neighbour.getByTestId('voice-sheet-note').locator('textarea').fill('收音机已经修好，送回去了')
  await screenshotWithoutToast(neighbour, '04-neighbour-fulfils')
  await neighbour.getByTestId('voice-sheet-confirm').click()
  await neighbour.getByTestId('voice-detail').and(neighbour.locator('[data-status="fulfilled"]')).waitFor()

  // 张秀英 confirms with five stars.
  await visit(resident, `pages-voices/detail/index?id=${encodeURIComponent(postId)}`, 'voice-confirm')
  await resident.getByTestId('voice-confirm').click()
  await resident.getByTestId('voice-star-5').click()
  await screenshotWithoutToast(resident, '05-resident-confirms')
  await resident.getByTestId('voice-sheet-confirm').click()
  await resident.getByTestId('voice-detail').and(resident.locator('[data-status="confirmed"]')).waitFor()
  await waitForText(resident.getByTestId('voice-credited'), `已给认领人加 ${rule} 分`)
  await expect(text(resident, 'voice-rating')).resolves.toContain('5 颗星')
  await screenshotWithoutToast(resident, '06-resident-confirmed')

  // The points: the rule's and the 2 offered to 李明; 张秀英's 2 are gone from her, none held.
  const taker1 = await balanceOf('demo-resident-2')
  expect(taker1.available + taker1.pending).toBe(taker0.available + taker0.pending + rule + 2)
  expect(await balanceOf('demo-resident')).toMatchObject({ available: poster0.available - 2, held: 0 })

  // 周海燕: 社区管理 → 说事统计, this month: 微心愿 1 件, 已办结 1.
  await visit(admin, 'pages-admin/index', 'admin-home')
  await admin.getByTestId('admin-voice-summary').click()
  await admin.getByTestId('voice-summary-wish').waitFor()
  await waitForText(admin.getByTestId('voice-summary-month'), `${Number(monthKey(new Date()).slice(5))}月`)
  await expect(text(admin, 'voice-summary-wish-total')).resolves.toBe('共 1 件')
  await expect(text(admin, 'voice-summary-wish-closed')).resolves.toBe('1')
  await expect(text(admin, 'voice-summary-wish-open')).resolves.toBe('0')
  await expect(text(admin, 'voice-summary-wish-status-confirmed')).resolves.toContain('1 件')
  await screenshotWithoutToast(admin, '07-admin-summary')
  // The month's 说事台账 in Excel.
  await admin.getByTestId('voice-summary-export').click()
  await waitForText(admin.getByTestId('voice-summary-export-done'), '表格已生成')
  await screenshotWithoutToast(admin, '08-admin-summary-exported', admin.getByTestId('voice-summary-export'))
})

test('积分细则: the admin moves 微心愿 to another item; the catalogue notes which item each loop credits by', async () => {
  const admin = await phoneAs('demo-admin')
  await visit(admin, 'pages-admin/rules/index', 'rules-admin')
  await waitForText(admin.getByTestId('rules-purpose-rule-micro-wish'), '用于：微心愿')
  await expect(admin.getByTestId('rules-purpose-rule-help-elder').count()).resolves.toBe(0)
  await admin.getByTestId('rules-edit-rule-help-elder').click()
  const sheet = admin.getByTestId('admin-sheet')
  await sheet.waitFor()
  expect(await sheet.getByTestId('rule-purpose-none').getAttribute('class')).toContain('sz-sheet__option--on')
  // The choice says which item has it now.
  await waitForText(sheet.getByTestId('rule-purpose-wish'), '现在用的是「认领并完成“微心愿”」')
  await sheet.getByTestId('rule-purpose-wish').click()
  await waitForText(sheet.getByTestId('rule-purpose-wish'), '保存后改用这一条，「认领并完成“微心愿”」不再用于它')
  await sheet.getByTestId('rule-purpose-wish').scrollIntoViewIfNeeded()
  await screenshotWithoutToast(admin, '09-admin-rule-purpose')
  await sheet.getByTestId('sheet-confirm').click()
  await sheet.waitFor({ state: 'detached' })
  await waitForText(admin.getByTestId('rules-purpose-rule-help-elder'), '用于：微心愿')
  await admin.getByTestId('rules-purpose-rule-micro-wish').waitFor({ state: 'detached' })
  const { categories } = await ok(cloud.api<{ categories: { items: { id: string; purpose?: string }[] }[] }>('rules', 'list', {}, 'demo-admin'), '积分细则')
  expect(categories.flatMap((c) => c.items).filter((i) => i.purpose === 'wish').map((i) => i.id)).toEqual(['rule-help-elder'])

  // And back to none: the item credits no loop (the 微心愿 then runs without the rule's points).
  await admin.getByTestId('rules-edit-rule-help-elder').click()
  await sheet.getByTestId('rule-purpose-none').click()
  await sheet.getByTestId('sheet-confirm').click()
  await sheet.waitFor({ state: 'detached' })
  await admin.getByTestId('rules-purpose-rule-help-elder').waitFor({ state: 'detached' })
})

test('a 随手拍 nobody handled for four days: 首页 flags it to the admin, and 说事统计 shows it in red, a tap from the list', async () => {
  const photo = await upload(cloud, 'demo-resident', photoBytes(1402))
  const hazard = { kind: 'hazard', title: '路灯坏了', text: '1号院门口的路灯坏了好几天，晚上出门看不清路。', place: '1号院门口', photos: [photo], requestId: 'voices-admin-hazard' }
  await ok(cloud.api('voices', 'post', hazard, 'demo-resident'), '随手拍')
  // Four days on (the functions' clock; the phone's month stays the month it was posted in).
  await cloud.setClock(4 * 86_400_000)
  try {
    const admin = await phoneAs('demo-admin')
    await visit(admin, 'pages/index/index', 'home-admin-todo')
    await waitForText(admin.getByTestId('home-todo-hazards-overdue-pending'), '1 件超过 3 天')
    await visit(admin, 'pages-voices/summary/index', 'voice-summary-hazard')
    await waitForText(admin.getByTestId('voice-summary-overdue'), '超过 3 天未处理 1 件')
    await expect(text(admin, 'voice-summary-hazard-open')).resolves.toBe('1')
    await screenshotWithoutToast(admin, '10-admin-summary-overdue', admin.getByTestId('voice-summary-hazard'))
    await admin.getByTestId('voice-summary-overdue').click()
    await admin.getByTestId('voices-page').and(admin.locator('[data-kind="hazard"][data-view="queue"]')).waitFor()
    await waitForText(admin.getByTestId('voice-0'), '路灯坏了')
    await admin.getByTestId('voice-0-overdue').waitFor()
  } finally {
    await cloud.setClock(0)
  }
})
