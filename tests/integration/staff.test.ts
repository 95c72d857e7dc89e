/**
 * Staff screens' server side (issue 12), through the real local cloud and its function gateway:
 *  - `points.balance`, `points.ledger` and `points.resident` with a `residentId`: the admin for the whole community, a
 *    head for their courtyard, a grid worker for their grid; anyone else AUTH.FORBIDDEN, another community NOT_FOUND;
 *  - the monthly hygiene inspection awards: paid once when the month closes (by the timer or the admin), never twice
 *    (closing again, the button, the timer again), and with `awardInspectionsAtClose` off, not until the button.
 */
import { ok, startCloud, type TestCloud } from '../support/cloud'

const DAY = 86_400_000
let cloud: TestCloud

/** Courtyard 1 (head demo-head) and 2 (demo-head-2) lie in grid 1 (demo-grid); grid 2 below is built here. */
const IN_YARD_1 = 'demo-r-resident'
const IN_YARD_2 = 'demo-r-head-2'
let inGrid2 = ''
const ELSEWHERE = 'other-r-1'

beforeAll(async () => {
  cloud = await startCloud()
  // A second grid with a courtyard, a household and a resident; 李明 (demo-resident-2) becomes its grid worker.
  const grid = await ok(cloud.api('org', 'saveNode', { type: 'grid', parentId: 'demo-community', name: '第二网格', requestId: 'staff-grid-2' }, 'demo-admin'))
  const yard = await ok(cloud.api('org', 'saveNode', { type: 'courtyard', parentId: grid.node._id, name: '第二网格1号院', requestId: 'staff-yard-3' }, 'demo-admin'))
  const home = await ok(cloud.api('org', 'saveNode', { type: 'household', parentId: yard.node._id, name: '孙大爷家', requestId: 'staff-home-3' }, 'demo-admin'))
  inGrid2 = (await ok(cloud.api('org', 'addResident', { householdId: home.node._id, name: '孙大爷', requestId: 'staff-resident-3' }, 'demo-admin'))).resident.id
  await ok(cloud.api('org', 'assignRole', { openid: 'demo-resident-2', role: 'grid', nodeId: grid.node._id }, 'demo-admin'))
  // A resident of another community, written as the store holds one.
  await cloud
    .sdk()
    .database()
    .collection('residents')
    .doc(ELSEWHERE)
    .set({ name: '外社区居民', openid: null, communityId: 'other-community', gridId: 'og', courtyardId: 'oc', householdId: 'oh' })
  // Something to see: 2 points for 张秀英.
  await ok(cloud.api('points', 'adjust', { residentId: IN_YARD_1, delta: 2, reason: '查询测试', requestId: 'staff-adjust-1' }, 'demo-admin'))
})
afterAll(() => cloud?.stop())

const OK = 'ok'
/** Who asks (rows) about whom (columns): the answer expected of every staff read. */
const MATRIX: [caller: string, who: string, expected: Record<string, string>][] = [
  ['demo-admin', '工作小组', { yard1: OK, yard2: OK, grid2: OK, elsewhere: 'NOT_FOUND' }],
  ['demo-head', '1号院院长', { yard1: OK, yard2: 'AUTH.FORBIDDEN', grid2: 'AUTH.FORBIDDEN', elsewhere: 'NOT_FOUND' }],
  ['demo-head-2', '2号院院长', { yard1: 'AUTH.FORBIDDEN', yard2: OK, grid2: 'AUTH.FORBIDDEN', elsewhere: 'NOT_FOUND' }],
  ['demo-grid', '网格员（网格 1）', { yard1: OK, yard2: OK, grid2: 'AUTH.FORBIDDEN', elsewhere: 'NOT_FOUND' }],
  ['demo-resident-2', '网格员（网格 2，也是 1号院居民）', { yard1: 'AUTH.FORBIDDEN', yard2: 'AUTH.FORBIDDEN', grid2: OK, elsewhere: 'NOT_FOUND' }],
  ['demo-resident', '居民', { yard1: OK, yard2: 'AUTH.FORBIDDEN', grid2: 'AUTH.FORBIDDEN', elsewhere: 'NOT_FOUND' }],
  ['demo-merchant', '店员', { yard1: 'AUTH.FORBIDDEN', yard2: 'AUTH.FORBIDDEN', grid2: 'AUTH.FORBIDDEN', elsewhere: 'NOT_FOUND' }],
]
const TARGETS = { yard1: () => IN_YARD_1, yard2: () => IN_YARD_2, grid2: () => inGrid2, elsewhere: () => ELSEWHERE }

