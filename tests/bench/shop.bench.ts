/**
 * `npm run bench:shop` — the 积分超市 measured through the function gateway:
 *   1. emulator requests of one exchange and one redemption: the whole call, and its transaction from start to
 *      commit (target: one transaction of at most 8 requests);
 *   2. 200 residents exchanging at once against a stock of 100: exactly 100 vouchers, nobody charged without one,
 *      and the throughput.
 */
process.env.TENCENTCLOUD = 'true'
import { startCloud } from '../support/cloud'
import { delta, insert, measure, ok, total } from './support'

async function main() {
  const cloud = await startCloud({ env: { LOCAL_CLOUD_SCHEDULER: 'off' } })
  const note = (s: string) => console.log(s)
  try {
    const validUntil = new Date(Date.now() + 30 * 86_400_000).toISOString()
    const saveOffer = async (title: string, stock: number, perResidentLimit: number) =>
      ok(await cloud.api('shop', 'saveOffer', { title, kind: 'goods', points: 2, stock, perResidentLimit, validUntil, merchantId: 'demo-merchant-shanzhi' }, 'demo-admin')).offer.id

    // 1. One exchange and one redemption.
    const offerId = await saveOffer('基准测试品', 1000, 100)
    ok(await cloud.api('points', 'adjust', { residentId: 'demo-r-resident', delta: 500, reason: '基准测试', requestId: 'bench-shop-points' }, 'demo-admin'))
    for (let i = 0; i < 5; i++) ok(await cloud.api('shop', 'exchange', { offerId, requestId: `bench-warm-${i}` }, 'demo-resident'))
    let voucherId = ''
    const ex = await measure(cloud, async () => {
      voucherId = ok(await cloud.api('shop', 'exchange', { offerId, requestId: 'bench-measured' }, 'demo-resident')).voucher.id
    })
    const { code } = ok(await cloud.api('shop', 'code', { voucherId }, 'demo-resident'))
    const rd = await measure(cloud, async () => ok(await cloud.api('shop', 'redeem', { code }, 'demo-merchant')))
    note(`shop.exchange：整个调用 ${total(ex.requests)} 次请求，事务 ${ex.transactions.length} 个，事务内（开始到提交）${ex.transactions.join('、')} 次  ${JSON.stringify(ex.requests)}`)
    note(`shop.redeem：整个调用 ${total(rd.requests)} 次请求，事务 ${rd.transactions.length} 个，事务内（开始到提交）${rd.transactions.join('、')} 次  ${JSON.stringify(rd.requests)}`)

    // 2. 200 residents at once, stock 100.
    const N = 200
    const STOCK = 100
    const residents = Array.from({ length: N }, (_, i) => ({
      _id: `race-r-${i}`,
      name: `抢购居民${i}`,
      openid: `race-u-${i}`,
      communityId: 'demo-community',
      gridId: 'demo-grid-1',
      courtyardId: 'demo-courtyard-1',
      householdId: `race-hh-${i}`,
    }))
    await insert(cloud, 'residents', residents)
    await insert(
      cloud,
      'users',
      residents.map((r) => ({ _id: r.openid, name: r.name, communityId: r.communityId, residentId: r._id, householdId: r.householdId })),
    )
    for (const r of residents) ok(await cloud.api('points', 'adjust', { residentId: r._id, delta: 10, reason: '基准测试', requestId: `race-points-${r._id}` }, 'demo-admin'))
    const raceOffer = await saveOffer('限量抢兑', STOCK, 1)
    const raceBefore = await cloud.stats()
    const started = process.hrtime.bigint()
    const answers = await Promise.all(residents.map((r) => cloud.api('shop', 'exchange', { offerId: raceOffer, requestId: `race-${r._id}` }, r.openid)))
    const seconds = Number(process.hrtime.bigint() - started) / 1e9
    const raceRequests = delta(raceBefore, await cloud.stats())
    const won = answers.filter((a) => a.ok).length
    const codes: Record<string, number> = {}
    for (const a of answers) if (!a.ok) codes[a.code] = (codes[a.code] ?? 0) + 1
    const db = cloud.sdk().database()
    const vouchers = (await db.collection('vouchers').where({ offerId: raceOffer }).count()).total
    const stock = ((await db.collection('offers').doc(raceOffer).get()).data[0] as { stock: number }).stock
    let charged = 0
    for (let i = 0; i < N; i += 100) {
      const accounts = (await db.collection('accounts').where({ _id: db.command.in(residents.slice(i, i + 100).map((r) => `res:${r._id}`)) }).limit(100).get()).data as { balanceTenths: number }[]
      for (const a of accounts) charged += a.balanceTenths === 80 ? 1 : 0
    }
    note(`${N} 人同时兑换库存 ${STOCK} 的商品：成功 ${won}，其余 ${JSON.stringify(codes)}；券 ${vouchers} 张，剩余库存 ${stock}，被扣分的人 ${charged}`)
    note(`这期间本地云答复了 ${total(raceRequests)} 次数据库请求（${(total(raceRequests) / seconds).toFixed(0)} 次/秒）：${JSON.stringify(raceRequests)}`)
    note(`用时 ${seconds.toFixed(2)} 秒：${(N / seconds).toFixed(0)} 个答复/秒，${(won / seconds).toFixed(0)} 次成功兑换/秒`)
    if (won !== STOCK || vouchers !== STOCK || stock !== 0 || charged !== STOCK) throw new Error('超卖或少卖了：见上面的数字')
  } finally {
    await cloud.stop()
  }
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
