/**
 * 社区设置's row for the daily learning cap (学习), in Chromium on the h5 build: 周海燕 reads that a resident gets at
 * most 5 learning points a day, steps it down to 0 (不限), saves, and the setting in force says so. Screenshots in
 * test-results/learning-settings/.
 */
import { phonePage } from '../support/browser'
import { ok } from '../support/cloud'
import { useE2E, waitForText } from '../support/e2e'

const SUITE = 'learning-settings'
const { cloud, browser, signIn, visit, screenshotWithoutToast } = useE2E(SUITE)

test('the office sets the daily learning cap to 0 (no cap) on 社区设置', async () => {
  const page = await phonePage(browser)
  await signIn(page, 'demo-admin')
  await visit(page, 'pages-admin/settings/index', 'settings-page')
  await expect(page.getByTestId('settings-saved-learningDailyCap').textContent()).resolves.toBe('最多 5 分')
  const field = page.getByTestId('settings-field-learningDailyCap')
  await expect(field.textContent()).resolves.toContain('每天学习积分上限')
  for (let i = 0; i < 5; i++) await page.getByTestId('settings-learningDailyCap-minus').click()
  await waitForText(page.getByTestId('settings-unsaved'), '有 1 项修改还没有保存')
  await screenshotWithoutToast(page, 'learning-settings-01-cap-zero', field)
  await page.getByTestId('settings-save').click()
  await page.getByTestId('settings-done').waitFor()
  await expect(page.getByTestId('settings-saved-learningDailyCap').textContent()).resolves.toBe('不限')
  await screenshotWithoutToast(page, 'learning-settings-02-saved', page.getByTestId('settings-saved'))
  const { settings } = await ok(cloud.api('org', 'settings', {}, 'demo-admin'), '设置')
  expect(settings.learningDailyCap).toBe(0)
})
