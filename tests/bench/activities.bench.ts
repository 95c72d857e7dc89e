/**
 * `npm run bench:activities` — 活动 check-in measured through the function gateway:
 *   1. emulator requests of one check-in: the whole call, and its transaction from start to commit (target: one
 *      transaction of at most 6 requests), for a resident who signed up and for a walk-in;
 *   2. 200 residents checking in at once to one activity (100 signed up, 100 walking in, places for all): everyone
 *      checks in exactly once, nothing crashes, and the time it took.
 */
process.env.TENCENTCLOUD = 'true'
import { startCloud } from '../support/cloud'
import { delta, insert, measure, ok, total } from './support'

async function main() {
  const cloud = await startCloud({ env: { LOCAL_CLOUD_SCHEDULER: 'off' } })
  const note = (s: string) => console.log(s)
  try {
    const startMs = Date.now() + 3 * 3600_000
    const publish = async (title: string, capacity: number) =>
      ok(
        await cloud.api<{ activity: { id: string } }>(
          'activities',
          'save',
          { title, place: '社区广场', startAt: new Date(startMs).toISOString(), endAt: new Date(startMs + 2 * 3600_000).toISOString(), capacity, points: 2, requestId: `bench-${title}` },
          'demo-admin',
        ),
      ).activity.id
    const N = 200
    const residents = Array.from({ length: N }, (_, i) => ({
      _id: `act-r-${i}`,
      name: `签到居民${i}`,
      openid: `act-u-${i}`,
      communityId: 'demo-community',
      gridId: 'demo-grid-1',
      courtyardId: 'demo-courtyard-1',
      householdId: `act-hh-${i}`,
    }))
    await insert(cloud, 'residents', residents)
    await insert(cloud, 'users', residents.map((r) => ({ _id: r.openid, name: r.name, communityId: r.communityId, residentId: r._id, householdId: r.householdId })))

    // 1. One check-in of each kind.
    const first = await publish('单次签到', 10)
    ok(await cloud.api('activities', 'signup', { activityId: first }, 'demo-resident'))
    await cloud.setClock(startMs - Date.now())
    const code = () => cloud.api<{ code: string }>('activities', 'checkinCode', { activityId: first }, 'demo-admin').then(ok)
    const c1 = (await code()).code
    const signed = await measure(cloud, async () => ok(await cloud.api('activities', 'checkin', { code: c1 }, 'demo-resident')))
    const walkIn = await measure(cloud, async () => ok(await cloud.api('activities', 'checkin', { code: c1 }, 'demo-resident-2')))
    note(`activities.checkin（已报名）：整个调用 ${total(signed.requests)} 次请求，事务 ${signed.transactions.length} 个，事务内（开始到提交）${signed.transactions.join('、')} 次`)
    note(`activities.checkin（未报名，占名额）：整个调用 ${total(walkIn.requests)} 次请求，事务 ${walkIn.transactions.length} 个，事务内（开始到提交）${walkIn.transactions.join('、')} 次`)
    if ([...signed.transactions, ...walkIn.transactions].some((n) => n > 6)) throw new Error('签到的事务超过了 6 次请求')

    // 2. 200 at once: half signed up beforehand, half walking in.
    await cloud.setClock(0)
    const race = await publish('两百人签到', N)
    for (const r of residents.slice(0, N / 2)) ok(await cloud.api('activities', 'signup', { activityId: race }, r.openid))
    await cloud.setClock(startMs - Date.now())
    const raceCode = ok(await cloud.api<{ code: string }>('activities', 'checkinCode', { activityId: race }, 'demo-admin')).code
    const before = await cloud.stats()
    const started = process.hrtime.bigint()
    const answers = await Promise.all(residents.map((r) => cloud.api('activities', 'checkin', { code: raceCode }, r.openid)))
    const seconds = Number(process.hrtime.bigint() - started) / 1e9
    const requests = delta(before, await cloud.stats())
    const codes: Record<string, number> = {}
    for (const a of answers) if (!a.ok) codes[a.code] = (codes[a.code] ?? 0) + 1
    const db = cloud.sdk().database()
    const attended = ((await db.collection('activitySignups').where({ activityId: race }).limit(1000).get()).data as { attendedAt: string | null }[]).filter((s) => s.attendedAt).length
    const taken = ((await db.collection('activities').doc(race).get()).data[0] as { taken: number }).taken
    note(`${N} 人同时签到（${N / 2} 人已报名，${N / 2} 人现场签到）：成功 ${answers.filter((a) => a.ok).length}，其余 ${JSON.stringify(codes)}；签到记录 ${attended}，占用名额 ${taken}`)
    note(`这期间本地云答复了 ${total(requests)} 次数据库请求（${(total(requests) / seconds).toFixed(0)} 次/秒）：${JSON.stringify(requests)}`)
    note(`用时 ${seconds.toFixed(2)} 秒：${(N / seconds).toFixed(0)} 次签到/秒`)
    if (attended !== N || taken !== N || answers.some((a) => !a.ok)) throw new Error('有人没签上或签了两次：见上面的数字')
  } finally {
    await cloud.stop()
  }
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