describe.each(['balance', 'ledger', 'resident'] as const)('points.%s with a residentId', (action) => {
  test.each(MATRIX)('%s (%s)', async (caller, _who, expected) => {
    for (const [target, residentId] of Object.entries(TARGETS)) {
      const answer = await cloud.api('points', action, { residentId: residentId() }, caller)
      expect([target, answer.ok ? OK : answer.code]).toEqual([target, expected[target]])
    }
  })
})

test('what a head sees of a resident of their courtyard: the same balance and ledger the resident sees, and their claims, vouchers and listings', async () => {
  const own = await ok(cloud.api('points', 'balance', {}, 'demo-resident'))
  const seen = await ok(cloud.api('points', 'balance', { residentId: IN_YARD_1 }, 'demo-head'))
  expect(seen).toEqual({ available: own.available, pending: own.pending, held: own.held, household: own.household, householdWallet: false })
  // The head's own balance keeps their 院长积分; a resident's, asked about, does not carry it.
  expect(await ok(cloud.api('points', 'balance', {}, 'demo-head'))).toHaveProperty('courtyardScore')
  const ledger = await ok(cloud.api('points', 'ledger', { residentId: IN_YARD_1 }, 'demo-head'))
  expect(ledger.items.map((e) => e.id)).toEqual((await ok(cloud.api('points', 'ledger', {}, 'demo-resident'))).items.map((e) => e.id))
  expect(ledger.items[0]).toMatchObject({ delta: 2, kind: 'adjustment', note: '查询测试' })
  const about = await ok(cloud.api('points', 'resident', { residentId: IN_YARD_1 }, 'demo-head'))
  expect(about.resident).toMatchObject({ id: IN_YARD_1, name: '张秀英', courtyardId: 'demo-courtyard-1', householdName: '张秀英家', hasPhone: true, deleted: false })
  expect(Array.isArray(about.claims) && Array.isArray(about.vouchers) && Array.isArray(about.listings)).toBe(true)
})

