/**
 * Governance through the real SDK and the function gateway, with the functions' clock moved where a month must
 * pass: settings, both settlement modes from a claim to spendable points, the household wallet, month close (once),
 * the digest chain catching an edited entry, objections inside and after the window with an upheld one reversing
 * its entry, the black list suspending exchange and ranking until it ends, red lists, inspections, reports and the
 * audit log.
 */
import ExcelJS from 'exceljs'
import type { Listing, Objection, PublicityItem, Settings } from '../../src/core/governance'
import { buildClaim } from '../support/claims'
import { startCloud, type ApiAnswer, type TestCloud } from '../support/cloud'

const DAY = 86_400_000
let seq = 0
const rid = (label: string) => `${label}-${++seq}-${Date.now()}`

function data<T>(answer: ApiAnswer<T>): T {
  if (!answer.ok) throw new Error(`${answer.code}: ${answer.message}`)
  return answer.data
}

/** The month (Asia/Shanghai) of an instant. */
const monthOf = (ms: number) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' }).format(new Date(ms))

/** A test's own cloud, its clock, and the steps every scenario needs. */
function world() {
  let cloud: TestCloud
  let offset = 0
  let rule = ''
  const w = {
    get cloud() {
      return cloud
    },
    now: () => Date.now() + offset,
    month: () => monthOf(Date.now() + offset),
    async start() {
      cloud = await startCloud()
      rule = data(await cloud.api<{ rule: { id: string } }>('rules', 'save', { categoryId: 'cat-other', name: '参加楼院议事', points: 2, photosRequired: false, capPerMonth: 0 }, 'demo-admin')).rule.id
    },
    async stop() {
      await cloud?.stop()
    },
    async clock(ms: number) {
      offset = ms
      await cloud.setClock(ms)
    },
    api: <T>(fn: string, action: string, input: Record<string, unknown>, openid: string | null) => cloud.api<T>(fn, action, input, openid),
    /** A claim of demo-resident (or another of courtyard 1) taken through both reviews. */
    async approvedClaim(openid = 'demo-resident'): Promise<string> {
      const claim = data(await cloud.api<{ claim: { id: string } }>('claims', 'submit', buildClaim({ ruleId: rule, photos: [], occurredAt: new Date(w.now() - 3_600_000).toISOString() }), openid)).claim
      data(await cloud.api('claims', 'review', { claimId: claim.id, decision: 'pass' }, openid === 'demo-head' ? 'demo-grid' : 'demo-head'))
      if (openid !== 'demo-head') data(await cloud.api('claims', 'review', { claimId: claim.id, decision: 'pass' }, 'demo-grid'))
      return claim.id
    },
    balance: async (openid: string) => data(await cloud.api<{ available: number; pending: number; suspendedUntil?: string }>('points', 'balance', {}, openid)),
    settings: async (s: Partial<Settings>) => data(await cloud.api<{ settings: Settings }>('org', 'updateSettings', s, 'demo-admin')).settings,
    close: async (month: string) => data(await cloud.api<{ month: string; status: string; digest: string; previousDigest: string; windowEndsAt: string }>('governance', 'closeMonth', { month }, 'demo-admin')),
    board: async (month: string, openid = 'demo-resident-2') =>
      data(await cloud.api<{ status: string; items: PublicityItem[]; objectionsOpen: boolean; rankings?: Record<string, { id: string; score: number }[]> }>('governance', 'publicity', { month }, openid)),
    tick: async () => data(await cloud.api<{ closed: string[]; finalized: string[]; suspensionsEnded: number }>('jobs', 'tick', {}, null)),
  }
  return w
}

describe('settings', () => {
  const w = world()
  beforeAll(() => w.start())
  afterAll(() => w.stop())

  test('defaults, changes by the admin only, and refusals of bad values', async () => {
    expect(data(await w.api<{ settings: Settings }>('org', 'settings', {}, 'demo-resident')).settings).toEqual({
      settlement: 'instant',
      publicityDays: 7,
      householdWallet: false,
      suspensionMonths: 3,
      refundExpiredVouchers: true,
      awardInspectionsAtClose: true,
      learningDailyCap: 5,
      elderModeFrom70: false,
    })
    expect(await w.settings({ publicityDays: 10 })).toMatchObject({ publicityDays: 10, settlement: 'instant' })
    expect(await w.api('org', 'updateSettings', { publicityDays: 5 }, 'demo-resident')).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' })
    for (const bad of [{}, { publicityDays: 0 }, { settlement: 'weekly' }, { suspensionMonths: 1.5 }, { householdWallet: 'yes' }]) {
      expect(await w.api('org', 'updateSettings', bad, 'demo-admin')).toMatchObject({ ok: false, code: 'INPUT.INVALID' })
    }
    expect(data(await w.api<{ settings: Settings }>('org', 'settings', {}, 'demo-grid')).settings.publicityDays).toBe(10)
  })
})

