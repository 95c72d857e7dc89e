/**
 * The reviewers' side, in Chromium on the h5 build: residents file claims (through the API); the head (院长) sees
 * 待我审核 with a badge on 首页, opens the queue, enlarges a photo, sees the red warning on a claim whose photo was used
 * before, and passes a claim; the grid worker (网格员) returns another with a template reason and approves the first,
 * which the resident then sees in her points and ledger. Screenshots in
 * test-results/review-flow/.
 */
import { phonePage, screenshot } from '../support/browser'
import { claimStatus, submitClaimWithPhoto } from '../support/claims'
import { useE2E, waitForCount, waitForText } from '../support/e2e'

const SUITE = 'review-flow'
const { cloud, browser, signIn } = useE2E(SUITE)

test('the head passes a claim from 待我审核 and sees a reused photo flagged; the grid worker returns another with a template reason', async () => {
  // 张秀英 files two claims; 李明 files one with the very photo of her first (a reused photo).
  const first = await submitClaimWithPhoto(cloud, 'demo-resident', 101, { description: '清扫了1号院门口的落叶' })
  const second = await submitClaimWithPhoto(cloud, 'demo-resident', 102, { description: '清理了楼道里的杂物', place: '1号院楼道' })
  const reused = await submitClaimWithPhoto(cloud, 'demo-resident-2', 101, { description: '打扫了院子' })
  expect(reused.duplicates).toHaveLength(1)

  // 院长 王建国: 首页 shows 院长积分 and 待我审核 3 above his own resident part.
  const page = await phonePage(browser)
  await signIn(page, 'demo-head')
  await waitForText(page.getByTestId('review-count'), '3')
  await page.getByTestId('balance-courtyard').waitFor() // 院长积分, on his balance card
  await expect(page.getByTestId('home-review-queue').textContent()).resolves.toContain('最早一条：张秀英')
  await page.getByTestId('balance-available').waitFor() // his own points are still there, below
  await screenshot(page, SUITE, '01-head-home')

  await page.getByTestId('home-review-queue').click()
  await page.getByTestId('review-queue').waitFor()
  const cards = page.locator('[data-testid^="review-card-cl"]')
  await waitForCount(cards, 3)
  // Oldest first.
  await expect(cards.nth(0).getAttribute('data-testid')).resolves.toBe(`review-card-${first.id}`)
  const firstCard = page.getByTestId(`review-card-${first.id}`)
  await expect(firstCard.textContent()).resolves.toContain('清扫院落及门前卫生')
  await expect(firstCard.getByTestId('review-card-points').textContent()).resolves.toBe('+1 分')
  await expect(firstCard.getByTestId('review-card-resident').textContent()).resolves.toBe('张秀英')
  await expect(firstCard.textContent()).resolves.toContain('清扫了1号院门口的落叶')
  await expect(firstCard.getByTestId('review-card-duplicate').count()).resolves.toBe(0)
  // The reused photo: a red line naming whose claim it was in.
  const reusedCard = page.getByTestId(`review-card-${reused.id}`)
  await expect(reusedCard.getByTestId('review-card-duplicate').textContent()).resolves.toMatch(/此照片曾用于 张秀英 的申报（\d+月\d+日）/)
  await firstCard.getByTestId('review-photo-0').waitFor()
  await reusedCard.getByTestId('review-photo-0').waitFor()
  await screenshot(page, SUITE, '02-head-queue')

  // A photo opens full screen; a tap closes it.
  await firstCard.getByTestId('review-photo-0').click()
  const preview = page.locator('.preview-image')
  await preview.waitFor()
  await screenshot(page, SUITE, '03-photo-preview')
  await preview.click()
  await preview.waitFor({ state: 'detached' })

  // 通过 asks once, then the card leaves the list.
  await firstCard.getByTestId('review-pass').click()
  await page.locator('.taro-modal__content').waitFor()
  await screenshot(page, SUITE, '04-pass-confirm')
  await page.locator('.taro-modal__foot .taro-model__confirm').click()
  await waitForCount(cards, 2)
  await page.locator('.taro__toast').filter({ hasText: '已通过：张秀英' }).waitFor({ state: 'attached' })
  await screenshot(page, SUITE, '05-after-pass')
  expect(await claimStatus(cloud, first.id)).toBe('pre_approved')

  // The second claim goes on to the grid worker through the API.
  const passed = await cloud.api('claims', 'review', { claimId: second.id, decision: 'pass' }, 'demo-head')
  expect(passed.ok).toBe(true)

  // 网格员 陈静: both passed claims wait for her; she returns the second with a template reason.
  const grid = await phonePage(browser)
  await signIn(grid, 'demo-grid')
  await waitForText(grid.getByTestId('review-count'), '2')
  await screenshot(grid, SUITE, '06-grid-home')
  await grid.getByTestId('home-review-queue').click()
  const gridCards = grid.locator('[data-testid^="review-card-cl"]')
  await waitForCount(gridCards, 2)
  const secondCard = grid.getByTestId(`review-card-${second.id}`)
  await expect(secondCard.textContent()).resolves.toContain('1号院楼道')
  // 院长先看: each card says that the head passed it, by name.
  await waitForText(secondCard.getByTestId('review-card-head-step'), '院长先看：院长 王建国 已先看过，同意')
  await screenshot(grid, SUITE, '06a-grid-queue-head-step')
  await secondCard.getByTestId('review-return').click()
  const sheet = grid.getByTestId('reason-sheet')
  await sheet.waitFor()
  // No reason, no return.
  await sheet.getByTestId('reason-confirm').click()
  await expect(sheet.textContent()).resolves.toContain('请选一个原因')
  await sheet.getByTestId('reason-template-0').click()
  await expect(sheet.getByTestId('reason-text').locator('textarea').inputValue()).resolves.toBe('照片不清楚，请重新拍一张')
  await screenshot(grid, SUITE, '07-return-sheet')
  await sheet.getByTestId('reason-confirm').click()
  await sheet.waitFor({ state: 'detached' })
  await waitForCount(gridCards, 1)
  await screenshot(grid, SUITE, '08-after-return')
  expect(await claimStatus(cloud, second.id)).toBe('returned')
  const detail = await cloud.api('claims', 'get', { claimId: second.id }, 'demo-resident')
  expect(detail.ok && detail.data.history.at(-1)?.reason).toBe('照片不清楚，请重新拍一张')

  // The last one passed: the queue says nothing waits.
  await gridCards.first().getByTestId('review-pass').click()
  await grid.locator('.taro-modal__foot .taro-model__confirm').click()
  await grid.getByTestId('review-empty').waitFor()
  await expect(grid.getByTestId('review-empty').textContent()).resolves.toContain('没有等您审核的申报')
  await screenshot(grid, SUITE, '09-queue-empty')
  expect(await claimStatus(cloud, first.id)).toBe('approved')

  // 张秀英 sees the point the grid worker approved, and the ledger line that says what for.
  const resident = await phonePage(browser)
  await signIn(resident, 'demo-resident')
  await resident.getByTestId('balance-card').click()
  await resident.getByTestId('ledger-list').waitFor()
  await expect(resident.getByTestId('balance-available').last().textContent()).resolves.toBe('1')
  const line = resident.locator('[data-testid^="ledger-"]').filter({ hasText: '清扫院落及门前卫生' }).first()
  await expect(line.getByTestId('ledger-delta').textContent()).resolves.toBe('+1')
  await screenshot(resident, SUITE, '09b-resident-points')
})

