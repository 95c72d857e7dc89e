/**
 * Readability (issue 12): every page of src/app.config.ts, opened by each role that uses it, on a 320 px wide phone with
 * the demo data loaded (and a few of its sheets opened): body text ≥ 16 px (the tab labels aside), tap targets ≥ 44 × 44,
 * text contrast ≥ 4.5 : 1, nothing wider than the screen, no English words or raw ids. The measuring and its short list
 * of exemptions are tests/support/readability.ts (checked on bad pages by tests/unit/readability.test.ts). A failure lists
 * every offence: route, role, rule, element, text and the measured value. A page added to app.config.ts without a row
 * here fails the first test. Screenshots in test-results/readability/.
 */
import fs from 'node:fs'
import path from 'node:path'
import { screenshot } from '../support/browser'
import { submitClaimWithPhoto } from '../support/claims'
import { ok } from '../support/cloud'
import { useE2E } from '../support/e2e'
import { agreedToPrivacy } from '../support/privacy'
import { describeOffences, readabilityOffences, watchClickHandlers } from '../support/readability'

const SUITE = 'readability'
const { cloud, phoneAs, visit } = useE2E(SUITE)

// resident2 (李明) has no claim and no voucher: the empty states. newcomer has not joined.
const PEOPLE = {
  resident: 'demo-resident',
  resident2: 'demo-resident-2',
  院长: 'demo-head',
  网格员: 'demo-grid',
  clerk: 'demo-merchant',
  admin: 'demo-admin',
  newcomer: 'readability-newcomer',
} as const
type Role = keyof typeof PEOPLE

/** Filled in by beforeAll: ids of records the demo data does not hold (a claim, a voucher, a listing). */
const made: Record<string, string> = {}

/**
 * [role, route (ids as {claim} {voucher} {listing}), the test id that says the page is there, and optionally a control to
 * tap and the sheet (or part) it opens, measured too, and a screenshot name].
 */