describe('monthly settlement, the close and its publicity', () => {
  const w = world()
  beforeAll(() => w.start())
  afterAll(() => w.stop())

  test('approved points are pending, cannot be spent, and become available when the month’s publicity ends', async () => {
    await w.settings({ settlement: 'monthly', publicityDays: 7 })
    const month = w.month()
    await w.approvedClaim()
    expect(await w.balance('demo-resident')).toMatchObject({ available: 0, pending: 2 })
    expect(await w.api('shop', 'exchange', { offerId: 'offer-toothpaste', requestId: rid('ex') }, 'demo-resident')).toMatchObject({ ok: false, code: 'POINTS.INSUFFICIENT' })
    // The month cannot be closed before it is over.
    expect(await w.api('governance', 'closeMonth', { month }, 'demo-admin')).toMatchObject({ ok: false, code: 'INPUT.INVALID' })

    // Into the next month: the 1st after 02:00, the timer closes it (and only once).
    const next = new Date(`${month}-01T00:00:00+08:00`).getTime() + 32 * DAY
    const firstOfNext = new Date(`${monthOf(next)}-01T03:00:00+08:00`).getTime()
    await w.clock(firstOfNext - Date.now())
    const tick = await w.tick()
    expect(tick.closed).toContain(`demo-community:${month}`)
    const closed = await w.close(month)
    expect(closed).toMatchObject({ month, status: 'closed' })
    expect(closed.digest).toMatch(/^[0-9a-f]{64}$/)
    expect(await w.close(month)).toEqual(closed)
    expect((await w.tick()).closed).toEqual([])
    // Published, still pending while the window is open.
    const board = await w.board(month)
    expect(board).toMatchObject({ status: 'closed', objectionsOpen: true })
    expect(board.items.find((i) => i.points === 2)).toMatchObject({ name: '张*英', courtyard: '莲花新区1排3号院', item: '参加楼院议事', kind: 'credit' })
    expect(board.rankings?.resident?.[0]).toMatchObject({ id: 'demo-r-resident', score: 2 })
    expect(await w.balance('demo-resident')).toMatchObject({ available: 0, pending: 2 })

    // The window ends: the timer makes the month final and the points spendable.
    await w.clock(firstOfNext + 8 * DAY - Date.now())
    expect((await w.tick()).finalized).toContain(`demo-community:${month}`)
    expect(await w.balance('demo-resident')).toMatchObject({ available: 2, pending: 0 })
    expect((await w.board(month)).status).toBe('final')
    expect((await w.tick()).finalized).toEqual([])
    expect(await w.balance('demo-resident')).toMatchObject({ available: 2, pending: 0 })
    await w.clock(0)
  })
})

