/**
 * The model-based simulation (issue 10) in `npm test`: a fixed seed and a bounded number of runs, each a fresh
 * community on one local cloud and a random sequence of claims, reviews, exchanges, redemptions, adjustments,
 * reversals, lists, month closes, objections, settings and clock-moved ticks, with the invariants of tests/sim/
 * invariants.ts checked after every step. `npm run fuzz` runs the same for longer with random seeds.
 * First, each invariant is shown to catch what it is there for (a test that cannot fail proves nothing).
 */
import fc from 'fast-check'
import { monthKey, periodRange } from '../../src/core/period'
import { startCloud, type TestCloud } from '../support/cloud'
import { afterStep, leaks } from '../sim/invariants'
import { newModel } from '../sim/model'
import { describeFailure, simulation } from '../sim/run'
import { createWorld, DEFAULT_INVARIANTS, newStats } from '../sim/world'

const SEED = 20_261_110
const RUNS = 15
const MAX_COMMANDS = 30

let cloud: TestCloud
beforeAll(async () => {
  cloud = await startCloud({ empty: true })
})
afterAll(() => cloud?.stop())

test('each invariant catches a world that breaks it', async () => {
  // (a)–(d) through afterStep on a world broken by hand; (f) through its check on made-up answers (a product that
  // leaked would fail the runs below, not this); (e) is the tick's own answer.
  const w = await createWorld(cloud, newStats(), new Set(['a', 'b', 'c', 'd'] as const))
  const m = newModel()
  const db = cloud.sdk().database()
  const broken = async (pattern: RegExp) => expect(afterStep(m, w)).rejects.toThrow(pattern)
  await afterStep(m, w)

  const r1 = w.people.find((p) => p.key === 'r1')!
  const voucher = (await w.must<{ voucher: { id: string } }>('shop', 'exchange', { offerId: w.offers[0].id, requestId: `check-${w.nonce}` }, r1.openid)).voucher
  await afterStep(m, w)
  const account = `res:${r1.residentId}`
  const balance = ((await db.collection('accounts').doc(account).get()).data as { balanceTenths: number }[])[0].balanceTenths

  // (a) a balance its entries do not add up to; (b) a negative stock; (c) a refund the voucher does not know of.
  await db.collection('accounts').doc(account).update({ balanceTenths: balance + 1 })
  await broken(/\(a\) 账户 res:/)
  await db.collection('accounts').doc(account).update({ balanceTenths: balance })
  await db.collection('offers').doc(w.offers[0].id).update({ stock: -1 })
  await broken(/\(b\) 商品 .* 的库存是负数/)
  await db.collection('offers').doc(w.offers[0].id).update({ stock: w.offers[0].stock - 1 })
  await db.collection('ledger').add({ _id: `stray-${w.nonce}`, communityId: w.communityId, accountId: `stray:${w.nonce}`, delta: 0, kind: 'reversal', reverses: `voucher:${voucher.id}` })
  await broken(/\(c\) 券 .* 是 issued，应有 0 笔退分，台账里有 1 笔/)
  await db.collection('ledger').doc(`stray-${w.nonce}`).remove()
  await afterStep(m, w)

  // (d) an entry of a closed month changed afterwards.
  const month = monthKey(w.now())
  await w.setClock(periodRange(month).end.getTime() + 3 * 3_600_000 - Date.now())
  await w.must('governance', 'closeMonth', { month }, w.admin.openid)
  await afterStep(m, w)
  await db.collection('ledger').doc(`voucher:${voucher.id}`).update({ operator: 'someone-else' })
  await broken(/\(d\) .* 的校验链不成立/)
  await db.collection('ledger').doc(`voucher:${voucher.id}`).update({ operator: r1.openid })
  await afterStep(m, w)

  // (f) another resident's name or household name, or anyone's openid; one's own are fine.
  const r3 = w.people.find((p) => p.key === 'r3')!
  expect(leaks(w, r1, 'x', { name: r3.name })).toHaveLength(1)
  expect(leaks(w, r1, 'x', { name: `${r3.name}家` })).toHaveLength(1)
  expect(leaks(w, r1, 'x', { by: w.grid.openid })).toHaveLength(1)
  expect(leaks(w, r1, 'x', { name: '李*花', own: r1.name, household: r1.householdName, by: r1.openid })).toEqual([])
}, 60_000)

test(`${RUNS} random runs of up to ${MAX_COMMANDS} steps keep every invariant (seed ${SEED})`, async () => {
  const stats = newStats()
  const details = await fc.check(simulation({ cloud: () => cloud, stats, checks: new Set(DEFAULT_INVARIANTS), maxCommands: MAX_COMMANDS, shrinkBudgetMs: 30_000 }), { seed: SEED, numRuns: RUNS })
  if (details.failed) throw new Error(describeFailure(details))
  // Not vacuous: every run acted, and the paths that matter went through, not only refusals.
  expect(stats.runs).toBe(RUNS)
  expect(stats.steps).toBeGreaterThan(RUNS * 10)
  const reached = ['claims.submit', 'claims.review', 'shop.exchange', 'shop.redeem', 'shop.cancel', 'points.adjust', 'points.reverse', 'governance.propose', 'governance.closeMonth', 'governance.object', 'governance.resolve', 'org.updateSettings', 'jobs.tick']
  expect(reached.filter((action) => !stats.answers[action]?.ok)).toEqual([])
}, 170_000)
