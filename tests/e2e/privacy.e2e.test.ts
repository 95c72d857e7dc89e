/**
 * 隐私 in Chromium on the h5 build: before the first photo the resident meets the privacy sheet (用户隐私保护指引) — 不同意
 * opens nothing, 同意 opens the album and is remembered; then 我的数据与隐私 shows what is held, exports it, and files a
 * deletion request, which the office carries out from its home page. Screenshots in test-results/privacy/.
 */
import { PRIVACY_STORAGE_KEY } from '../../src/core/privacy'
import { phonePage, screenshot } from '../support/browser'
import { fileChooserAfter, text, useE2E } from '../support/e2e'

const SUITE = 'privacy'
const { cloud, browser, signIn, photoFile } = useE2E(SUITE)

test('before the first photo the privacy sheet asks; 不同意 opens nothing, 同意 opens the album and is remembered', async () => {
  const file = photoFile(7)
  const page = await phonePage(browser)
  await signIn(page, 'demo-resident')
  await page.locator('.weui-tabbar__item').filter({ hasText: '申报' }).click()
  await page.getByTestId('rule-item-rule-clean-yard').click()
  await page.getByTestId('claim-form-rule').waitFor()

  // 添加照片: the sheet, not the album.
  const none = await fileChooserAfter(page, () => page.getByTestId('photo-add').click(), 1500)
  expect(none).toBeNull()
  const sheet = page.getByTestId('privacy-sheet')
  await sheet.waitFor()
  expect(await text(sheet)).toContain('用户隐私保护指引')
  expect(await text(page.getByTestId('privacy-summary'))).toContain('照片只给审核的院长、网格员和社区工作人员看')
  expect(await text(page.getByTestId('privacy-agree'))).toBe('同意')
  expect(await text(page.getByTestId('privacy-disagree'))).toBe('不同意')
  await screenshot(page, SUITE, '01-sheet')
  // The whole guideline, in h5 (weapp opens WeChat's own page).
  await page.getByTestId('privacy-open-guide').click()
  expect(await text(page.getByTestId('privacy-details'))).toContain('谁能看到')
  await screenshot(page, SUITE, '02-sheet-guide')

  // 不同意: nothing opens, no photo; the answer is kept, and the next tap asks again.
  await page.getByTestId('privacy-disagree').click()
  await sheet.waitFor({ state: 'detached' })
  await expect(page.locator('[data-testid^="photo-"][data-status]').count()).resolves.toBe(0)
  expect(await page.evaluate((key) => window.localStorage.getItem(key), PRIVACY_STORAGE_KEY)).toContain('disagree')

  // 同意: the album opens at once, and the photo goes up.
  await page.getByTestId('photo-add').click()
  await sheet.waitFor()
  const chooser = await fileChooserAfter(page, () => page.getByTestId('privacy-agree').click())
  expect(chooser).not.toBeNull()
  await chooser!.setFiles(file)
  await page.locator('[data-testid="photo-0"][data-status="done"]').waitFor()
  await expect(sheet.count()).resolves.toBe(0)
  expect(await page.evaluate((key) => window.localStorage.getItem(key), PRIVACY_STORAGE_KEY)).toContain('"agree"')
  await screenshot(page, SUITE, '03-photo-added')

  // Remembered: another form, straight to the album.
  await page.goto(`${cloud.url}/#/pages-resident/claim-form/index?ruleId=rule-clean-yard`)
  await page.getByTestId('claim-form-rule').waitFor()
  const direct = await fileChooserAfter(page, () => page.getByTestId('photo-add').click())
  expect(direct).not.toBeNull()
  await expect(page.getByTestId('privacy-sheet').count()).resolves.toBe(0)
})

