/**
 * The resident's whole claim, in Chromium on the h5 build: pick an item, fill the form, attach a photo, submit, follow it;
 * once the head (初审) and the grid worker (审核) pass it — through the API, their queue pages are another issue — the
 * points page shows the credit and the ledger line. Screenshots in test-results/claim-flow/.
 */
import { phonePage, screenshot } from '../support/browser'
import { buildClaim, photoBytes, upload } from '../support/claims'
import { attachPhoto, text, useE2E, waitForCount, waitForText } from '../support/e2e'
import { agreedToPrivacy } from '../support/privacy'

const SUITE = 'claim-flow'
const { cloud, browser, signIn, photoFile } = useE2E(SUITE)

test('a resident claims 清扫院落及门前卫生 with a photo; after 初审 and 审核 the points page shows +1 and the ledger line', async () => {
  const page = await phonePage(browser)
  // The privacy sheet before the first photo is privacy.e2e's: here it was agreed to before.
  await agreedToPrivacy(page.context())
  await signIn(page, 'demo-resident')

  // 首页: the balance in large type, before anything happens.
  await page.getByTestId('balance-available').waitFor()
  const before = Number(await text(page, 'balance-available'))
  await expect(page.getByTestId('home-claims-empty').textContent()).resolves.toContain('还没有申报')
  await screenshot(page, SUITE, '01-home-before')

  // 申报 → the catalogue → 清扫院落及门前卫生.
  await page.locator('.weui-tabbar__item').filter({ hasText: '申报' }).click()
  await page.getByTestId('rule-item-rule-clean-yard').click()
  await page.getByTestId('claim-form-rule').waitFor()
  await expect(text(page, 'claim-form-rule-name')).resolves.toBe('清扫院落及门前卫生')
  await expect(text(page, 'claim-form-points')).resolves.toBe('+1 分')
  await expect(page.getByTestId('claim-form-rule').textContent()).resolves.toContain('需拍照')
  await expect(page.getByTestId('claim-form-rule').textContent()).resolves.toContain('每月最多 8 次')
  // 地点 starts as the courtyard; 时间 as now (today), and the form says how far back a claim may go.
  await expect(page.getByTestId('claim-place').locator('input').inputValue()).resolves.toContain('1排3号院')
  await expect(text(page, 'claim-date')).resolves.toContain('今天')
  await expect(page.getByTestId('claim-field-time').textContent()).resolves.toContain('31 天')
  await screenshot(page, SUITE, '02-form')
  // 日期 opens a picker (h5: Taro's; weapp: WeChat's own); 取消 leaves today.
  await page.getByTestId('claim-date').click()
  const picker = page.locator('.weui-picker').first()
  await picker.waitFor()
  await screenshot(page, SUITE, '02b-date-picker')
  await picker.locator('.weui-picker__action').first().click()
  await picker.waitFor({ state: 'hidden' })
  await expect(text(page, 'claim-date')).resolves.toContain('今天')

  // Submitting an empty form says what is missing, next to each field; nothing is filed.
  await page.getByTestId('claim-submit').click()
  await expect(page.getByTestId('claim-field-description').textContent()).resolves.toContain('请简单说明做了什么')
  await expect(page.getByTestId('claim-field-photos').textContent()).resolves.toContain('这一项需要照片')
  await expect(page.getByTestId('claim-submit-error').textContent()).resolves.toContain('有 2 处没有填好')
  await screenshot(page, SUITE, '03-form-missing')

  await page.getByTestId('claim-description').locator('textarea').fill('清扫了院子和门前的落叶，垃圾倒进了分类桶')
  await attachPhoto(page, photoFile(1))
  await page.locator('[data-testid="photo-0"][data-status="done"]').waitFor()
  await expect(page.getByTestId('photo-0').textContent()).resolves.toContain('已上传')
  await expect(page.getByTestId('claim-field-description').textContent()).resolves.not.toContain('请简单说明')
  await expect(page.getByTestId('claim-field-photos').textContent()).resolves.not.toContain('这一项需要照片')
  await expect(page.getByTestId('claim-submit-error').count()).resolves.toBe(0) // fixed fields: no red left
  await screenshot(page, SUITE, '04-form-filled')

  await page.getByTestId('claim-submit').click()
  await page.getByTestId('claim-detail').waitFor()
  await expect(text(page, 'claim-detail-status')).resolves.toBe('等院长先看')
  await expect(page.getByTestId('claim-submitted-banner').textContent()).resolves.toContain('等院长先看')
  await expect(text(page, 'claim-detail-name')).resolves.toBe('清扫院落及门前卫生')
  await expect(page.getByTestId('claim-detail-description').textContent()).resolves.toContain('清扫了院子')
  await expect(page.getByTestId('claim-timeline').textContent()).resolves.toContain('提交申报')
  await expect(page.getByTestId('timeline-waiting').textContent()).resolves.toContain('等院长先看')
  await page.getByTestId('claim-detail-photo-0').waitFor()
  await screenshot(page, SUITE, '05-detail-submitted')
  const claimId = new URL(page.url().replace('#', '')).searchParams.get('id')!
  expect(claimId).toMatch(/^cl-/)

  // The head passes it (初审), then the grid worker (审核): through the API; their pages are built elsewhere.
  const head = await cloud.api('claims', 'review', { claimId, decision: 'pass' }, 'demo-head')
  expect(head.ok).toBe(true)
  const grid = await cloud.api('claims', 'review', { claimId, decision: 'pass' }, 'demo-grid')
  expect(grid.ok).toBe(true)

  // The claim now reads 已通过, with who decided each step.
  await page.reload()
  await page.getByTestId('claim-detail').waitFor()
  await expect(text(page, 'claim-detail-status')).resolves.toBe('已通过')
  const timeline = (await page.getByTestId('claim-timeline').textContent()) ?? ''
  expect(timeline).toContain('院长先看 · 通过')
  expect(timeline).toContain('王建国')
  expect(timeline).toContain('网格员确认 · 通过')
  expect(timeline).toContain('陈静')
  await expect(page.getByTestId('claim-withdraw').count()).resolves.toBe(0)
  await screenshot(page, SUITE, '06-detail-approved')

  // 首页 → the balance card → 我的积分: one point more, and the ledger says what for.
  await page.goto(`${cloud.url}/#/pages/index/index`)
  await page.getByTestId('balance-card').waitFor()
  await expect(page.getByTestId('home-claims').textContent()).resolves.toContain('已通过')
  await screenshot(page, SUITE, '07-home-after')
  await page.getByTestId('balance-card').click()
  await page.getByTestId('ledger-list').waitFor()
  await expect(page.getByTestId('balance-available').last().textContent()).resolves.toBe(String(before + 1))
  const line = page.locator('[data-testid^="ledger-"]').filter({ hasText: '清扫院落及门前卫生' }).first()
  await expect(line.textContent()).resolves.toContain('+1')
  await expect(line.getByTestId('ledger-delta').textContent()).resolves.toBe('+1')
  await screenshot(page, SUITE, '08-points')

  // 积分排行: my own row is marked.
  await page.getByTestId('points-leaderboard').click()
  await page.getByTestId('leaderboard-list').waitFor()
  const mine = page.locator('[data-mine="true"]')
  await expect(mine.textContent()).resolves.toContain('张秀英')
  await expect(mine.textContent()).resolves.toContain('1 分')
  await screenshot(page, SUITE, '09-leaderboard')
})

