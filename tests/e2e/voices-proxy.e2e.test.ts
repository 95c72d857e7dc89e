/**
 * 代说事 and staff's own reports (issue 14), in Chromium on the h5 build. 王建国 (院长 of 1号院) opens 说事 from 首页 →
 * 微心愿 → 我要许愿, chooses 替居民提交, picks 刘福贵 (no phone) from his courtyard's list: the form shows 刘福贵's own
 * spendable points, and the wish offers 3 of them (held from 刘福贵's account, not his). The wish is in 刘福贵's name, says
 * 由 院长王建国 代提交, and waits in 王建国's 我的心愿. Then 陈静 (网格员, no home in the community) gets 随手拍隐患 back:
 * she must say which courtyard (the form says so when she does not), chooses 1号院, and her report lands there.
 * Screenshots in test-results/voices-proxy/.
 */
import { ok } from '../support/cloud'
import { attachPhoto, text, useE2E, waitForText } from '../support/e2e'
import { agreedToPrivacy } from '../support/privacy'

const SUITE = 'voices-proxy'
const { cloud, phoneAs, visit, photoFile, screenshotWithoutToast } = useE2E(SUITE)

type Balance = { available: number; pending: number; held: number }
const balanceOf = (openid: string, residentId?: string) => ok(cloud.api<Balance>('points', 'balance', residentId ? { residentId } : {}, openid), '积分')
const postId = (url: string) => decodeURIComponent(new URL(url.replace('/#/', '/')).searchParams.get('id') ?? '')

test('a 院长 wishes for a resident without a phone (his name, his points held), and finds it under 我的心愿', async () => {
  // Points of his own for 刘福贵 to offer.
  await ok(cloud.api('points', 'adjust', { residentId: 'demo-r-liu', delta: 10, reason: '社区活动奖励', requestId: 'voices-proxy-adjust' }, 'demo-admin'), '积分调整')
  const liu0 = await balanceOf('demo-admin', 'demo-r-liu')
  const head0 = await balanceOf('demo-head')
  expect(liu0.available).toBeGreaterThanOrEqual(10)

  // 王建国: 首页 → 微心愿 → 我要许愿.
  const head = await phoneAs('demo-head')
  await agreedToPrivacy(head.context())
  await visit(head, 'pages/index/index', 'me-name')
  await head.getByTestId('home-voices-wish').click()
  await head.getByTestId('voices-page').waitFor()
  await expect(head.getByTestId('voices-page').getAttribute('data-kind')).resolves.toBe('wish')
  await head.getByTestId('voices-new').click()
  await head.getByTestId('voice-form').waitFor()

  // 这是谁的事: his own by default (his own points); 替居民提交 lists his courtyard's residents, no phone first.
  await expect(head.getByTestId('voice-who-self').getAttribute('data-on')).resolves.toBe('true')
  await waitForText(head.getByTestId('voice-offer-available'), `您现在可用 ${head0.available} 分`)
  await head.getByTestId('voice-who-proxy').click()
  await head.getByTestId('voice-for-residents').waitFor()
  await expect(head.getByTestId('voice-title').count()).resolves.toBe(0)
  const rows = head.locator('[data-testid^="voice-for-resident-"]')
  await expect(rows.first().getAttribute('data-testid')).resolves.toBe('voice-for-resident-demo-r-liu')
  await waitForText(rows.first(), '无手机')
  await screenshotWithoutToast(head, '01-head-wish-for-whom')
  await head.getByTestId('voice-for-resident-demo-r-liu').click()

  // The form, for 刘福贵: his spendable points.
  await waitForText(head.getByTestId('voice-for-chosen'), '刘福贵')
  await waitForText(head.getByTestId('voice-offer-available'), `刘福贵现在可用 ${liu0.available} 分`)
  await head.getByTestId('voice-title').locator('input').fill('想请人帮忙换灯泡')
  await head.getByTestId('voice-text').locator('textarea').fill('厨房的灯泡坏了，刘大爷年纪大了够不着，想请邻居帮忙换一个')
  await head.getByTestId('voice-place').locator('input').fill('1号院刘福贵家')
  // More than he has: said at once, in his name.
  await head.getByTestId('voice-offer').locator('input').fill(String(liu0.available + 1))
  await head.getByTestId('voice-submit').click()
  await waitForText(head.getByTestId('voice-field-offerPoints'), `刘福贵现在可用的积分只有 ${liu0.available} 分`)
  await head.getByTestId('voice-offer').locator('input').fill('3')
  await expect(text(head, 'voice-form')).resolves.toContain('您在“我的心愿”里能看到')
  await screenshotWithoutToast(head, '02-head-wish-for-liu', head.getByTestId('voice-for-chosen'))
  await head.getByTestId('voice-submit').click()

  // His page: 刘福贵's wish, filed by 院长王建国.
  await head.getByTestId('voice-detail').waitFor()
  const wishId = postId(head.url())
  expect(wishId).not.toBe('')
  await waitForText(head.getByTestId('voice-author'), '刘福贵')
  await waitForText(head.getByTestId('voice-proxy'), '由 院长王建国 代提交')
  await waitForText(head.getByTestId('voice-offer'), '3 分')
  await waitForText(head.getByTestId('voice-step-0'), '替刘福贵提交')
  await screenshotWithoutToast(head, '03-head-wish-posted')
  const { post } = await ok(cloud.api<{ post: { kind: string; status: string; author: string; proxy?: string; offerPoints: number } }>('voices', 'get', { postId: wishId }, 'demo-admin'), '心愿')
  expect(post).toMatchObject({ kind: 'wish', status: 'pending', author: '刘福贵', proxy: '院长王建国', offerPoints: 3 })
  // The 3 points are held from 刘福贵's account; 王建国's own are untouched.
  await expect(balanceOf('demo-admin', 'demo-r-liu')).resolves.toMatchObject({ available: liu0.available - 3, held: liu0.held + 3 })
  await expect(balanceOf('demo-head')).resolves.toMatchObject({ available: head0.available, held: head0.held })

  // 我的心愿: there, with 刘福贵's name.
  const mine = await ok(cloud.api<{ items: { id: string }[] }>('voices', 'list', { kind: 'wish', mine: true }, 'demo-head'), '我的心愿')
  expect(mine.items.map((i) => i.id)).toContain(wishId)
  // Back to 说事 (the form gave way to the post), then 我的心愿.
  await head.goBack()
  await head.getByTestId('voices-view-mine').click()
  await head.locator('[data-testid="voices-page"][data-view="mine"]').waitFor()
  await head.getByTestId('voices-list').waitFor()
  await expect(head.getByTestId('voices-page').getAttribute('data-view')).resolves.toBe('mine')
  await waitForText(head.getByTestId('voice-0'), '想请人帮忙换灯泡')
  await waitForText(head.getByTestId('voice-0'), '刘福贵')
  await screenshotWithoutToast(head, '04-head-my-wishes')
})

