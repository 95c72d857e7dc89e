/**
 * `npm run bench:points` — the claims and points functions, measured through the function gateway:
 *   1. database round trips per action (from /_emulator/stats): the final approval's transaction,
 *      points.balance, a leaderboard page;
 *   2. points.balance and a leaderboard page with 1,000 residents, then with 10,000 residents and
 *      200,000 ledger entries: the ratio (target ≤ 1.5, measured in one run).
 */
process.env.TENCENTCLOUD = 'true'
import { monthKey, yearKey } from '../../src/core/period'
import { buildClaim } from '../support/claims'
import { startCloud, type TestCloud } from '../support/cloud'
import { committedSizes, insert, roundTrips, total } from './support'

async function median(n: number, call: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 20; i++) await call()
  const times: number[] = []
  for (let i = 0; i < n; i++) {
    const t = process.hrtime.bigint()
    await call()
    times.push(Number(process.hrtime.bigint() - t) / 1e6)
  }
  return times.sort((a, b) => a - b)[Math.floor(n / 2)]
}

/** Residents `from`..`to` with accounts and scores, and `entriesEach` ledger entries each. */
async function seedPopulation(cloud: TestCloud, from: number, to: number, entriesEach: number) {
  const now = new Date()
  const month = monthKey(now)
  const year = yearKey(now)
  const residents = []
  const users = []
  const accounts = []
  const ledger = []
  for (let i = from; i < to; i++) {
    const householdId = `bench-hh-${Math.floor(i / 3)}`
    residents.push({ _id: `bench-r-${i}`, name: `居民${i}`, openid: `bench-u-${i}`, communityId: 'demo-community', gridId: 'demo-grid-1', courtyardId: 'demo-courtyard-1', householdId })
    users.push({ _id: `bench-u-${i}`, name: `居民${i}`, communityId: 'demo-community', residentId: `bench-r-${i}`, householdId })
    const score = (i * 7919) % 500
    accounts.push({ _id: `res:bench-r-${i}`, kind: 'resident', communityId: 'demo-community', ownerId: `bench-r-${i}`, balanceTenths: score, pendingTenths: 0 })
    accounts.push({ _id: `sc:${month}:resident:bench-r-${i}`, kind: 'score', communityId: 'demo-community', level: 'resident', nodeId: `bench-r-${i}`, name: `居民${i}`, period: month, bucket: `demo-community|resident|${month}`, scoreTenths: score })
    for (let k = 0; k < entriesEach; k++) {
      ledger.push({ _id: `bench-e-${i}-${k}`, accountId: `res:bench-r-${i}`, communityId: 'demo-community', residentId: `bench-r-${i}`, delta: 5, kind: 'credit', source: { type: 'claim', id: `bench-c-${i}-${k}` }, at: new Date(now.getTime() - k * 3_600_000).toISOString(), month, year, balanceAfter: 5 * (k + 1), projected: true })
    }
  }
  await insert(cloud, 'residents', residents)
  await insert(cloud, 'users', users)
  await insert(cloud, 'accounts', accounts)
  await insert(cloud, 'ledger', ledger)
}

async function main() {
  const cloud = await startCloud({ env: { LOCAL_CLOUD_SCHEDULER: 'off' } })
  const lines: string[] = []
  const note = (s: string) => {
    console.log(s)
    lines.push(s)
  }
  try {
    // 1. Round trips.
    const rule = await cloud.api('rules', 'save', { categoryId: 'cat-other', name: '基准测试条目', points: 1, photosRequired: false, capPerMonth: 0 }, 'demo-admin')
    if (!rule.ok) throw new Error(rule.message)
    const submitted = await cloud.api<{ claim: { id: string } }>('claims', 'submit', buildClaim({ ruleId: rule.data.rule.id }), 'demo-resident')
    if (!submitted.ok) throw new Error(submitted.message)
    const claimId = submitted.data.claim.id
    await cloud.api('claims', 'review', { claimId, decision: 'pass' }, 'demo-head')
    const sizesBefore = (await committedSizes(cloud)).length
    const approval = await roundTrips(cloud, () => cloud.api('claims', 'review', { claimId, decision: 'pass' }, 'demo-grid'))
    const [credit, projection] = (await committedSizes(cloud)).slice(sizesBefore)
    note(`终审通过：入账事务 ${credit} 次请求（目标 ≤ 8，含开始与提交）；之后计分投影事务 ${projection} 次；整个动作 ${total(approval)} 次（含身份、通知）`)
    const month = monthKey(new Date())
    const balance = await roundTrips(cloud, () => cloud.api('points', 'balance', {}, 'demo-resident'))
    note(`points.balance：${total(balance)} 次数据库请求，先后 2 轮（读调用者；再同时读账户与社区设置）（目标 ≤ 2 轮）`)
    const board = await roundTrips(cloud, () => cloud.api('points', 'leaderboard', { level: 'resident', period: 'month', key: month }, 'demo-resident'))
    note(`排行榜一页：${total(board)} 次数据库请求，先后 2 轮（读调用者；再同时读一页分数与黑榜名单）（目标 ≤ 2 轮）`)

    // 2. Scale.
    const call = {
      balance: () => cloud.api('points', 'balance', {}, 'bench-u-7'),
      board: () => cloud.api('points', 'leaderboard', { level: 'resident', period: 'month', key: month }, 'bench-u-7'),
      boardDeep: () => cloud.api('points', 'leaderboard', { level: 'resident', period: 'month', key: month, cursor: '500' }, 'bench-u-7'),
    }
    let t = Date.now()
    await seedPopulation(cloud, 0, 1_000, 20)
    const small = { balance: await median(300, call.balance), board: await median(300, call.board), deep: await median(300, call.boardDeep) }
    note(`1 千居民（写入 ${((Date.now() - t) / 1000).toFixed(1)} 秒）：余额 ${small.balance.toFixed(2)} ms，排行榜第 1 页 ${small.board.toFixed(2)} ms，第 26 页 ${small.deep.toFixed(2)} ms`)
    t = Date.now()
    await seedPopulation(cloud, 1_000, 10_000, 20)
    const ledgerCount = await cloud.sdk().database().collection('ledger').count()
    const large = { balance: await median(300, call.balance), board: await median(300, call.board), deep: await median(300, call.boardDeep) }
    note(`1 万居民、${ledgerCount.total} 条台账（写入 ${((Date.now() - t) / 1000).toFixed(1)} 秒）：余额 ${large.balance.toFixed(2)} ms，排行榜第 1 页 ${large.board.toFixed(2)} ms，第 26 页 ${large.deep.toFixed(2)} ms`)
    note(`规模放大后之比：余额 ${(large.balance / small.balance).toFixed(2)}×，排行榜第 1 页 ${(large.board / small.board).toFixed(2)}×，第 26 页 ${(large.deep / small.deep).toFixed(2)}×（目标 ≤ 1.5×）`)
  } finally {
    await cloud.stop()
  }
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