describe('the digest chain and objections', () => {
  const w = world()
  let month = ''
  let entryId = ''
  beforeAll(async () => {
    await w.start()
    month = w.month()
    await w.approvedClaim()
    await w.approvedClaim('demo-resident-2')
    const firstOfNext = new Date(`${monthOf(new Date(`${month}-01T00:00:00+08:00`).getTime() + 32 * DAY)}-01T09:00:00+08:00`).getTime()
    await w.clock(firstOfNext - Date.now())
    await w.close(month)
    entryId = (await w.board(month)).items.find((i) => i.name === '张*英' && i.kind === 'credit')!.entryId
  })
  afterAll(async () => {
    await w.cloud.setClock(0)
    await w.stop()
  })

  test('the board masks names in its rankings for residents (but their own), and answers one entry or the status alone', async () => {
    const resident = data(await w.api<{ rankings: Record<string, { name: string }[]> }>('governance', 'publicity', { month }, 'demo-resident-2')).rankings
    expect(resident.resident.map((r) => r.name)).toEqual(expect.arrayContaining(['张*英', '李明']))
    expect(resident.household.map((r) => r.name)).toEqual(expect.arrayContaining(['张*英家', '李明家']))
    expect(resident.household.filter((r) => r.name !== '李明家').every((r) => /\*.*家$/.test(r.name))).toBe(true)
    const admin = data(await w.api<{ rankings: Record<string, { name: string }[]> }>('governance', 'publicity', { month }, 'demo-admin')).rankings
    expect(admin.resident.map((r) => r.name)).toContain('张秀英')
    const one = data(await w.api<{ items: PublicityItem[] }>('governance', 'publicity', { month, entryId }, 'demo-resident-2')).items
    expect(one).toEqual([expect.objectContaining({ entryId, name: '张*英' })])
    expect(await w.api('governance', 'publicity', { month: '2020-01', entryId }, 'demo-resident-2')).toMatchObject({ ok: false, code: 'NOT_FOUND' })
    expect(data(await w.api<{ status: string; items: unknown[] }>('governance', 'publicity', { month, summary: true }, 'demo-resident-2'))).toMatchObject({ status: 'closed', items: [] })
  })

  test('verify recomputes the chain; an entry edited after publication is detected', async () => {
    expect(data(await w.api<{ valid: boolean }>('governance', 'verify', { month }, 'demo-resident'))).toMatchObject({ valid: true })
    const db = w.cloud.sdk().database()
    const original = (await db.collection('ledger').doc(entryId).get()).data[0] as { delta: number }
    await db.collection('ledger').doc(entryId).update({ delta: original.delta * 10 })
    expect(data(await w.api('governance', 'verify', { month }, 'demo-resident'))).toMatchObject({ valid: false, brokenAt: month })
    await db.collection('ledger').doc(entryId).update({ delta: original.delta })
    expect(data(await w.api('governance', 'verify', { month }, 'demo-resident'))).toMatchObject({ valid: true })
    // A month not closed has nothing to verify.
    expect(await w.api('governance', 'verify', { month: w.month() }, 'demo-resident')).toMatchObject({ ok: false, code: 'NOT_FOUND' })
  })

  test('an objection in the window, upheld, reverses the entry and corrects the scores; both people are told', async () => {
    const before = await w.balance('demo-resident')
    const requestId = rid('ob')
    const objection = data(await w.api<{ objection: Objection }>('governance', 'object', { entryId, reason: '那天议事会他没有到场，签到表上没有名字', requestId }, 'demo-resident-2')).objection
    expect(objection).toMatchObject({ status: 'open', entry: { name: '张*英', points: 2 } })
    expect(data(await w.api<{ objection: Objection }>('governance', 'object', { entryId, reason: '那天议事会他没有到场，签到表上没有名字', requestId }, 'demo-resident-2')).objection.id).toBe(objection.id)
    expect(data(await w.api<{ items: Objection[] }>('governance', 'objections', { mine: true }, 'demo-resident-2')).items.map((o) => o.id)).toEqual([objection.id])
    expect(await w.api('governance', 'objections', {}, 'demo-resident-2')).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' })
    expect(await w.api('governance', 'resolve', { objectionId: objection.id, decision: 'uphold', note: '核实属实' }, 'demo-grid')).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' })
    expect(await w.api('governance', 'resolve', { objectionId: objection.id, decision: 'uphold' }, 'demo-admin')).toMatchObject({ ok: false, code: 'INPUT.INVALID' })

    const queue = data(await w.api<{ items: Objection[] }>('governance', 'objections', { status: 'open' }, 'demo-admin')).items
    expect(queue.map((o) => o.id)).toContain(objection.id)
    const upheld = data(await w.api<{ objection: Objection }>('governance', 'resolve', { objectionId: objection.id, decision: 'uphold', note: '查签到表，确未到场' }, 'demo-admin')).objection
    expect(upheld).toMatchObject({ status: 'upheld', note: '查签到表，确未到场' })
    expect(await w.api('governance', 'resolve', { objectionId: objection.id, decision: 'dismiss', note: '再处理一次' }, 'demo-admin')).toMatchObject({ ok: false, code: 'INPUT.INVALID' })
    expect((await w.balance('demo-resident')).available).toBe(before.available - 2)
    expect((await w.board(month)).items.find((i) => i.entryId === entryId)).toMatchObject({ reversed: true })
    // The month's score (and ranking) is corrected, though the reversal was written the month after.
    const board = data(await w.api<{ items: { id: string; score: number }[] }>('points', 'leaderboard', { level: 'resident', period: 'month', key: month }, 'demo-admin')).items
    expect(board.find((r) => r.id === 'demo-r-resident')?.score ?? 0).toBe(0)
    // The published month is unchanged: the correction is a new entry of its own month.
    expect(data(await w.api('governance', 'verify', { month }, 'demo-resident'))).toMatchObject({ valid: true })
    const { deliveries } = (await (await fetch(`${w.cloud.url}/_emulator/deliveries`)).json()) as { deliveries: { message: { touser: string; page: string } }[] }
    const told = deliveries.filter((d) => d.message.page.includes('publicity')).map((d) => d.message.touser)
    expect(told).toEqual(expect.arrayContaining(['demo-resident', 'demo-resident-2']))
  })

  test('a dismissed objection changes nothing; after the window, objections are refused', async () => {
    const other = (await w.board(month, 'demo-resident')).items.find((i) => i.name === '李*' && i.kind === 'credit')!
    const ob = data(await w.api<{ objection: Objection }>('governance', 'object', { entryId: other.entryId, reason: '我觉得这条记录不太对劲', requestId: rid('ob') }, 'demo-resident')).objection
    const before = await w.balance('demo-resident-2')
    expect(data(await w.api<{ objection: Objection }>('governance', 'resolve', { objectionId: ob.id, decision: 'dismiss', note: '有签到和照片为证' }, 'demo-admin')).objection.status).toBe('dismissed')
    expect(await w.balance('demo-resident-2')).toEqual(before)

    const windowEnds = new Date((await w.close(month)).windowEndsAt).getTime()
    await w.clock(windowEnds + 60_000 - Date.now())
    expect(await w.api('governance', 'object', { entryId: other.entryId, reason: '公示期过了还想提异议', requestId: rid('ob') }, 'demo-resident')).toMatchObject({ ok: false, code: 'GOVERNANCE.WINDOW_CLOSED' })
    // An entry of a month not yet published cannot be objected to either.
    const fresh = await w.approvedClaim()
    void fresh
    const current = data(await w.api<{ items: { id: string; source: { id: string } }[] }>('points', 'ledger', {}, 'demo-resident')).items[0]
    expect(await w.api('governance', 'object', { entryId: current.id, reason: '还没公示就提异议', requestId: rid('ob') }, 'demo-resident-2')).toMatchObject({ ok: false, code: 'GOVERNANCE.WINDOW_CLOSED' })
  })

  test('months close in order, and the next month chains to this one', async () => {
    const later = monthOf(new Date(`${month}-01T00:00:00+08:00`).getTime() + 32 * DAY)
    await w.clock(new Date(`${later}-01T00:00:00+08:00`).getTime() + 33 * DAY - Date.now())
    const first = await w.close(month)
    const second = await w.close(later)
    expect(second.previousDigest).toBe(first.digest)
    expect(data(await w.api('governance', 'verify', { month: later }, 'demo-admin'))).toMatchObject({ valid: true, previousDigest: first.digest })
  })
})