describe('hygiene inspection awards at month close', () => {
  /** The functions' clock on the 3rd of the month after `month`, 10:00 in Beijing. */
  const thirdAfter = (month: string) => new Date(`${month}-01T10:00:00+08:00`).getTime() + 33 * DAY
  const monthOf = (ms: number) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' }).format(new Date(ms))
  /** Every inspection award in the ledger: who got how much for which inspection. */
  const paid = async () => {
    const rows = (await cloud.sdk().database().collection('ledger').where({ 'source.type': 'inspection' }).limit(1000).get()).data as { _id: string; residentId: string; delta: number; source: { id: string } }[]
    return rows.map((r) => `${r.source.id}|${r.residentId}|${r.delta}`).sort()
  }
  let third = ''

  test('the timer’s close pays the top three once; closing again, 发放奖励 and another tick pay nothing more', async () => {
    // A third courtyard in grid 1, so that there is a first, a second and a third; and a fourth, which earns nothing.
    const yard3 = await ok(cloud.api('org', 'saveNode', { type: 'courtyard', parentId: 'demo-grid-1', name: '莲花新区3排1号院', requestId: 'staff-yard-c' }, 'demo-admin'))
    const home3 = await ok(cloud.api('org', 'saveNode', { type: 'household', parentId: yard3.node._id, name: '钱阿姨家', requestId: 'staff-home-c' }, 'demo-admin'))
    await ok(cloud.api('org', 'addResident', { householdId: home3.node._id, name: '钱阿姨', requestId: 'staff-res-c' }, 'demo-admin'))
    third = yard3.node._id
    const month = monthOf(Date.now())
    await ok(cloud.api('governance', 'inspect', { courtyardId: 'demo-courtyard-2', month, score: 95 }, 'demo-grid'))
    await ok(cloud.api('governance', 'inspect', { courtyardId: 'demo-courtyard-1', month, score: 88 }, 'demo-grid'))
    await ok(cloud.api('governance', 'inspect', { courtyardId: third, month, score: 70 }, 'demo-grid'))
    expect(await paid()).toEqual([])

    await cloud.setClock(thirdAfter(month) - Date.now())
    const tick = await ok(cloud.api<{ closed: string[]; failures: unknown[] }>('jobs', 'tick', {}, null))
    expect(tick.closed).toContain(`demo-community:${month}`)
    expect(tick.failures).toEqual([])
    const first = await paid()
    // Courtyard 2 (1st): 赵桂兰 3; courtyard 1 (2nd): its four residents 2 each; the third courtyard: 钱阿姨 1.
    expect(first.filter((p) => p.startsWith(`demo-courtyard-2:${month}|`))).toEqual([`demo-courtyard-2:${month}|demo-r-head-2|30`])
    expect(first.filter((p) => p.startsWith(`demo-courtyard-1:${month}|`))).toHaveLength(4)
    expect(first.filter((p) => p.startsWith(`demo-courtyard-1:${month}|`)).every((p) => p.endsWith('|20'))).toBe(true)
    expect(first.filter((p) => p.startsWith(`${third}:${month}|`))).toHaveLength(1)
    const board = await ok(cloud.api('governance', 'inspections', { month }, 'demo-admin'))
    expect(board.items.map((i) => [i.courtyardId, i.rank, i.awarded])).toEqual([
      ['demo-courtyard-2', 1, true],
      ['demo-courtyard-1', 2, true],
      [third, 3, true],
    ])

    // Closing again (the admin), the button, and the next tick: the same awards, nothing paid twice.
    await ok(cloud.api('governance', 'closeMonth', { month }, 'demo-admin'))
    const again = await ok(cloud.api('governance', 'awardInspections', { month }, 'demo-admin'))
    expect(again.awards.map((a) => [a.rank, a.points, a.households])).toEqual([
      [1, 3, 1],
      [2, 2, 4],
      [3, 1, 1],
    ])
    await ok(cloud.api('jobs', 'tick', {}, null))
    expect(await paid()).toEqual(first)
    // The month's ranking stands once paid.
    expect(await cloud.api('governance', 'inspect', { courtyardId: 'demo-courtyard-1', month, score: 99 }, 'demo-grid')).toMatchObject({ ok: false, code: 'INPUT.INVALID' })
  })

  test('with 结月时自动发放 off the close pays nothing; 发放奖励 pays, once', async () => {
    const settings = await ok(cloud.api('org', 'updateSettings', { awardInspectionsAtClose: false }, 'demo-admin'))
    expect(settings.settings.awardInspectionsAtClose).toBe(false)
    // The clock stands in the month after the first test's; inspect that month, then move past it and close it.
    const month = monthOf(thirdAfter(monthOf(Date.now())))
    await ok(cloud.api('governance', 'inspect', { courtyardId: 'demo-courtyard-1', month, score: 90 }, 'demo-grid'))
    await ok(cloud.api('governance', 'inspect', { courtyardId: third, month, score: 80 }, 'demo-grid'))
    const before = await paid()
    await cloud.setClock(thirdAfter(month) - Date.now())
    await ok(cloud.api('governance', 'closeMonth', { month }, 'demo-admin'))
    await ok(cloud.api('jobs', 'tick', {}, null))
    expect(await paid()).toEqual(before)
    const headBefore = (await ok(cloud.api('points', 'balance', {}, 'demo-head'))).available

    const { awards } = await ok(cloud.api('governance', 'awardInspections', { month }, 'demo-admin'))
    expect(awards.map((a) => [a.courtyard, a.rank, a.points])).toEqual([
      ['莲花新区1排3号院', 1, 3],
      ['莲花新区3排1号院', 2, 2],
    ])
    const after = await paid()
    expect(after.length - before.length).toBe(5)
    expect((await ok(cloud.api('points', 'balance', {}, 'demo-head'))).available).toBe(headBefore + 3)
    await ok(cloud.api('governance', 'awardInspections', { month }, 'demo-admin'))
    expect(await paid()).toEqual(after)
    await cloud.setClock(0)
  })
})