test('我的数据与隐私 shows what is held, exports it and files a deletion request; the office carries it out', async () => {
  const page = await phonePage(browser)
  await signIn(page, 'demo-resident-2')
  await page.locator('.weui-tabbar__item').filter({ hasText: '我的' }).click()
  await page.getByTestId('me-my-data').click()
  const held = page.getByTestId('my-data-held')
  await held.waitFor()
  expect(await text(page.getByTestId('my-data-name'))).toBe('李明')
  expect(await text(page.getByTestId('my-data-household'))).toBe('李明家')
  expect(await text(page.getByTestId('my-data-birth-year'))).toBe('1986 年')
  expect(await text(page.getByTestId('my-data-claims'))).toBe('0 条')
  await screenshot(page, SUITE, '04-my-data')

  // 导出我的数据: the workbook is made and its link stays on the page.
  const download = page.waitForEvent('download').catch(() => null)
  await page.getByTestId('my-data-export').click()
  await page.getByTestId('my-data-export-done').waitFor()
  const href = await page.getByTestId('my-data-export-download').getAttribute('href')
  expect((await fetch(href!)).status).toBe(200)
  await download
  expect(await text(page.getByTestId('my-data-export-download'))).toMatch(/^下载 我的数据-\d{4}-\d{2}-\d{2}\.xlsx$/)

  // The guideline, in h5 as text.
  await page.getByTestId('my-data-guide').click()
  expect(await text(page.getByTestId('my-data-privacy'))).toContain('保存多久')
  await screenshot(page, SUITE, '05-my-data-guide')

  // 申请注销: a sheet says what goes and what stays; 再想想 changes nothing, 确认 files it.
  await page.getByTestId('my-data-delete').click()
  const confirm = page.getByTestId('my-data-delete-sheet')
  await confirm.waitFor()
  expect(await text(confirm)).toContain('每一条积分记录')
  await screenshot(page, SUITE, '06-delete-sheet')
  await page.getByTestId('my-data-delete-cancel').click()
  await confirm.waitFor({ state: 'detached' })
  await page.getByTestId('my-data-delete').click()
  await page.getByTestId('my-data-delete-confirm').click()
  await page.getByTestId('my-data-deletion-pending').waitFor()
  expect(await text(page.getByTestId('my-data-deletion-pending'))).toContain('您已申请注销')
  await screenshot(page, SUITE, '07-delete-pending')

  // The office: 注销申请 under 待我处理, 处理, confirm.
  const office = await phonePage(browser)
  await signIn(office, 'demo-admin')
  await office.getByTestId('home-admin').click()
  const section = office.getByTestId('admin-deletions')
  await section.waitFor()
  const row = section.locator('[data-testid^="admin-deletion-dr-"]')
  await row.waitFor()
  expect(await text(row)).toContain('李明')
  await screenshot(office, SUITE, '08-admin-requests')
  await row.locator('[data-testid^="admin-deletion-process-"]').click()
  const sheet = office.getByTestId('admin-deletion-sheet')
  await sheet.waitFor()
  expect(await text(sheet)).toContain('为李明办理注销')
  await screenshot(office, SUITE, '09-admin-confirm')
  await office.getByTestId('admin-deletion-confirm').click()
  await office.getByTestId('admin-deletions-empty').waitFor()
  await screenshot(office, SUITE, '10-admin-done')

  // 李明 is no longer a member here.
  await page.reload()
  await page.getByTestId('not-joined').first().waitFor()
  const me = await cloud.api('user', 'me', {}, 'demo-resident-2')
  expect(me).toMatchObject({ ok: false, code: 'AUTH.UNAUTHENTICATED' })
  await screenshot(page, SUITE, '11-after-deletion')
})

test('the clerk’s scan page asks before the camera opens; 不同意 leaves the typed code, and it can ask again', async () => {
  const page = await phonePage(browser)
  await signIn(page, 'demo-merchant')
  await page.getByTestId('merchant-scan-button').click()
  await page.getByTestId('scan-page').waitFor()
  const sheet = page.getByTestId('privacy-sheet')
  await sheet.waitFor()
  // Nothing is filming while the question is open.
  await expect(page.evaluate(() => document.querySelectorAll('video').length)).resolves.toBe(0)
  await screenshot(page, SUITE, '12-scan-sheet')
  await page.getByTestId('privacy-disagree').click()
  await page.getByTestId('scan-no-consent').waitFor()
  await expect(page.getByTestId('scan-camera').count()).resolves.toBe(0)
  await expect(page.getByTestId('scan-album').count()).resolves.toBe(0)
  await page.getByTestId('scan-code-input').waitFor()
  await screenshot(page, SUITE, '13-scan-declined')
  // Asked again, agreed: the camera part opens (this headless browser has no camera, and says so in words).
  await page.getByTestId('scan-ask-consent').click()
  await sheet.waitFor()
  await page.getByTestId('privacy-agree').click()
  await page.locator('[data-testid="scan-camera"], [data-testid="scan-camera-problem"]').first().waitFor()
  await page.getByTestId('scan-album').waitFor()
  await expect(page.getByTestId('scan-no-consent').count()).resolves.toBe(0)
})