describe('black and red lists', () => {
  const w = world()
  beforeAll(() => w.start())
  afterAll(async () => {
    await w.cloud.setClock(0)
    await w.stop()
  })

  test('a confirmed black-list entry deducts, suspends exchange and ranking, shows its end, and expires by itself', async () => {
    await w.approvedClaim('demo-resident-2')
    await w.approvedClaim('demo-resident-2')
    expect((await w.balance('demo-resident-2')).available).toBe(4)
    // The grid worker proposes; nothing happens until the admin confirms.
    const proposed = data(await w.api<{ listing: Listing }>('governance', 'propose', { list: 'black', residentId: 'demo-r-resident-2', reason: '多次乱扔垃圾，劝导不改', points: 3, requestId: rid('ls') }, 'demo-grid')).listing
    expect(proposed.status).toBe('proposed')
    expect((await w.balance('demo-resident-2')).available).toBe(4)
    expect(await w.api('governance', 'propose', { list: 'black', residentId: 'demo-r-resident-2', reason: '理由写得够长', requestId: rid('ls') }, 'demo-resident')).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' })
    expect(await w.api('governance', 'confirm', { listingId: proposed.id, decision: 'confirm' }, 'demo-grid')).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' })
    const confirmed = data(await w.api<{ listing: Listing }>('governance', 'confirm', { listingId: proposed.id, decision: 'confirm' }, 'demo-admin')).listing
    expect(confirmed.status).toBe('confirmed')
    const until = new Date(confirmed.until!).getTime()
    expect(until - Date.now()).toBeGreaterThan(88 * DAY)
    expect(until - Date.now()).toBeLessThan(93 * DAY)

    expect(await w.balance('demo-resident-2')).toMatchObject({ available: 1, suspendedUntil: confirmed.until })
    expect(data(await w.api<{ suspendedUntil?: string }>('user', 'me', {}, 'demo-resident-2')).suspendedUntil).toBe(confirmed.until)
    expect(await w.api('shop', 'exchange', { offerId: 'offer-toothpaste', requestId: rid('ex') }, 'demo-resident-2')).toMatchObject({ ok: false, code: 'ACCOUNT.SUSPENDED' })
    const shown = data(await w.api<{ items: Listing[] }>('governance', 'lists', { list: 'black' }, 'demo-resident')).items
    expect(shown).toEqual([expect.objectContaining({ name: '李*', reason: '多次乱扔垃圾，劝导不改', points: 3, until: confirmed.until })])
    const ranking = async () => data(await w.api<{ items: { id: string }[] }>('points', 'leaderboard', { level: 'resident', period: 'month', key: w.month() }, 'demo-resident')).items.map((r) => r.id)
    await w.approvedClaim()
    expect(await ranking()).toContain('demo-r-resident')
    expect(await ranking()).not.toContain('demo-r-resident-2')

    // Three months on: it has ended by itself.
    await w.clock(until + DAY - Date.now())
    expect((await w.tick()).suspensionsEnded).toBe(1)
    expect((await w.balance('demo-resident-2')).suspendedUntil).toBeUndefined()
    expect(data(await w.api<{ suspendedUntil?: string }>('user', 'me', {}, 'demo-resident-2')).suspendedUntil).toBeUndefined()
    expect(data(await w.api<{ items: Listing[] }>('governance', 'lists', { list: 'black' }, 'demo-resident')).items).toEqual([])
    await w.clock(0)
  })

  test('a red-list entry by the admin is confirmed at once with its bonus; a rejected proposal does nothing', async () => {
    const before = (await w.balance('demo-resident')).available
    const red = data(await w.api<{ listing: Listing }>('governance', 'propose', { list: 'red', residentId: 'demo-r-resident', reason: '冬天坚持为独居老人送饭', points: 5, requestId: rid('ls') }, 'demo-admin')).listing
    expect(red.status).toBe('confirmed')
    expect((await w.balance('demo-resident')).available).toBe(before + 5)
    expect(data(await w.api<{ items: Listing[] }>('governance', 'lists', { list: 'red' }, 'demo-resident-2')).items[0]).toMatchObject({ name: '张*英', points: 5 })
    const p = data(await w.api<{ listing: Listing }>('governance', 'propose', { list: 'red', householdId: 'demo-hh-2', reason: '全家参加志愿服务', points: 2, requestId: rid('ls') }, 'demo-grid')).listing
    expect(data(await w.api<{ items: Listing[] }>('governance', 'lists', { status: 'proposed' }, 'demo-admin')).items.map((l) => l.id)).toContain(p.id)
    expect(data(await w.api<{ listing: Listing }>('governance', 'confirm', { listingId: p.id, decision: 'reject' }, 'demo-admin')).listing.status).toBe('rejected')
    expect(await w.api('governance', 'lists', { status: 'proposed' }, 'demo-resident')).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' })
  })
})

