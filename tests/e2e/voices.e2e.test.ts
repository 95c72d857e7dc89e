/**
 * 随手拍 (issue 14) in Chromium on the h5 build. 张秀英 opens 说事 from 首页's 随手拍 row and reports a hazard with a
 * photo (the form first says what is missing). 陈静 (网格员) sees it counted on 首页 (随手拍隐患, 1 条待受理) and in
 * 待我办理; she opens it, 受理 (张秀英 is credited by the hazard rule), then 处理完毕 with an "after" photo. 张秀英 opens
 * it again: 已处理，等确认, the after photo in the timeline, the credit; she confirms, and the loop is closed.
 * Screenshots in test-results/voices/.
 */
import { phonePage } from '../support/browser'
import { ok } from '../support/cloud'
import { attachPhoto, text, useE2E, waitForText } from '../support/e2e'
import { agreedToPrivacy } from '../support/privacy'

const SUITE = 'voices'
const { cloud, browser, signIn, photoFile, screenshotWithoutToast } = useE2E(SUITE)

test('a resident reports a hazard with a photo, the grid worker accepts and resolves it with an after photo, and the resident confirms', async () => {
  // 张秀英: 首页 → 说事 · 随手拍 → 随手拍隐患.
  const resident = await phonePage(browser)
  await agreedToPrivacy(resident.context())
  await signIn(resident, 'demo-resident')
  await resident.getByTestId('home-voices-hazard').click()
  await resident.getByTestId('voices-page').waitFor()
  await resident.getByTestId('voices-empty').waitFor()
  await screenshotWithoutToast(resident, '01-resident-hazards-empty')
  await resident.getByTestId('voices-new').click()
  await resident.getByTestId('voice-form').waitFor()

  // Nothing filled in: each field says what it needs (a hazard needs a place and a photo).
  await resident.getByTestId('voice-submit').click()
  await waitForText(resident.getByTestId('voice-field-photos'), '随手拍请拍一张隐患的照片')
  await waitForText(resident.getByTestId('voice-field-place'), '请写明隐患在什么地方')
  await waitForText(resident.getByTestId('voice-field-title'), '标题至少 2 个字')
  await resident.getByTestId('voice-title').locator('input').fill('楼道里堆了纸箱')
  await resident.getByTestId('voice-text').locator('textarea').fill('2单元一楼楼道堆满纸箱，挡住了路，也怕着火')
  await resident.getByTestId('voice-place').locator('input').fill('1排3号院2单元一楼楼道')
  await attachPhoto(resident, photoFile(141), resident.getByTestId('voice-photos').getByTestId('photo-add'))
  await resident.getByTestId('voice-photos').getByTestId('photo-0').and(resident.locator('[data-status="done"]')).waitFor()
  await expect(text(resident, 'voice-field-photos')).resolves.not.toContain('请拍')
  await screenshotWithoutToast(resident, '02-resident-hazard-form')
  await resident.getByTestId('voice-submit').click()

  // Its page: 等网格员受理, the photo, the first step.
  await resident.getByTestId('voice-detail').waitFor()
  const postId = decodeURIComponent(new URL(resident.url().replace('/#/', '/')).searchParams.get('id') ?? '')
  expect(postId).not.toBe('')
  await waitForText(resident.getByTestId('voice-status'), '等网格员受理')
  await resident.getByTestId('voice-photos-0').waitFor()
  await waitForText(resident.getByTestId('voice-step-0'), '提交')
  await waitForText(resident.getByTestId('voice-step-now'), '等网格员受理')
  await expect(resident.getByTestId('voice-confirm').count()).resolves.toBe(0)
  await screenshotWithoutToast(resident, '03-resident-hazard-posted')
  const { post } = await ok(cloud.api<{ post: { status: string; place: string; photoCount: number } }>('voices', 'get', { postId }, 'demo-resident'), '随手拍')
  expect(post).toMatchObject({ status: 'reported', place: '1排3号院2单元一楼楼道', photoCount: 1 })

  // 陈静: 首页 counts it; 随手拍隐患 opens 待我办理 with it.
  const grid = await phonePage(browser)
  await agreedToPrivacy(grid.context())
  await signIn(grid, 'demo-grid')
  await waitForText(grid.getByTestId('home-todo-hazards-pending'), '1 条待受理')
  await expect(grid.getByTestId('home-todo-hazards-pending').getAttribute('data-count')).resolves.toBe('1')
  await screenshotWithoutToast(grid, '04-grid-home-badge', grid.getByTestId('home-todo-hazards'))
  await grid.getByTestId('home-todo-hazards').click()
  await grid.getByTestId('voices-list').waitFor()
  await expect(grid.getByTestId('voices-page').getAttribute('data-view')).resolves.toBe('queue')
  await waitForText(grid.getByTestId('voice-0'), '楼道里堆了纸箱')
  // In her charge: 陈静 sees the reporter's name in full.
  await waitForText(grid.getByTestId('voice-0'), '张秀英')
  await screenshotWithoutToast(grid, '05-grid-queue')
  await grid.getByTestId('voice-0').click()
  await grid.getByTestId('voice-detail').waitFor()

  // 受理: the sheet says what it does; the reporter is credited by the hazard rule.
  await grid.getByTestId('voice-decide-accept').click()
  await waitForText(grid.getByTestId('voice-sheet-intro'), '按积分细则给他加分')
  await screenshotWithoutToast(grid, '06-grid-accept-sheet')
  await grid.getByTestId('voice-sheet-confirm').click()
  await grid.getByTestId('voice-sheet').waitFor({ state: 'detached' })
  await waitForText(grid.getByTestId('voice-status'), '已受理，处理中')
  await waitForText(grid.getByTestId('voice-credited'), '已给报告的人加 2 分')

  // 处理完毕 needs the after photo: without it the sheet says so.
  await grid.getByTestId('voice-decide-resolve').click()
  await grid.getByTestId('voice-sheet-confirm').click()
  await waitForText(grid.getByTestId('voice-sheet-photos-field'), '请拍一张处理后的照片')
  await attachPhoto(grid, photoFile(142), grid.getByTestId('voice-sheet-photos').getByTestId('photo-add'))
  await grid.getByTestId('voice-sheet-photos').getByTestId('photo-0').and(grid.locator('[data-status="done"]')).waitFor()
  await grid.getByTestId('voice-sheet-note').locator('textarea').fill('纸箱已经清走，楼道通了')
  await screenshotWithoutToast(grid, '07-grid-resolve-sheet')
  await grid.getByTestId('voice-sheet-confirm').click()
  await grid.getByTestId('voice-sheet').waitFor({ state: 'detached' })
  await waitForText(grid.getByTestId('voice-status'), '已处理，等确认')
  await grid.getByTestId('voice-step-2').getByTestId('voice-step-photos-2-0').waitFor()
  await screenshotWithoutToast(grid, '08-grid-resolved')

  // 张秀英: 已处理, the after photo and the note in the timeline, her credit; 确认已解决.
  await resident.reload()
  await resident.getByTestId('voice-detail').waitFor()
  await waitForText(resident.getByTestId('voice-status'), '已处理，等确认')
  await waitForText(resident.getByTestId('voice-step-1'), '受理')
  await waitForText(resident.getByTestId('voice-step-2'), '处理完毕')
  await waitForText(resident.getByTestId('voice-step-2'), '纸箱已经清走，楼道通了')
  await resident.getByTestId('voice-step-photos-2-0').waitFor()
  await waitForText(resident.getByTestId('voice-credited'), '您得了 2 分')
  await screenshotWithoutToast(resident, '09-resident-resolved', resident.getByTestId('voice-timeline'))
  await resident.getByTestId('voice-confirm').click()
  await waitForText(resident.getByTestId('voice-sheet-intro'), '确认问题解决了')
  await resident.getByTestId('voice-sheet-confirm').click()
  await resident.getByTestId('voice-sheet').waitFor({ state: 'detached' })
  await waitForText(resident.getByTestId('voice-status'), '已确认解决')
  await waitForText(resident.getByTestId('voice-step-3'), '确认')
  await expect(resident.getByTestId('voice-step-now').count()).resolves.toBe(0)
  await expect(resident.getByTestId('voice-confirm').count()).resolves.toBe(0)
  await screenshotWithoutToast(resident, '10-resident-confirmed')
  const closed = await ok(cloud.api<{ post: { status: string; closed: boolean; credited?: number } }>('voices', 'get', { postId }, 'demo-resident'), '随手拍')
  expect(closed.post).toMatchObject({ status: 'confirmed', closed: true, credited: 2 })

  // Back on 陈静's 首页: nothing waits.
  await grid.goto(`${cloud.url}/#/pages/index/index`)
  await waitForText(grid.getByTestId('home-todo-hazards-pending'), '没有待受理')
})