type Row = [Role, string, string, { tap?: string; sheet?: string; shot?: string }?]
const PAGES: Row[] = [
  // The tabs and the main package.
  ['resident', 'pages/index/index', 'home-claims', { shot: 'resident-home' }],
  ['resident2', 'pages/index/index', 'home-claims-empty'],
  ['院长', 'pages/index/index', 'me-name'],
  ['网格员', 'pages/index/index', 'me-name'],
  ['clerk', 'pages/index/index', 'me-name'],
  ['admin', 'pages/index/index', 'me-name'],
  ['newcomer', 'pages/index/index', 'not-joined'],
  ['resident', 'pages/claim/index', 'claim-intro', { shot: 'resident-claim' }],
  ['院长', 'pages/claim/index', 'claim-intro'],
  ['resident', 'pages/shop/index', 'offer-list'],
  ['院长', 'pages/shop/index', 'offer-list'],
  ['resident', 'pages/me/index', 'me-my-data'],
  ['院长', 'pages/me/index', 'me-my-data'],
  ['网格员', 'pages/me/index', 'me-my-data'],
  ['clerk', 'pages/me/index', 'me-my-data'],
  ['admin', 'pages/me/index', 'me-admin'],
  ['resident', 'pages/claim-detail/index?id={claim}', 'claim-detail', { shot: 'resident-claim-detail' }],
  ['院长', 'pages/claim-detail/index?id={claim}', 'claim-detail'],
  ['网格员', 'pages/claim-detail/index?id={claim}', 'claim-detail'],
  ['admin', 'pages/claim-detail/index?id={claim}', 'claim-detail'],
  ['resident', 'pages/dev-login/index', 'dev-openid'],
  // 居民.
  ['resident', 'pages-resident/claim-form/index?ruleId=rule-clean-yard', 'claim-form-rule'],
  ['resident', 'pages-resident/my-claims/index', 'my-claims-list'],
  ['resident2', 'pages-resident/my-claims/index', 'my-claims-empty'],
  ['resident', 'pages-resident/points/index', 'ledger-list'],
  ['resident', 'pages-resident/leaderboard/index', 'leaderboard-list'],
  ['admin', 'pages-resident/leaderboard/index', 'leaderboard-list'],
  ['resident', 'pages-resident/my-data/index', 'my-data-page'],
  ['admin', 'pages-resident/my-data/index', 'my-data-page'],
  // 院长 and 网格员.
  ['院长', 'pages-review/queue/index', 'review-queue', { tap: 'review-reject', sheet: 'reason-sheet', shot: 'head-reason-sheet' }],
  ['网格员', 'pages-review/queue/index', 'review-queue'],
  ['院长', 'pages-review/proxy/index', 'proxy-residents'],
  ['网格员', 'pages-review/proxy/index', 'proxy-residents'],
  ['院长', 'pages-review/invite/index', 'invite-courtyard-demo-courtyard-1', { tap: 'invite-issue', sheet: 'invite-result', shot: 'head-invite-code' }],
  ['admin', 'pages-review/invite/index', 'invite-courtyard-demo-courtyard-1'],
  ['院长', 'pages-review/resident/index', 'lookup-list'],
  ['网格员', 'pages-review/resident/index', 'lookup-list'],
  ['admin', 'pages-review/resident/index', 'lookup-list'],
  ['网格员', 'pages-review/deductions/index', 'deductions-page'],
  ['admin', 'pages-review/deductions/index', 'deductions-page'],
  ['newcomer', 'pages-join/index', 'join-page'],
  // 工作小组.
  ['admin', 'pages-admin/index', 'admin-home', { shot: 'admin-home' }],
  ['admin', 'pages-admin/org/index', 'org-page'],
  ['admin', 'pages-admin/rules/index', 'rules-admin'],
  ['admin', 'pages-admin/offers/index', 'admin-offers-page'],
  ['admin', 'pages-admin/merchants/index', 'merchants-page', { tap: 'merchant-invite-demo-merchant-shanzhi', sheet: 'clerk-invite-result', shot: 'admin-clerk-invite' }],
  ['admin', 'pages-admin/settlement/index', 'settlement-page'],
  ['admin', 'pages-admin/months/index', 'months-page'],
  ['admin', 'pages-admin/objections/index', 'objections-page'],
  ['admin', 'pages-admin/lists/index', 'admin-lists-page'],
  ['admin', 'pages-admin/settings/index', 'settings-page'],
  ['admin', 'pages-admin/audit/index', 'audit-list'],
  ['admin', 'pages-admin/dashboard/index', 'dashboard-page'],
  ['admin', 'pages-admin/party/index', 'party-page'],
  ['admin', 'pages-admin/inspections/index', 'awards-page'],
  // 公示与监督.
  ['resident', 'pages-governance/publicity/index', 'publicity-page'],
  ['admin', 'pages-governance/publicity/index', 'publicity-page'],
  ['resident', 'pages-governance/print/index', 'print-page'],
  ['resident', 'pages-governance/objection/index?listingId={listing}', 'objection-form'],
  ['resident', 'pages-governance/my-objections/index', 'my-objections'],
  ['resident', 'pages-governance/lists/index', 'listing-list'],
  ['网格员', 'pages-governance/lists/index', 'listing-list'],
  ['网格员', 'pages-governance/propose/index', 'propose-form'],
  ['admin', 'pages-governance/propose/index', 'propose-form'],
  ['网格员', 'pages-governance/inspect/index', 'inspect-page'],
  // 积分超市.
  ['resident', 'pages-shop/offer/index?id=offer-toothpaste', 'exchange-button', { tap: 'exchange-button', sheet: 'exchange-sheet', shot: 'resident-exchange-sheet' }],
  ['resident', 'pages-shop/vouchers/index', 'vouchers-list'],
  ['resident2', 'pages-shop/vouchers/index', 'vouchers-empty'],
  ['resident', 'pages-shop/voucher/index?id={voucher}', 'voucher-detail', { shot: 'resident-voucher' }],
  // 商家.
  ['clerk', 'pages-merchant/scan/index', 'scan-page', { shot: 'clerk-scan' }],
  ['clerk', 'pages-merchant/history/index', 'history-page'],
  ['clerk', 'pages-merchant/offers/index', 'merchant-offers-page'],
  ['clerk', 'pages-merchant/offer-edit/index', 'offer-form'],
  ['admin', 'pages-merchant/offer-edit/index', 'offer-form'],
]