describe('a listing can always be undone (issue 12)', () => {
  const w = world()
  beforeAll(() => w.start())
  afterAll(async () => {
    await w.cloud.setClock(0)
    await w.stop()
  })
  const outbox = async (to: string, kind: string) =>
    (await w.cloud.sdk().database().collection('outbox').where({ to, kind }).get()).data as { body: string; status: string; page: string }[]
  const delivered = async (to: string, template: string) => {
    const { deliveries } = (await (await fetch(`${w.cloud.url}/_emulator/deliveries`)).json()) as { deliveries: { message: { touser: string; template_id: string } }[] }
    return deliveries.filter((d) => d.message.touser === to && d.message.template_id === template)
  }
  const me = async (openid: string) => data(await w.api<{ suspendedUntil?: string; suspensionReason?: string; suspendedBy?: string }>('user', 'me', {}, openid))

  test('a 0-point deduction (nothing to take) shows 0, tells the person, and an upheld objection to its entry ends the suspension', async () => {
    // demo-resident-2 has no points: the black list asks 2 and takes 0.
    expect((await w.balance('demo-resident-2')).available).toBe(0)
    const month = w.month()
    const listing = data(await w.api<{ listing: Listing }>('governance', 'propose', { list: 'black', residentId: 'demo-r-resident-2', reason: '占用消防通道，多次劝导不改', points: 2, requestId: rid('ls') }, 'demo-admin')).listing
    expect(listing).toMatchObject({ status: 'confirmed', points: 0, asked: 2 })
    expect(data(await w.api<{ items: Listing[] }>('governance', 'lists', { list: 'black' }, 'demo-resident')).items).toEqual([expect.objectContaining({ id: listing.id, points: 0, asked: 2 })])
    // The person is told, with what was actually taken.
    const told = await outbox('demo-resident-2', 'listing')
    expect(told).toEqual([expect.objectContaining({ status: 'sent', page: 'pages-governance/lists/index' })])
    expect(told[0].body).toContain('扣 0 分')
    expect(await delivered('demo-resident-2', 'local-listing')).toHaveLength(1)
    // user.me says until when, why, and which entry (to object to it).
    expect(await me('demo-resident-2')).toMatchObject({ suspendedUntil: listing.until, suspensionReason: '占用消防通道，多次劝导不改', suspendedBy: listing.id })

    // The month is published; the 0 entry is on the board, and an objection to it can be upheld.
    const firstOfNext = new Date(`${monthOf(new Date(`${month}-01T00:00:00+08:00`).getTime() + 32 * DAY)}-01T09:00:00+08:00`).getTime()
    await w.clock(firstOfNext - Date.now())
    await w.close(month)
    const item = (await w.board(month, 'demo-resident')).items.find((i) => i.kind === 'deduction')!
    expect(item).toMatchObject({ points: 0, name: '李*' })
    const objection = data(await w.api<{ objection: Objection }>('governance', 'object', { entryId: item.entryId, reason: '那天堵通道的不是我家的车', requestId: rid('ob') }, 'demo-resident-2')).objection
    const upheld = data(await w.api<{ objection: Objection }>('governance', 'resolve', { objectionId: objection.id, decision: 'uphold', note: '查监控，确实不是他' }, 'demo-admin')).objection
    expect(upheld.status).toBe('upheld')
    expect((await w.balance('demo-resident-2')).suspendedUntil).toBeUndefined()
    expect((await me('demo-resident-2')).suspendedUntil).toBeUndefined()
    expect(data(await w.api<{ items: Listing[] }>('governance', 'lists', { list: 'black' }, 'demo-resident')).items).toEqual([])
    expect((await outbox('demo-resident-2', 'listing_revoked'))[0]).toMatchObject({ status: 'sent' })
    expect(await w.balance('demo-resident-2')).toMatchObject({ available: 0 })
    await w.clock(0)
  })

  test('the admin revokes with a reason: what was deducted returns, the suspension ends at once (unless another entry holds it), once', async () => {
    for (let i = 0; i < 3; i++) await w.approvedClaim('demo-resident')
    const before = (await w.balance('demo-resident')).available
    expect(before).toBeGreaterThanOrEqual(6)
    // Asked more than the account holds: takes what is there.
    const first = data(await w.api<{ listing: Listing }>('governance', 'propose', { list: 'black', residentId: 'demo-r-resident', reason: '在院里焚烧垃圾', points: before + 5, requestId: rid('ls') }, 'demo-admin')).listing
    expect(first).toMatchObject({ points: before, asked: before + 5 })
    expect((await outbox('demo-resident', 'listing'))[0].body).toContain(`扣 ${before} 分`)
    await w.clock(DAY)
    const second = data(await w.api<{ listing: Listing }>('governance', 'propose', { list: 'black', residentId: 'demo-r-resident', reason: '私拉电线给电动车充电', requestId: rid('ls') }, 'demo-admin')).listing
    expect(second).toMatchObject({ points: 0, asked: 0 })
    expect((await w.balance('demo-resident')).available).toBe(0)
    expect(await w.api('shop', 'exchange', { offerId: 'offer-toothpaste', requestId: rid('ex') }, 'demo-resident')).toMatchObject({ ok: false, code: 'ACCOUNT.SUSPENDED' })

    expect(await w.api('governance', 'revokeListing', { listingId: second.id, reason: '认错人了' }, 'demo-grid')).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' })
    expect(await w.api('governance', 'revokeListing', { listingId: second.id }, 'demo-admin')).toMatchObject({ ok: false, code: 'INPUT.INVALID' })
    // The later entry undone: the earlier one still holds the suspension, to its own end.
    const undone = data(await w.api<{ listing: Listing; returned: number }>('governance', 'revokeListing', { listingId: second.id, reason: '电线是物业拉的，认错人了' }, 'demo-admin'))
    expect(undone).toMatchObject({ listing: { status: 'revoked', revokeReason: '电线是物业拉的，认错人了' }, returned: 0 })
    expect((await w.balance('demo-resident')).suspendedUntil).toBe(first.until)
    expect(await me('demo-resident')).toMatchObject({ suspendedUntil: first.until, suspensionReason: '在院里焚烧垃圾', suspendedBy: first.id })
    // The earlier one undone: the points return and the suspension ends at once.
    const back = data(await w.api<{ listing: Listing; returned: number }>('governance', 'revokeListing', { listingId: first.id, reason: '焚烧的是邻居，核实有误' }, 'demo-admin'))
    expect(back).toMatchObject({ listing: { status: 'revoked', points: before }, returned: before })
    expect(await w.balance('demo-resident')).toMatchObject({ available: before })
    expect((await w.balance('demo-resident')).suspendedUntil).toBeUndefined()
    expect((await me('demo-resident')).suspendedUntil).toBeUndefined()
    expect(await w.api('governance', 'revokeListing', { listingId: first.id, reason: '再撤一次' }, 'demo-admin')).toMatchObject({ ok: false, code: 'INPUT.INVALID' })
    expect(await w.balance('demo-resident')).toMatchObject({ available: before })
    data(await w.api('shop', 'exchange', { offerId: 'offer-toothpaste', requestId: rid('ex') }, 'demo-resident'))
    const revokedNotices = await outbox('demo-resident', 'listing_revoked')
    expect(revokedNotices).toHaveLength(2)
    expect(revokedNotices.map((m) => m.body).join('|')).toContain(`退回 ${before} 分`)
    const audit = data(await w.api<{ items: { action: string; target?: { id: string } }[] }>('governance', 'audit', { operation: 'governance.revokeListing' }, 'demo-admin')).items
    expect(audit.map((a) => a.target?.id).sort()).toEqual([first.id, second.id].sort())
    await w.clock(0)
  })

  test('a listing in force can be objected to by itself; upheld, it is revoked', async () => {
    const listing = data(await w.api<{ listing: Listing }>('governance', 'propose', { list: 'black', residentId: 'demo-r-head', reason: '楼道堆放杂物', requestId: rid('ls') }, 'demo-admin')).listing
    expect((await me('demo-head')).suspendedUntil).toBe(listing.until)
    const objection = data(await w.api<{ objection: Objection }>('governance', 'object', { listingId: listing.id, reason: '杂物是楼上邻居的，不是我的', requestId: rid('ob') }, 'demo-head')).objection
    expect(objection).toMatchObject({ status: 'open', listingId: listing.id, entry: { points: 0 } })
    expect(await w.api('governance', 'object', { listingId: listing.id, entryId: 'x', reason: '两样都指了，不行', requestId: rid('ob') }, 'demo-head')).toMatchObject({ ok: false, code: 'INPUT.INVALID' })
    data(await w.api('governance', 'resolve', { objectionId: objection.id, decision: 'uphold', note: '核实是邻居的杂物' }, 'demo-admin'))
    expect((await me('demo-head')).suspendedUntil).toBeUndefined()
    expect(data(await w.api<{ items: Listing[] }>('governance', 'lists', { list: 'black' }, 'demo-resident')).items.map((l) => l.id)).not.toContain(listing.id)
    // Revoked, it can no longer be objected to.
    expect(await w.api('governance', 'object', { listingId: listing.id, reason: '再提一次异议看看', requestId: rid('ob') }, 'demo-head')).toMatchObject({ ok: false, code: 'GOVERNANCE.WINDOW_CLOSED' })
  })

  test('a red listing revoked takes its bonus back; a household listing revoked frees the household', async () => {
    const before = (await w.balance('demo-head')).available
    const red = data(await w.api<{ listing: Listing }>('governance', 'propose', { list: 'red', residentId: 'demo-r-head', reason: '组织院里的义务植树', points: 3, requestId: rid('ls') }, 'demo-admin')).listing
    expect(red).toMatchObject({ points: 3, asked: 3 })
    expect((await w.balance('demo-head')).available).toBe(before + 3)
    expect(data(await w.api<{ returned: number }>('governance', 'revokeListing', { listingId: red.id, reason: '植树是另一户组织的' }, 'demo-admin')).returned).toBe(3)
    expect((await w.balance('demo-head')).available).toBe(before)
    expect(data(await w.api<{ items: Listing[] }>('governance', 'lists', { list: 'red' }, 'demo-resident')).items.map((l) => l.id)).not.toContain(red.id)

    const household = data(await w.api<{ listing: Listing }>('governance', 'propose', { list: 'black', householdId: 'demo-hh-3', reason: '全户多次在院里烧秸秆', requestId: rid('ls') }, 'demo-admin')).listing
    expect((await me('demo-head')).suspendedUntil).toBe(household.until)
    data(await w.api('governance', 'revokeListing', { listingId: household.id, reason: '烧秸秆的是邻村的人' }, 'demo-admin'))
    expect((await me('demo-head')).suspendedUntil).toBeUndefined()
    expect((await outbox('demo-head', 'listing_revoked')).length).toBeGreaterThanOrEqual(2)
  })

  test('a confirmation is never left half done: when carrying it out fails, the listing stays proposed', async () => {
    await w.approvedClaim('demo-resident-2')
    const proposed = data(await w.api<{ listing: Listing }>('governance', 'propose', { list: 'black', residentId: 'demo-r-resident-2', reason: '乱倒建筑垃圾', points: 1, requestId: rid('ls') }, 'demo-grid')).listing
    const accounts = w.cloud.sdk().database().collection('accounts')
    const good = (await accounts.doc('res:demo-r-resident-2').get()).data[0] as { balanceTenths: number }
    // The deduction cannot be written (a broken account): the function stops between confirming and carrying out.
    await accounts.doc('res:demo-r-resident-2').update({ balanceTenths: -1 })
    expect(await w.api('governance', 'confirm', { listingId: proposed.id, decision: 'confirm' }, 'demo-admin')).toMatchObject({ ok: false, code: 'INTERNAL' })
    expect(data(await w.api<{ items: Listing[] }>('governance', 'lists', { status: 'proposed' }, 'demo-admin')).items.map((l) => l.id)).toContain(proposed.id)
    expect((await me('demo-resident-2')).suspendedUntil).toBeUndefined()
    await accounts.doc('res:demo-r-resident-2').update({ balanceTenths: good.balanceTenths })
    const confirmed = data(await w.api<{ listing: Listing }>('governance', 'confirm', { listingId: proposed.id, decision: 'confirm' }, 'demo-admin')).listing
    expect(confirmed).toMatchObject({ status: 'confirmed', points: 1, asked: 1 })
    expect((await me('demo-resident-2')).suspendedUntil).toBe(confirmed.until)
    expect(await w.balance('demo-resident-2')).toMatchObject({ available: good.balanceTenths / 10 - 1 })
  })
})

