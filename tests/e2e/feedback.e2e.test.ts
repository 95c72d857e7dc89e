/**
 * Feedback where the eye is (issue 12), in Chromium on the h5 build: on the claim form, a photo a claim of this
 * community already used says so under the photo as soon as it is uploaded, before anything is submitted; a field left
 * wrong says why the moment the resident moves on, and again as it changes. Screenshots in test-results/feedback/.
 */
import { phonePage, screenshot } from '../support/browser'
import { buildClaim, photoBytes, upload } from '../support/claims'
import { attachPhoto, useE2E, waitForText } from '../support/e2e'
import { agreedToPrivacy } from '../support/privacy'

const SUITE = 'feedback'
const { cloud, browser, signIn, photoFile } = useE2E(SUITE)

test('a photo used before is flagged under it before submitting; an emptied place says why once left', async () => {
  // 李明 filed a claim with this very photo (the same bytes) earlier.
  const earlier = await cloud.api<{ claim: { id: string; createdAt: string } }>(
    'claims',
    'submit',
    buildClaim({ photos: [await upload(cloud, 'demo-resident-2', photoBytes(1201))] }),
    'demo-resident-2',
  )
  if (!earlier.ok) throw new Error(earlier.message)
  const [month, day] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', month: 'numeric', day: 'numeric' })
    .formatToParts(new Date(earlier.data.claim.createdAt))
    .filter((p) => p.type === 'month' || p.type === 'day')
    .map((p) => Number(p.value))

  const page = await phonePage(browser)
  await agreedToPrivacy(page.context())
  await signIn(page, 'demo-resident')
  await page.locator('.weui-tabbar__item').filter({ hasText: '申报' }).click()
  await page.getByTestId('rule-item-rule-clean-yard').click()
  await page.getByTestId('claim-form-rule').waitFor()

  // Leave 地点 empty and move on to 做了什么: its error shows at once, before any submit.
  const place = page.getByTestId('claim-place').locator('input')
  await place.fill('')
  await page.getByTestId('claim-description').locator('textarea').click()
  await waitForText(page.getByTestId('claim-field-place'), '请写明地点')
  await expect(page.getByTestId('claim-submit-error').count()).resolves.toBe(0) // nothing was submitted
  // Having shown its error, the field is checked as it changes: one character is still too short, two are enough.
  await place.fill('院')
  await waitForText(page.getByTestId('claim-field-place'), '请写明地点')
  await place.fill('院门口')
  await page.getByTestId('claim-field-place').getByText('请写明地点').waitFor({ state: 'detached' })
  await place.fill('')
  await waitForText(page.getByTestId('claim-field-place'), '请写明地点')
  await screenshot(page, SUITE, '01-place-left-empty')

  // A fresh photo: uploaded, nothing to warn of.
  await attachPhoto(page, photoFile(1202))
  await page.locator('[data-testid="photo-0"][data-status="done"]').waitFor()
  // The photo used before: the warning stands under it as soon as it is checked, before the resident submits.
  await attachPhoto(page, photoFile(1201))
  await page.locator('[data-testid="photo-1"][data-status="done"]').waitFor()
  const warning = page.getByTestId('photo-warning-1')
  await waitForText(warning, `这张照片以前用过（${month}月${day}日）`)
  await expect(page.getByTestId('photo-warning-0').count()).resolves.toBe(0)
  await expect(page.getByTestId('photo-0').textContent()).resolves.toContain('已上传')
  // It does not say whose: 张秀英 may not see who 李明 is.
  await expect(warning.textContent()).resolves.not.toContain('李明')
  await expect(page.getByTestId('claim-detail').count()).resolves.toBe(0)
  await screenshot(page, SUITE, '02-photo-used-before')
})