test('我的申报 lists claims newest first with their status, filters them, and a returned claim gets a new photo, then is withdrawn', async () => {
  // Two claims by the API (uploaded the way the app uploads): one returned by the head, one still waiting.
  const returned = await cloud.api<{ claim: { id: string } }>(
    'claims',
    'submit',
    buildClaim({ ruleId: 'rule-clean-yard', photos: [await upload(cloud, 'demo-resident-2', photoBytes(21))], description: '打扫楼道' }),
    'demo-resident-2',
  )
  if (!returned.ok) throw new Error(returned.message)
  const back = await cloud.api('claims', 'review', { claimId: returned.data.claim.id, decision: 'return', reason: '照片不清楚，请重新拍一张' }, 'demo-head')
  expect(back.ok).toBe(true)
  const waiting = await cloud.api('claims', 'submit', buildClaim({ ruleId: 'rule-suggestion', description: '建议在院门口装一盏灯' }), 'demo-resident-2')
  if (!waiting.ok) throw new Error(waiting.message)

  const page = await phonePage(browser)
  await agreedToPrivacy(page.context())
  await signIn(page, 'demo-resident-2')
  await page.locator('.weui-tabbar__item').filter({ hasText: '我的' }).click()
  await page.getByTestId('me-my-claims').click()
  await page.getByTestId('my-claims-list').waitFor()
  // (h5 keeps the tab pages in the document: look inside this list only.)
  const rows = page.getByTestId('my-claims-list').locator('[data-testid^="claim-row-"]')
  await waitForCount(rows, 2)
  await expect(rows.nth(0).textContent()).resolves.toContain('等院长先看') // the newer one first
  await expect(rows.nth(1).textContent()).resolves.toContain('退回补充')
  await screenshot(page, SUITE, '10-my-claims')

  await page.getByTestId('claim-filter-returned').click()
  await waitForCount(rows, 1)
  await expect(rows.first().textContent()).resolves.toContain('退回补充')
  await page.getByTestId('claim-filter-approved').click()
  await page.getByTestId('my-claims-empty').waitFor()
  await page.getByTestId('claim-filter-returned').click()
  await page.getByTestId('my-claims-list').getByTestId(`claim-row-${returned.data.claim.id}`).click()

  // The returned claim: the reason in plain words, then 补充材料 right under it.
  await page.getByTestId('claim-detail').waitFor()
  await expect(text(page, 'claim-detail-status')).resolves.toBe('退回补充')
  await expect(page.getByTestId('claim-detail-status-line').textContent()).resolves.toContain('照片不清楚')
  const resubmit = page.getByTestId('claim-resubmit')
  await resubmit.waitFor()
  await screenshot(page, SUITE, '11-detail-returned')

  // A photo a claim already used (张秀英's, above): the warning stands under it as soon as it is up, before anything
  // is sent, as on the claim form. It goes again.
  await attachPhoto(page, photoFile(1), resubmit.getByTestId('photo-add'))
  await waitForText(resubmit.getByTestId('photo-warning-1'), '这张照片以前用过')
  await screenshot(page, SUITE, '11a-resubmit-used-before')
  await resubmit.getByTestId('photo-delete-1').click()
  await expect(resubmit.locator('[data-testid^="photo-"][data-status]').count()).resolves.toBe(1)

  // A clearer photo instead of the old one, and send it again.
  await attachPhoto(page, photoFile(22), resubmit.getByTestId('photo-add'))
  await resubmit.locator('[data-testid="photo-1"][data-status="done"]').waitFor()
  await resubmit.getByTestId('photo-delete-0').click()
  await expect(resubmit.locator('[data-testid^="photo-"][data-status]').count()).resolves.toBe(1)
  await screenshot(page, SUITE, '12-resubmit-photos')
  await page.getByTestId('claim-resubmit-button').click()
  await page.getByTestId('claim-detail-status').filter({ hasText: '等院长先看' }).waitFor()
  await expect(page.getByTestId('claim-timeline').textContent()).resolves.toContain('补充材料后重新提交')
  await expect(page.getByTestId('claim-resubmit').count()).resolves.toBe(0)
  const sent = await cloud.api<{ claim: { photos: string[] } }>('claims', 'get', { claimId: returned.data.claim.id }, 'demo-resident-2')
  expect(sent.ok && sent.data.claim.photos.length).toBe(1)

  // Changed my mind: 撤回, after a confirmation.
  await page.getByTestId('claim-withdraw').click()
  const modal = page.locator('.taro-modal__content')
  await modal.waitFor()
  await screenshot(page, SUITE, '13-withdraw-confirm')
  await modal.getByText('撤回', { exact: true }).click()
  await page.getByTestId('claim-detail-status').filter({ hasText: '已撤回' }).waitFor()
  await expect(page.getByTestId('claim-withdraw').count()).resolves.toBe(0)
  await screenshot(page, SUITE, '14-detail-withdrawn')
})