describe('the household wallet', () => {
  const w = world()
  beforeAll(() => w.start())
  afterAll(() => w.stop())

  test('members earn into one household balance and spend from it', async () => {
    // Points earned before the wallet is turned on move into it (a score-neutral move, shown in the ledger).
    await w.approvedClaim()
    expect(await w.balance('demo-resident')).toMatchObject({ available: 2 })
    await w.settings({ householdWallet: true })
    expect(await w.balance('demo-resident')).toMatchObject({ available: 2, householdWallet: true })
    const moveLedger = data(await w.api<{ items: { kind: string; delta: number; source: { type: string } }[] }>('points', 'ledger', {}, 'demo-resident')).items
    expect(moveLedger[0]).toMatchObject({ kind: 'adjustment', delta: 2, source: { type: 'wallet' } })
    const scoreBefore = data(await w.api<{ items: { id: string; score: number }[] }>('points', 'leaderboard', { level: 'resident', period: 'month', key: w.month() }, 'demo-admin')).items
    expect(scoreBefore.find((r) => r.id === 'demo-r-resident')?.score).toBe(2)
    await w.settings({ householdWallet: false })
    expect(await w.balance('demo-resident')).toMatchObject({ available: 2, householdWallet: false })
    await w.settings({ householdWallet: true })
    // A second member of demo-resident's household joins with a household invite.
    const invite = data(await w.api<{ invite: { code: string } }>('org', 'issueInvite', { courtyardId: 'demo-courtyard-1', householdId: 'demo-hh-1' }, 'demo-admin')).invite
    data(await w.api('user', 'join', { inviteCode: invite.code, name: '张建华' }, 'zhang-son'))
    await w.approvedClaim('zhang-son')
    await w.approvedClaim('zhang-son')
    expect(await w.balance('demo-resident')).toMatchObject({ available: 6, householdWallet: true })
    expect(await w.balance('zhang-son')).toMatchObject({ available: 6 })
    const db = w.cloud.sdk().database()
    expect(((await db.collection('accounts').doc('hh:demo-hh-1').get()).data[0] as { balanceTenths: number }).balanceTenths).toBe(60)
    // The son spends from the household; both see what is left; the ledger is the household's.
    data(await w.api('shop', 'exchange', { offerId: 'offer-toothpaste', requestId: rid('ex') }, 'zhang-son'))
    expect(await w.balance('demo-resident')).toMatchObject({ available: 1 })
    const ledger = data(await w.api<{ items: { kind: string }[] }>('points', 'ledger', {}, 'demo-resident')).items
    expect(ledger.slice(0, 3).map((e) => e.kind)).toEqual(['debit', 'credit', 'credit'])
    // Scores stay personal: the ranking still tells who earned what.
    const ranking = data(await w.api<{ items: { name: string; score: number }[] }>('points', 'leaderboard', { level: 'resident', period: 'month', key: w.month() }, 'demo-admin')).items
    expect(ranking.find((r) => r.name === '张建华')?.score).toBe(4)
    expect(ranking.find((r) => r.name === '张秀英')?.score).toBe(2)
    // Another household's member cannot spend it.
    expect(await w.api('shop', 'exchange', { offerId: 'offer-toothpaste', requestId: rid('ex') }, 'demo-resident-2')).toMatchObject({ ok: false, code: 'POINTS.INSUFFICIENT' })
    // Turned off, what the household holds is shared out to its two members.
    await w.settings({ householdWallet: false })
    const [mother, son] = [await w.balance('demo-resident'), await w.balance('zhang-son')]
    expect(mother.available + son.available).toBe(1)
    expect(((await db.collection('accounts').doc('hh:demo-hh-1').get()).data[0] as { balanceTenths: number }).balanceTenths).toBe(0)
  })
})

