/**
 * Go live from nothing, in Chromium on the h5 build: an empty local cloud (DEMO=0), `npm run setup` prints the
 * 管理员邀请码; a new WeChat user (an openid typed on 切换身份) joins with it and is the admin; in 社区管理 → 组织架构
 * they add a grid and a courtyard and issue an invite; a second new user joins with that code and claims with a photo.
 * Screenshots in test-results/bootstrap/.
 */
import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { phonePage, screenshot } from '../support/browser'
import { attachPhoto, text, useE2E } from '../support/e2e'

const SUITE = 'bootstrap'
const root = path.resolve(__dirname, '../..')
const { cloud, browser, signInAsNewUser, joinWith, fillNameSheet, tempPath, photoFile } = useE2E(SUITE, { empty: true })

test('setup on an empty cloud; the first admin joins, builds a grid and a courtyard, invites; a villager joins and claims with a photo', async () => {
  // npm run setup, as a person runs it against the local cloud.
  const run = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'scripts', 'setup.ts'), '--community', '石桥村', '--local', cloud.url, '--out', tempPath('setup')], {
    cwd: root,
    encoding: 'utf8',
  })
  expect(run.status).toBe(0)
  const adminCode = /^管理员邀请码：([2-9A-HJKMNP-Z]{8})$/m.exec(run.stdout)?.[1]
  expect(adminCode).toBeTruthy()

  // The first admin: a WeChat user nobody knows yet.
  const admin = await phonePage(browser)
  await signInAsNewUser(admin, 'wx-shiqiao-admin', '01-type-identity')
  await screenshot(admin, SUITE, '02-not-joined')
  await joinWith(admin, adminCode!, '刘书记', '03-join-admin-code')
  await expect(admin.locator('body').textContent()).resolves.toContain('石桥村')
  await screenshot(admin, SUITE, '04-admin-home')

  // 社区管理 → 组织架构: the community and nothing under it.
  await admin.getByTestId('home-admin').click()
  await admin.getByTestId('admin-home').waitFor()
  await admin.getByTestId('admin-org').click()
  await admin.getByTestId('org-page').waitFor()
  await expect(admin.getByTestId('org-page').textContent()).resolves.toContain('0 个网格')
  await screenshot(admin, SUITE, '05-org-empty')

  await admin.getByTestId('org-add-grid').click()
  await fillNameSheet(admin, '石桥网格', '06-add-grid')
  const grid = admin.locator('[data-testid^="org-grid-"]').filter({ hasText: '石桥网格' })
  await grid.waitFor()
  await grid.locator('[data-testid^="org-add-courtyard-"]').click()
  await fillNameSheet(admin, '石桥村东头院子', '07-add-courtyard')
  const courtyard = admin.locator('[data-testid^="org-courtyard-"]').filter({ hasText: '石桥村东头院子' })
  await courtyard.waitFor()
  await expect(courtyard.textContent()).resolves.toContain('院长：未设')
  await screenshot(admin, SUITE, '08-org-built')

  // 邀请居民: a code for the new courtyard, each use a new household.
  await courtyard.locator('[data-testid^="org-invite-"]').click()
  await admin.getByTestId('invite-issue').waitFor()
  await screenshot(admin, SUITE, '09-invite-form')
  await admin.getByTestId('invite-issue').click()
  await admin.getByTestId('invite-result').waitFor()
  const display = await text(admin, 'invite-code')
  expect(display).toMatch(/^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/)
  await expect(text(admin, 'invite-where')).resolves.toContain('石桥村东头院子')
  await screenshot(admin, SUITE, '10-invite-code')

  // A villager: another new WeChat user joins with that code.
  const villager = await phonePage(browser)
  await signInAsNewUser(villager, 'wx-shiqiao-villager', '11-villager-identity')
  await joinWith(villager, display, '张大娘', '12-villager-join')
  await expect(villager.locator('body').textContent()).resolves.toContain('张大娘家')
  await screenshot(villager, SUITE, '13-villager-home')

  // 申报: the setup's catalogue; 清扫院落及门前卫生 with a photo.
  await villager.locator('.weui-tabbar__item').filter({ hasText: '申报' }).click()
  const item = villager.locator('[data-testid^="rule-item-"]').filter({ hasText: '清扫院落及门前卫生' })
  await item.waitFor()
  await screenshot(villager, SUITE, '14-catalogue')
  await item.click()
  await villager.getByTestId('claim-form-rule').waitFor()
  await villager.getByTestId('claim-description').locator('textarea').fill('扫了院子和门前的落叶')
  const photo = photoFile(777)
  // A new user meets the privacy sheet before the first photo, and agrees.
  await villager.getByTestId('photo-add').click()
  await villager.getByTestId('privacy-sheet').waitFor()
  await screenshot(villager, SUITE, '15-privacy-sheet')
  await attachPhoto(villager, photo, villager.getByTestId('privacy-agree'))
  await villager.locator('[data-testid="photo-0"][data-status="done"]').waitFor()
  await screenshot(villager, SUITE, '16-claim-filled')
  await villager.getByTestId('claim-submit').click()
  await villager.getByTestId('claim-detail').waitFor()
  // No head in the new courtyard yet: it waits for the grid worker.
  await expect(text(villager, 'claim-detail-status')).resolves.toBe('等网格员确认')
  await expect(text(villager, 'claim-detail-name')).resolves.toBe('清扫院落及门前卫生')
  await villager.getByTestId('claim-detail-photo-0').waitFor()
  await screenshot(villager, SUITE, '17-claim-submitted')

  // The claim is in the cloud, under the new community.
  const mine = await cloud.api('claims', 'mine', {}, 'wx-shiqiao-villager')
  expect(mine).toMatchObject({ ok: true, data: { items: [{ status: 'pre_approved', points: 1 }] } })
})