/**
 * Rows that still fail on a page someone else is changing now (not to be edited here), keyed `role route` as in PAGES,
 * each with its offence: left out of the run below and reported to the page's owner. Empty: every page passes.
 */
const KNOWN: Record<string, string> = {}

beforeAll(async () => {
  // A claim waiting for the 院长, points to spend, a voucher, a confirmed 红榜 listing to object to.
  made.claim = (await submitClaimWithPhoto(cloud, 'demo-resident', 1201)).id
  await ok(cloud.api('points', 'adjust', { residentId: 'demo-r-resident', delta: 30, reason: '可读性测试：奖励', requestId: 'readability-adjust' }, 'demo-admin'), '调整')
  made.voucher = (await ok(cloud.api('shop', 'exchange', { offerId: 'offer-detergent', requestId: 'readability-exchange' }, 'demo-resident'), '兑换')).voucher.id
  made.listing = (
    await ok(cloud.api('governance', 'propose', { list: 'red', residentId: 'demo-r-resident-2', reason: '帮邻居修好了水管', points: 2, requestId: 'readability-red' }, 'demo-admin'), '上红榜')
  ).listing.id
})

test('every page of app.config.ts has a row (or is KNOWN)', () => {
  const config = fs.readFileSync(path.resolve(__dirname, '../../src/app.config.ts'), 'utf8')
  const main = [...config.slice(0, config.indexOf('subPackages')).matchAll(/'(pages\/[\w-]+\/index)'/g)].map((m) => m[1])
  const sub = [...config.matchAll(/root: '([\w-]+)',[\s\S]*?pages: \[([^\]]*)\]/g)].flatMap((m) => [...m[2].matchAll(/'([\w/-]+)'/g)].map((p) => `${m[1]}/${p[1]}`))
  expect(main.length).toBeGreaterThanOrEqual(5)
  expect(sub.length).toBeGreaterThanOrEqual(30)
  const covered = new Set([...PAGES.map((r) => r[1]), ...Object.keys(KNOWN).map((k) => k.split(' ')[1])].map((route) => route.split('?')[0]))
  expect([...main, ...sub].filter((p) => !covered.has(p))).toEqual([])
})

test.each(PAGES.filter(([role, route]) => !KNOWN[`${role} ${route}`]))('%s: %s reads well at 320 px', async (role, route, testId, extra = {}) => {
  const page = await phoneAs(PEOPLE[role])
  await page.setViewportSize({ width: 320, height: 640 })
  await watchClickHandlers(page)
  await agreedToPrivacy(page.context())
  await visit(page, route.replace(/\{(\w+)\}/g, (_, key: string) => encodeURIComponent(made[key])), testId)
  // Loaded: no spinner left, the fonts drawn.
  await page.waitForFunction(() => !document.querySelector('.sz-page-state--loading') && document.fonts.status === 'loaded')
  await page.waitForTimeout(300)
  const offences = await readabilityOffences(page)
  if (extra.tap) {
    await page.getByTestId(extra.tap).first().click()
    await page.getByTestId(extra.sheet!).waitFor()
    await page.waitForTimeout(400)
    offences.push(...(await readabilityOffences(page, `[data-testid="${extra.sheet}"]`)).map((o) => ({ ...o, selector: `(${extra.sheet} open) ${o.selector}` })))
  }
  if (extra.shot) await screenshot(page, SUITE, extra.shot)
  await page.context().close()
  expect(describeOffences(`${route} (${role})`, offences)).toBe('')
})