describe('inspections, reports and the audit log', () => {
  const w = world()
  beforeAll(() => w.start())
  afterAll(async () => {
    await w.cloud.setClock(0)
    await w.stop()
  })

  test('the grid worker scores courtyards; the ranking shows; the admin awards the households of the best, once', async () => {
    const month = w.month()
    const items = [
      { name: '垃圾分类与清运', score: 20 },
      { name: '院落路面整洁', score: 22 },
      { name: '杂物堆放', score: 18 },
      { name: '绿化与门前三包', score: 12 },
      { name: '公共设施完好', score: 13 },
    ]
    data(await w.api('governance', 'inspect', { courtyardId: 'demo-courtyard-1', month, score: 85, items, notes: '门口有杂物' }, 'demo-grid'))
    data(await w.api('governance', 'inspect', { courtyardId: 'demo-courtyard-2', month, score: 92 }, 'demo-grid'))
    expect(await w.api('governance', 'inspect', { courtyardId: 'demo-courtyard-2', month, score: 90, items }, 'demo-grid')).toMatchObject({ ok: false, code: 'INPUT.INVALID' })
    expect(await w.api('governance', 'inspect', { courtyardId: 'demo-courtyard-1', month, score: 80 }, 'demo-head')).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' })
    const ranking = data(await w.api<{ items: { courtyardId: string; rank: number; score: number }[] }>('governance', 'inspections', { month }, 'demo-resident')).items
    expect(ranking.map((r) => [r.courtyardId, r.rank])).toEqual([
      ['demo-courtyard-2', 1],
      ['demo-courtyard-1', 2],
    ])
    expect(await w.api('governance', 'awardInspections', { month }, 'demo-admin')).toMatchObject({ ok: false, code: 'INPUT.INVALID' })
    await w.clock(new Date(`${month}-01T00:00:00+08:00`).getTime() + 35 * DAY - Date.now())
    const before = (await w.balance('demo-head-2')).available
    const awards = data(await w.api<{ awards: { rank: number; points: number }[] }>('governance', 'awardInspections', { month }, 'demo-admin')).awards
    expect(awards.map((a) => [a.rank, a.points])).toEqual([
      [1, 3],
      [2, 2],
    ])
    expect((await w.balance('demo-head-2')).available).toBe(before + 3)
    data(await w.api('governance', 'awardInspections', { month }, 'demo-admin'))
    expect((await w.balance('demo-head-2')).available).toBe(before + 3)
    await w.clock(0)
  })

  test('dashboard, honours and the party members’ quarterly report', async () => {
    await w.approvedClaim()
    const year = w.month().slice(0, 4)
    const board = data(await w.api<{ months: { month: string; points: number; claims: number }[]; categories: { name: string; points: number }[]; courtyards: { name: string; households: number; participating: number }[] }>('governance', 'dashboard', { year }, 'demo-admin'))
    const thisMonth = board.months.find((m) => m.month === w.month())!
    expect(thisMonth.points).toBeGreaterThanOrEqual(2)
    expect(thisMonth.claims).toBeGreaterThanOrEqual(1)
    expect(board.categories.find((c) => c.name === '其他')?.points).toBeGreaterThanOrEqual(2)
    expect(board.courtyards.find((c) => c.name === '莲花新区1排3号院')).toMatchObject({ participating: expect.any(Number), households: expect.any(Number) })
    expect(await w.api('governance', 'dashboard', { year }, 'demo-resident')).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' })
    const honours = data(await w.api<{ champions: { name: string }[]; courtyard: { name: string } | null }>('governance', 'honours', { year }, 'demo-resident-2'))
    expect(honours.champions[0].name).toMatch(/\*/)
    expect(honours.courtyard).not.toBeNull()

    data(await w.api('org', 'setPartyMember', { residentId: 'demo-r-resident', partyMember: true, unit: '市供电公司' }, 'demo-admin'))
    const quarter = `${year}-Q${Math.floor((Number(w.month().slice(5)) - 1) / 3) + 1}`
    const report = data(await w.api<{ items: { name: string; unit: string; points: number; activities: number }[]; file?: { url: string } }>('governance', 'partyReport', { quarter, export: true }, 'demo-admin'))
    expect(report.items).toEqual([expect.objectContaining({ name: '张秀英', unit: '市供电公司', activities: expect.any(Number) })])
    expect(report.items[0].points).toBeGreaterThanOrEqual(2)
    const book = new ExcelJS.Workbook()
    await book.xlsx.load((await (await fetch(report.file!.url)).arrayBuffer()) as ArrayBuffer)
    expect(book.worksheets[0].getRow(2).getCell(2).value).toBe('市供电公司')
  })

  test('every official act is in the audit log with who, when, before and after; nothing removes it', async () => {
    const items = data(await w.api<{ items: { action: string; operatorName: string; before?: unknown; after?: unknown; target?: { id: string } }[] }>('governance', 'audit', {}, 'demo-admin')).items
    const actions = items.map((i) => i.action)
    expect(actions).toEqual(expect.arrayContaining(['claims.review', 'governance.inspect', 'governance.awardInspections', 'org.setPartyMember', 'rules.save']))
    const review = items.find((i) => i.action === 'claims.review')!
    expect(review).toMatchObject({ operatorName: expect.any(String), before: { status: expect.any(String) }, after: { status: expect.any(String) } })
    const party = data(await w.api<{ items: { action: string; before: unknown; after: unknown }[] }>('governance', 'audit', { operation: 'org.setPartyMember' }, 'demo-admin')).items
    expect(party[0]).toMatchObject({ before: { partyMember: false }, after: { partyMember: true, unit: '市供电公司' } })
    expect(data(await w.api<{ items: unknown[] }>('governance', 'audit', { operation: 'governance' }, 'demo-admin')).items.length).toBeGreaterThanOrEqual(3)
    // 经办人 is searched by name (what the page takes) or by openid (what scripts send): the same acts either way.
    type Row = { id: string; operator: string; operatorName: string }
    const mine = data(await w.api<{ items: Row[] }>('governance', 'audit', { operator: 'demo-admin' }, 'demo-admin')).items
    expect(mine.length).toBeGreaterThan(0)
    const name = mine[0].operatorName
    const byName = data(await w.api<{ items: Row[] }>('governance', 'audit', { operator: name }, 'demo-admin')).items
    expect(byName.map((i) => i.id)).toEqual(expect.arrayContaining(mine.map((i) => i.id)))
    expect(byName.every((i) => i.operatorName === name || i.operator === name)).toBe(true)
    expect(data(await w.api<{ items: Row[] }>('governance', 'audit', { operator: name, operation: 'governance' }, 'demo-admin')).items.every((i) => i.operatorName === name)).toBe(true)
    expect(data(await w.api<{ items: Row[] }>('governance', 'audit', { operator: '没有这个人' }, 'demo-admin')).items).toEqual([])
    // A resident's own acts are not official ones; residents cannot read the log; no action deletes it.
    expect(items.filter((i) => i.action === 'claims.submit' && i.operatorName === '张秀英')).toEqual([])
    expect(await w.api('governance', 'audit', {}, 'demo-resident')).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' })
    for (const [fn, act] of [['governance', 'deleteAudit'], ['governance', 'removeAudit'], ['org', 'audit']]) {
      expect(await w.api(fn, act, { id: 'x' }, 'demo-admin')).toMatchObject({ ok: false, code: 'INPUT.INVALID' })
    }
  })
})