test('代申报: the head picks 刘福贵 (no phone, listed first), then an item; the residents’ claim form opens in proxy mode', async () => {
  const page = await phonePage(browser)
  await signIn(page, 'demo-head')
  await page.getByTestId('home-proxy-claim').click()
  const rows = page.locator('[data-testid^="proxy-resident-"]')
  await rows.first().waitFor()
  await expect(rows.first().getAttribute('data-testid')).resolves.toBe('proxy-resident-demo-r-liu')
  await expect(rows.first().textContent()).resolves.toContain('无手机')
  await screenshot(page, SUITE, '10-proxy-residents')
  await rows.first().click()
  await expect(page.getByTestId('proxy-chosen').textContent()).resolves.toContain('刘福贵')
  await page.getByTestId('rule-item-rule-clean-yard').click()
  await page.getByTestId('claim-form-proxy').waitFor()
  await expect(page.getByTestId('claim-form-proxy').textContent()).resolves.toContain('为 刘福贵 代申报')
  await screenshot(page, SUITE, '11-proxy-form')
})

test('代申报: a 院长 registers a resident without a phone in a household of his courtyard, and files for her at once', async () => {
  const page = await phonePage(browser)
  await signIn(page, 'demo-head')
  await page.getByTestId('home-proxy-claim').click()
  await page.getByTestId('proxy-register').waitFor()
  await page.getByTestId('proxy-register-demo-hh-1').click()
  await page.getByTestId('proxy-register-sheet').waitFor()
  // An empty name is refused where the eye is, with the same rule the function applies.
  await page.getByTestId('sheet-confirm').click()
  await waitForText(page.getByTestId('proxy-register-sheet'), '请填写真实姓名')
  await page.getByTestId('proxy-register-name').locator('input').fill('张小宝')
  await screenshot(page, SUITE, '12-proxy-register')
  await page.getByTestId('sheet-confirm').click()
  await waitForText(page.getByTestId('proxy-chosen'), '张小宝')
  await expect(page.getByTestId('proxy-chosen').textContent()).resolves.toContain('张秀英家')
  // Registered where the office sees it: in 张秀英家, without a phone.
  const tree = await cloud.api('org', 'tree', {}, 'demo-admin')
  if (!tree.ok) throw new Error(tree.message)
  const households = tree.data.root.children.flatMap((g) => g.children).flatMap((c) => c.children)
  expect(households.find((h) => h.id === 'demo-hh-1')?.residents?.find((r) => r.name === '张小宝')).toMatchObject({ hasPhone: false })
})