test('a grid worker without a home here reports a hazard, choosing the courtyard it is in', async () => {
  const grid = await phoneAs('demo-grid')
  await agreedToPrivacy(grid.context())
  // 随手拍: her queue first, and now the button to report one herself, and 我拍的.
  await visit(grid, 'pages-voices/index/index?kind=hazard', 'voices-page')
  await expect(grid.getByTestId('voices-page').getAttribute('data-view')).resolves.toBe('queue')
  await grid.getByTestId('voices-view-mine').waitFor()
  await grid.getByTestId('voices-new').click()
  await grid.getByTestId('voice-form').waitFor()
  await expect(grid.getByTestId('voice-who-self').getAttribute('data-on')).resolves.toBe('true')
  await expect(grid.getByTestId('voice-form-not-resident').count()).resolves.toBe(0)

  // No courtyard chosen: the form says so first.
  await grid.getByTestId('voice-title').locator('input').fill('井盖松了')
  await grid.getByTestId('voice-text').locator('textarea').fill('院门口的井盖松了，踩上去会晃，怕有人掉下去')
  await grid.getByTestId('voice-place').locator('input').fill('1号院大门口')
  await attachPhoto(grid, photoFile(151), grid.getByTestId('voice-photos').getByTestId('photo-add'))
  await grid.getByTestId('voice-photos').getByTestId('photo-0').and(grid.locator('[data-status="done"]')).waitFor()
  await grid.getByTestId('voice-submit').click()
  await waitForText(grid.getByTestId('voice-field-courtyardId'), '请选择说的是哪个院落的事')
  await grid.getByTestId('voice-courtyard-demo-courtyard-1').click()
  await expect(grid.getByTestId('voice-courtyard-demo-courtyard-1').getAttribute('data-on')).resolves.toBe('true')
  await expect(text(grid, 'voice-field-courtyardId')).resolves.not.toContain('请选择说的是')
  await screenshotWithoutToast(grid, '05-grid-hazard-form', grid.getByTestId('voice-form-note'))
  await grid.getByTestId('voice-submit').click()

  // Her report, about 1号院, waiting for the grid worker (herself).
  await grid.getByTestId('voice-detail').waitFor()
  const hazardId = postId(grid.url())
  await waitForText(grid.getByTestId('voice-status'), '等网格员受理')
  await expect(grid.getByTestId('voice-proxy').count()).resolves.toBe(0)
  await screenshotWithoutToast(grid, '06-grid-hazard-posted')
  const { root } = await ok(cloud.api<{ root: { children: { id: string; name: string }[] } }>('org', 'tree', {}, 'demo-grid'), '组织')
  const yard = root.children.find((c) => c.id === 'demo-courtyard-1')
  expect(yard).toBeDefined()
  const { post } = await ok(cloud.api<{ post: { kind: string; courtyard: string; status: string } }>('voices', 'get', { postId: hazardId }, 'demo-grid'), '随手拍')
  expect(post).toMatchObject({ kind: 'hazard', status: 'reported', courtyard: yard!.name })

  // 我拍的: hers to follow.
  await visit(grid, 'pages-voices/index/index?kind=hazard&view=mine', 'voices-list')
  await waitForText(grid.getByTestId('voice-0'), '井盖松了')
})
