/** The points shop as the e2e tests reach it: a person's balance and a voucher's code (through the API), and 兑换 on the page. */
import type { Page } from 'playwright-core'
import { screenshot } from './browser'
import { ok, type TestCloud } from './cloud'

/** What `openid` can spend now. */
export async function availablePoints(cloud: TestCloud, openid: string): Promise<number> {
  return (await ok(cloud.api('points', 'balance', {}, openid))).available
}

/** A fresh redemption code for the resident's voucher, as her QR page would show it (good for 60 seconds). */
export async function voucherCode(cloud: TestCloud, voucherId: string): Promise<string> {
  return (await ok(cloud.api('shop', 'code', { voucherId }, 'demo-resident'), '取码')).code
}

/** 兑换 tab → an offer → 兑换 → 确认兑换 → the new voucher's page; answers the voucher id. `shots` names the two screenshots. */
export async function exchange(page: Page, offerId: string, shots?: { suite: string; offer: string; confirm: string }): Promise<string> {
  await page.locator('.weui-tabbar__item').filter({ hasText: '兑换' }).click()
  await page.locator(`[data-testid="offer-card"][data-offer-id="${offerId}"]`).click()
  await page.getByTestId('offer-detail').waitFor()
  await page.getByTestId('exchange-button').waitFor()
  if (shots) await screenshot(page, shots.suite, shots.offer)
  await page.getByTestId('exchange-button').click()
  await page.getByTestId('exchange-sheet').waitFor()
  if (shots) await screenshot(page, shots.suite, shots.confirm)
  await page.getByTestId('exchange-confirm').click()
  await page.getByTestId('voucher-detail').waitFor()
  return new URL(page.url().replace('#', '')).searchParams.get('id')!
}
