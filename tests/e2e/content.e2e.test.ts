/**
 * What a reviewer sees of content screening, in Chromium on the h5 build: a claim filed while the platform was
 * unreachable carries a note that its text was not checked (its photo is shown, marked); a photo whose result has not
 * come yet is not shown at all. Screenshots in test-results/content/.
 */
import { phonePage, screenshot } from '../support/browser'
import { submitClaimWithPhoto } from '../support/claims'
import { useE2E, waitForText } from '../support/e2e'

const SUITE = 'content'
const { cloud, browser, signIn } = useE2E(SUITE)

test('the head sees which text and photos the platform did not pass, and never a photo still being checked', async () => {
  await cloud.setPlatform({ down: true })
  const unchecked = (await submitClaimWithPhoto(cloud, 'demo-resident', 501, { description: '平台连不上的时候提交的申报' })).id
  await cloud.setPlatform({ down: false, mediaResultDelayMs: 60_000 })
  const checking = (await submitClaimWithPhoto(cloud, 'demo-resident', 502, { description: '照片还在安全检查的申报' })).id

  const page = await phonePage(browser)
  await signIn(page, 'demo-head')
  await page.goto(`${cloud.url}/#/pages-review/queue/index`)
  await page.getByTestId('review-queue').waitFor()

  const uncheckedCard = page.getByTestId(`review-card-${unchecked}`)
  await uncheckedCard.scrollIntoViewIfNeeded()
  await expect(uncheckedCard.getByTestId('review-card-screening').textContent()).resolves.toContain('没有经过检查')
  await uncheckedCard.getByTestId('review-photo-0').waitFor()
  await expect(uncheckedCard.textContent()).resolves.toContain('未经检查')
  await screenshot(page, SUITE, '01-unchecked-text-and-photo')

  const checkingCard = page.getByTestId(`review-card-${checking}`)
  await checkingCard.scrollIntoViewIfNeeded()
  await waitForText(checkingCard, '安全检查中')
  await expect(checkingCard.getByTestId('review-photo-0').count()).resolves.toBe(0)
  await expect(checkingCard.getByTestId('review-card-screening').count()).resolves.toBe(0)
  await screenshot(page, SUITE, '02-photo-being-checked')
})
