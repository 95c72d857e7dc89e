/**
 * What a hostile or careless user could still break in vouchers, the ledger and the background jobs (issue 10),
 * through the real SDK and the function gateway:
 *  - one bad record never stops the timer's work: every item of every step fails alone, is counted, and the rest
 *    (other vouchers, other communities' months) carries on;
 *  - a voucher and its debit live and die together: a voucher's debit or refund is never reversed on its own, and a
 *    voucher whose debit older data did reverse is closed without a second refund and cannot be redeemed;
 *  - refunds and corrections go to the account that pays now (the household wallet may have been switched since);
 *  - cursors page by a unique key, so equal timestamps never skip or repeat an item at a page boundary;
 *  - a reversal of a still-pending credit takes from the pending points, not the spendable ones.
 */
import type { Voucher } from '../../src/core/shop'
import { buildClaim } from '../support/claims'
import { startCloud, type ApiAnswer, type TestCloud } from '../support/cloud'

const DAY = 86_400_000
let seq = 0
const rid = (label: string) => `${label}-${++seq}-${Date.now()}`
const inHours = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString()
/** The month (Asia/Shanghai) of an instant. */
const monthOf = (ms: number) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' }).format(new Date(ms))
/** `day` of the month after this one, at `hour` o'clock in Asia/Shanghai. */
const nextMonthAt = (day: number, hour: number) => {
  const next = monthOf(new Date(`${monthOf(Date.now())}-01T00:00:00+08:00`).getTime() + 32 * DAY)
  return new Date(`${next}-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00+08:00`).getTime()
}

function data<T>(answer: ApiAnswer<T>): T {
  if (!answer.ok) throw new Error(`${answer.code}: ${answer.message}`)
  return answer.data
}

type Entry = { id: string; delta: number; kind: string; source: { type: string; id: string }; at: string }
type Tick = { projected: number; resent: number; expired: number; closed: string[]; finalized: string[]; suspensionsEnded: number; failures: { step: string; id: string; code: string }[] }

/** The steps every scenario needs, against one cloud. */
function helpers(get: () => TestCloud) {
  const api = <T>(fn: string, action: string, input: Record<string, unknown>, openid: string | null) => get().api<T>(fn, action, input, openid)
  return {
    api,
    give: async (residentId: string, delta: number) => data(await api<{ entry: Entry }>('points', 'adjust', { residentId, delta, reason: '测试用积分', requestId: rid('give') }, 'demo-admin')).entry,
    balance: async (openid: string) => data(await api<{ available: number; pending: number; householdWallet: boolean }>('points', 'balance', {}, openid)),
    offer: async (fields: Record<string, unknown> = {}) =>
      data(
        await api<{ offer: { id: string; stock: number } }>(
          'shop',
          'saveOffer',
          { title: '加固测试品', kind: 'goods', points: 3, stock: 10, perResidentLimit: 10, validUntil: inHours(24 * 30), merchantId: 'demo-merchant-shanzhi', ...fields },
          'demo-admin',
        ),
      ).offer,
    stock: async (offerId: string) => data(await api<{ offer: { stock: number } }>('shop', 'offer', { offerId }, 'demo-resident')).offer.stock,
    exchange: async (offerId: string, openid: string) => data(await api<{ voucher: Voucher }>('shop', 'exchange', { offerId, requestId: rid('ex') }, openid)).voucher,
    voucher: async (voucherId: string, openid: string) => data(await api<{ voucher: Voucher }>('shop', 'voucher', { voucherId }, openid)).voucher,
    settings: async (s: Record<string, unknown>) => data(await api('org', 'updateSettings', s, 'demo-admin')),
    tick: async () => data(await api<Tick>('jobs', 'tick', {}, null)),
    account: async (id: string) => ((await get().sdk().database().collection('accounts').doc(id).get()).data[0] ?? null) as { balanceTenths: number; pendingTenths: number } | null,
    /**
     * What `points.reverse` did to a voucher's debit before it refused to: a bare reversal entry and the points back
     * on the account that paid, while the voucher stayed `issued`. Written with the SDK, as such older data would be.
     */
    oldBareReversal: async (voucherId: string) => {
      const db = get().sdk().database()
      const debit = (await db.collection('ledger').doc(`voucher:${voucherId}`).get()).data[0] as Record<string, unknown> & { accountId: string; delta: number }
      const account = (await db.collection('accounts').doc(debit.accountId).get()).data[0] as { balanceTenths: number }
      const { _id: _ignored, ...fields } = debit
      const balanceAfter = account.balanceTenths - debit.delta
      await db.collection('ledger').doc(`reversal:voucher:${voucherId}`).set({ ...fields, delta: -debit.delta, kind: 'reversal', reverses: `voucher:${voucherId}`, balanceAfter, note: '冲正：旧数据', at: new Date().toISOString(), projected: true })
      await db.collection('accounts').doc(debit.accountId).update({ balanceTenths: balanceAfter })
    },
  }
}

describe('background jobs isolate failures per item', () => {
  let cloud: TestCloud
  const h = helpers(() => cloud)
  beforeAll(async () => {
    cloud = await startCloud()
  })
  afterAll(() => cloud?.stop())

  test('a corrupt voucher, ledger entry and community each fail alone: the tick answers, other vouchers expire and other communities’ months close', async () => {
    const db = cloud.sdk().database()
    const month = monthOf(Date.now())
    // A good voucher that will be past its validity.
    const offer = await h.offer({ validUntil: inHours(1) })
    await h.give('demo-r-resident-2', 5)
    const good = await h.exchange(offer.id, 'demo-resident-2')
    // A voucher nobody can refund: no account, no placement (a half-written or hand-edited document).
    await db.collection('vouchers').doc('corrupt-voucher').set({ communityId: 'demo-community', offerId: 'no-offer', offerTitle: '坏数据', residentId: 'nobody', householdId: 'nobody', perHousehold: false, pointsTenths: 10, entryKey: 'voucher:corrupt-voucher', status: 'issued', issuedAt: inHours(-2), validUntil: inHours(-1), ticket: '00000000' })
    // Two more communities: one whose month closes, one with a ledger entry that can be neither projected nor digested.
    for (const id of ['good-community', 'bad-community']) await db.collection('orgNodes').doc(id).set({ type: 'community', name: id, parentId: null, communityId: id, path: [id] })
    await db.collection('ledger').doc('corrupt-entry').set({ communityId: 'bad-community', communityMonth: `bad-community|${month}`, projected: false, at: new Date(Date.now() - 5 * 60_000).toISOString() })

    // The 10th of next month: this month is due to close, the good voucher has expired.
    await cloud.setClock(nextMonthAt(10, 12) - Date.now())
    try {
      const tick = await h.tick()
      expect(tick.expired).toBe(1)
      expect(tick.closed).toEqual(expect.arrayContaining([`demo-community:${month}`, `good-community:${month}`]))
      expect(tick.closed).not.toContain(`bad-community:${month}`)
      expect(tick.failures).toEqual(
        expect.arrayContaining([
          { step: 'project', id: 'corrupt-entry', code: 'INTERNAL' },
          { step: 'expire', id: 'corrupt-voucher', code: 'INTERNAL' },
          { step: 'close', id: `bad-community:${month}`, code: 'INTERNAL' },
        ]),
      )
      expect(tick.failures).toHaveLength(3)
      expect(await h.voucher(good.id, 'demo-resident-2')).toMatchObject({ status: 'expired', refunded: true })
      expect((await h.balance('demo-resident-2')).available).toBe(5)
      // Next time: the bad ones fail again, alone; nothing done twice.
      const again = await h.tick()
      expect(again).toMatchObject({ expired: 0, closed: [] })
      expect(again.failures.map((f) => f.id).sort()).toEqual([`bad-community:${month}`, 'corrupt-entry', 'corrupt-voucher'])
      expect((await h.balance('demo-resident-2')).available).toBe(5)
    } finally {
      await cloud.setClock(0)
    }
  })
})

describe('a voucher and its debit live and die together', () => {
  let cloud: TestCloud
  const h = helpers(() => cloud)
  beforeAll(async () => {
    cloud = await startCloud()
  })
  afterAll(() => cloud?.stop())
  afterEach(() => cloud.setClock(0))

  test('a voucher’s debit or refund cannot be reversed on its own: the refusal says to cancel the voucher', async () => {
    await h.give('demo-r-resident-2', 10)
    const offer = await h.offer()
    const v = await h.exchange(offer.id, 'demo-resident-2')
    const debit = await h.api('points', 'reverse', { entryId: `voucher:${v.id}`, reason: '兑换错了' }, 'demo-admin')
    expect(debit).toMatchObject({ ok: false, code: 'POINTS.REVERSE_VOUCHER', message: expect.stringContaining('兑换券') })
    expect((await h.balance('demo-resident-2')).available).toBe(7)
    expect(await h.voucher(v.id, 'demo-resident-2')).toMatchObject({ status: 'issued' })
    // Cancelled, the points come back once; its refund cannot be reversed either.
    expect(data(await h.api<{ voucher: Voucher }>('shop', 'cancel', { voucherId: v.id }, 'demo-admin')).voucher).toMatchObject({ status: 'cancelled', refunded: true })
    expect((await h.balance('demo-resident-2')).available).toBe(10)
    expect(await h.api('points', 'reverse', { entryId: `reversal:voucher:${v.id}`, reason: '退错了' }, 'demo-admin')).toMatchObject({ ok: false, code: 'POINTS.REVERSE_VOUCHER' })
    expect((await h.balance('demo-resident-2')).available).toBe(10)
  })

  test('the sources a bare reversal may correct still reverse: an adjustment, a black-list deduction', async () => {
    const given = await h.give('demo-r-head-2', 4)
    expect(await h.api('points', 'reverse', { entryId: given.id, reason: '给错了人' }, 'demo-admin')).toMatchObject({ ok: true, data: { entry: { kind: 'reversal', delta: -4 } } })
    await h.give('demo-r-head-2', 3)
    const listing = data(await h.api<{ listing: { id: string } }>('governance', 'propose', { list: 'black', residentId: 'demo-r-head-2', reason: '乱扔垃圾', points: 2, requestId: rid('bl') }, 'demo-admin')).listing
    expect((await h.balance('demo-head-2')).available).toBe(1)
    expect(await h.api('points', 'reverse', { entryId: `listing:${listing.id}:demo-r-head-2`, reason: '核实有误' }, 'demo-admin')).toMatchObject({ ok: true, data: { entry: { kind: 'reversal', delta: 2 } } })
    expect((await h.balance('demo-head-2')).available).toBe(3)
  })

  test('a voucher whose debit older data reversed cannot be redeemed; cancelled or expired it closes without a second refund', async () => {
    await h.give('demo-r-resident', 20)
    const offer = await h.offer({ points: 2, stock: 5 })
    const v = await h.exchange(offer.id, 'demo-resident')
    await h.oldBareReversal(v.id)
    const start = (await h.balance('demo-resident')).available
    const { code } = data(await h.api<{ code: string }>('shop', 'code', { voucherId: v.id }, 'demo-resident'))
    expect(await h.api('shop', 'redeem', { code }, 'demo-merchant')).toMatchObject({ ok: false, code: 'VOUCHER.NOT_REDEEMABLE' })
    expect(await h.voucher(v.id, 'demo-resident')).toMatchObject({ status: 'issued' })
    expect(data(await h.api<{ voucher: Voucher }>('shop', 'cancel', { voucherId: v.id }, 'demo-resident')).voucher).toMatchObject({ status: 'cancelled', refunded: true })
    expect((await h.balance('demo-resident')).available).toBe(start)
    expect(await h.stock(offer.id)).toBe(5)

    // The same by the timer, when such a voucher runs out.
    const short = await h.offer({ points: 2, stock: 5, validUntil: inHours(1) })
    const w = await h.exchange(short.id, 'demo-resident')
    await h.oldBareReversal(w.id)
    const before = (await h.balance('demo-resident')).available
    await cloud.setClock(2 * 3_600_000)
    const tick = await h.tick()
    expect(tick).toMatchObject({ expired: 1, failures: [] })
    expect(await h.voucher(w.id, 'demo-resident')).toMatchObject({ status: 'expired', refunded: true })
    expect((await h.balance('demo-resident')).available).toBe(before)
    expect(await h.stock(short.id)).toBe(5)
  })
})

describe('refunds and corrections go to the account that pays now', () => {
  let cloud: TestCloud
  const h = helpers(() => cloud)
  beforeAll(async () => {
    cloud = await startCloud()
  })
  afterAll(() => cloud?.stop())
  afterEach(() => cloud.setClock(0))

  test('bought before the household wallet was on, cancelled after: the household wallet gets the points; and the other way round', async () => {
    await h.give('demo-r-resident', 10)
    const offer = await h.offer({ points: 3 })
    const v = await h.exchange(offer.id, 'demo-resident')
    await h.settings({ householdWallet: true })
    let w: Voucher
    try {
      expect(await h.balance('demo-resident')).toMatchObject({ available: 7, householdWallet: true })
      data(await h.api('shop', 'cancel', { voucherId: v.id }, 'demo-resident'))
      expect((await h.balance('demo-resident')).available).toBe(10)
      expect(await h.account('res:demo-r-resident')).toMatchObject({ balanceTenths: 0 })
      expect(await h.account('hh:demo-hh-1')).toMatchObject({ balanceTenths: 100 })
      // Bought from the household wallet, cancelled after it was turned off: the resident's own account.
      w = await h.exchange(offer.id, 'demo-resident')
    } finally {
      await h.settings({ householdWallet: false })
    }
    expect(await h.balance('demo-resident')).toMatchObject({ available: 7, householdWallet: false })
    data(await h.api('shop', 'cancel', { voucherId: w.id }, 'demo-resident'))
    expect((await h.balance('demo-resident')).available).toBe(10)
    expect(await h.account('hh:demo-hh-1')).toMatchObject({ balanceTenths: 0 })
  })

  test('an expired voucher’s refund, and a reversal of a credit, use the wallet of today', async () => {
    await h.give('demo-r-resident-2', 10)
    const short = await h.offer({ points: 4, validUntil: inHours(1) })
    const v = await h.exchange(short.id, 'demo-resident-2')
    const credit = await h.give('demo-r-resident-2', 2)
    await h.settings({ householdWallet: true })
    try {
      expect((await h.balance('demo-resident-2')).available).toBe(8)
      // The adjustment went into the resident's account, whose points are now in the household's: taken from there.
      expect(await h.api('points', 'reverse', { entryId: credit.id, reason: '给多了' }, 'demo-admin')).toMatchObject({ ok: true, data: { entry: { delta: -2 } } })
      expect((await h.balance('demo-resident-2')).available).toBe(6)
      await cloud.setClock(2 * 3_600_000)
      expect(await h.tick()).toMatchObject({ expired: 1, failures: [] })
      expect(await h.voucher(v.id, 'demo-resident-2')).toMatchObject({ status: 'expired', refunded: true })
      expect((await h.balance('demo-resident-2')).available).toBe(10)
      expect(await h.account('res:demo-r-resident-2')).toMatchObject({ balanceTenths: 0 })
    } finally {
      await cloud.setClock(0)
      await h.settings({ householdWallet: false })
    }
  })

  test('a move of the household wallet is one of a pair and cannot be reversed on its own', async () => {
    await h.give('demo-r-head', 3)
    await h.settings({ householdWallet: true })
    await h.settings({ householdWallet: false })
    const ledger = data(await h.api<{ items: Entry[] }>('points', 'ledger', { residentId: 'demo-r-head' }, 'demo-admin')).items
    // Out of the resident's account and back in: each is half of a pair with the household's account.
    const moves = ledger.filter((e) => e.source.type === 'wallet')
    expect(moves).toHaveLength(2)
    expect(await h.api('points', 'reverse', { entryId: moves[0].id, reason: '转错了' }, 'demo-admin')).toMatchObject({ ok: false, code: 'INPUT.INVALID' })
    expect((await h.balance('demo-head')).available).toBe(3)
  })
})

describe('the household wallet, for people who joined with an invite (random ids)', () => {
  let cloud: TestCloud
  const h = helpers(() => cloud)
  beforeAll(async () => {
    cloud = await startCloud()
  })
  afterAll(() => cloud?.stop())

  test('switching it on and off moves pending points too (the move keys stay within 128 characters); an adjustment goes to the wallet that pays now', async () => {
    await h.settings({ settlement: 'monthly' })
    const invite = data(await h.api<{ invite: { code: string } }>('org', 'issueInvite', { courtyardId: 'demo-courtyard-1' }, 'demo-head')).invite
    const me = data(await h.api<{ residentId: string; householdId: string }>('user', 'join', { inviteCode: invite.code, name: '钱新来' }, 'wx-newcomer-wallet'))
    const rule = data(await h.api<{ rule: { id: string } }>('rules', 'save', { categoryId: 'cat-other', name: '参加楼院议事', points: 2, photosRequired: false, capPerMonth: 0 }, 'demo-admin')).rule.id
    const claim = data(await h.api<{ claim: { id: string } }>('claims', 'submit', buildClaim({ ruleId: rule }), 'wx-newcomer-wallet')).claim
    data(await h.api('claims', 'review', { claimId: claim.id, decision: 'pass' }, 'demo-head'))
    data(await h.api('claims', 'review', { claimId: claim.id, decision: 'pass' }, 'demo-grid'))
    expect(await h.balance('wx-newcomer-wallet')).toMatchObject({ pending: 2 })
    await h.settings({ householdWallet: true })
    expect(await h.account(`hh:${me.householdId}`)).toMatchObject({ pendingTenths: 20 })
    // An adjustment while the wallet is on lands where it can be spent.
    data(await h.api('points', 'adjust', { residentId: me.residentId, delta: 1, reason: '补记一分', requestId: rid('adj') }, 'demo-admin'))
    expect(await h.balance('wx-newcomer-wallet')).toMatchObject({ available: 1, pending: 2, householdWallet: true })
    expect(await h.account(`res:${me.residentId}`)).toMatchObject({ balanceTenths: 0 })
    await h.settings({ householdWallet: false })
    expect(await h.balance('wx-newcomer-wallet')).toMatchObject({ available: 1, pending: 2, householdWallet: false })
    const keys = (await cloud.sdk().database().collection('ledger').where({ residentId: me.residentId }).limit(100).get()).data.map((e: { _id: string }) => e._id)
    expect(keys.every((k: string) => k.length <= 128)).toBe(true)
  })
})

describe('an upheld objection corrects the account that pays now', () => {
  let cloud: TestCloud
  const h = helpers(() => cloud)
  beforeAll(async () => {
    cloud = await startCloud()
  })
  afterAll(() => cloud?.stop())

  test('a deduction objected to after the household wallet was turned on is returned to the household wallet', async () => {
    await h.give('demo-r-resident-2', 3)
    const deduction = await h.give('demo-r-resident-2', -1)
    await h.settings({ householdWallet: true })
    const month = monthOf(Date.now())
    await cloud.setClock(nextMonthAt(1, 3) - Date.now())
    try {
      data(await h.api('governance', 'closeMonth', { month }, 'demo-admin'))
      const objection = data(await h.api<{ objection: { id: string } }>('governance', 'object', { entryId: deduction.id, reason: '这次扣分没有依据', requestId: rid('ob') }, 'demo-resident')).objection
      data(await h.api('governance', 'resolve', { objectionId: objection.id, decision: 'uphold', note: '核实无误，退还' }, 'demo-admin'))
      expect((await h.balance('demo-resident-2')).available).toBe(3)
      expect(await h.account('hh:demo-hh-2')).toMatchObject({ balanceTenths: 30 })
      expect(await h.account('res:demo-r-resident-2')).toMatchObject({ balanceTenths: 0 })
    } finally {
      await cloud.setClock(0)
    }
  })
})

describe('a reversal of a still-pending credit', () => {
  let cloud: TestCloud
  const h = helpers(() => cloud)
  beforeAll(async () => {
    cloud = await startCloud()
  })
  afterAll(() => cloud?.stop())

  test('takes from the pending points of its month, not the spendable balance', async () => {
    await h.settings({ settlement: 'monthly' })
    const rule = data(await h.api<{ rule: { id: string } }>('rules', 'save', { categoryId: 'cat-other', name: '参加楼院议事', points: 2, photosRequired: false, capPerMonth: 0 }, 'demo-admin')).rule.id
    const claim = data(await h.api<{ claim: { id: string } }>('claims', 'submit', buildClaim({ ruleId: rule }), 'demo-resident-2')).claim
    data(await h.api('claims', 'review', { claimId: claim.id, decision: 'pass' }, 'demo-head'))
    data(await h.api('claims', 'review', { claimId: claim.id, decision: 'pass' }, 'demo-grid'))
    await h.give('demo-r-resident-2', 1)
    expect(await h.balance('demo-resident-2')).toMatchObject({ available: 1, pending: 2 })
    expect(await h.api('points', 'reverse', { entryId: `claim:${claim.id}`, reason: '核实后不属实' }, 'demo-admin')).toMatchObject({ ok: true, data: { entry: { delta: -2 } } })
    expect(await h.balance('demo-resident-2')).toMatchObject({ available: 1, pending: 0 })
    const account = (await cloud.sdk().database().collection('accounts').doc('res:demo-r-resident-2').get()).data[0] as { pendingByMonth: Record<string, number>; pendingMonths: string[] }
    expect(account.pendingByMonth).toEqual({})
    expect(account.pendingMonths).toEqual([])
  })
})

describe('cursors page by a unique key', () => {
  let cloud: TestCloud
  const h = helpers(() => cloud)
  beforeAll(async () => {
    cloud = await startCloud()
  })
  afterAll(() => cloud?.stop())

  /** Every page of a listing, following its cursor: the ids in the order given. */
  async function allPages(fn: string, action: string, input: Record<string, unknown>, openid: string): Promise<string[]> {
    const ids: string[] = []
    let cursor: string | undefined
    for (let pages = 0; pages < 20; pages++) {
      const page = data(await h.api<{ items: { id: string }[]; cursor?: string }>(fn, action, { ...input, ...(cursor ? { cursor } : {}) }, openid))
      ids.push(...page.items.map((i) => i.id))
      cursor = page.cursor
      if (!cursor) return ids
    }
    throw new Error('翻了 20 页还没有翻完')
  }

  const stamp = new Date(Date.now() - 3_600_000).toISOString()
  const earlier = new Date(Date.now() - 7_200_000).toISOString()

  test('points.ledger: 45 entries of one instant, each exactly once, newest first', async () => {
    const db = cloud.sdk().database()
    const base = { accountId: 'res:demo-r-liu', communityId: 'demo-community', residentId: 'demo-r-liu', householdId: 'demo-hh-4', courtyardId: 'demo-courtyard-1', gridId: 'demo-grid-1', residentName: '刘福贵', householdName: '刘福贵家', courtyardName: '莲花新区1排3号院', kind: 'credit', operator: 'demo-admin', operatorName: '周海燕', month: monthOf(Date.now()), year: monthOf(Date.now()).slice(0, 4), balanceAfter: 10, projected: true }
    const ids: string[] = []
    for (let i = 0; i < 45; i++) {
      const id = `tie-${String((i * 7) % 45).padStart(2, '0')}`
      ids.push(id)
      await db.collection('ledger').doc(id).set({ ...base, delta: 10, source: { type: 'adjustment', id }, at: stamp })
    }
    await db.collection('ledger').doc('tie-earlier').set({ ...base, delta: 10, source: { type: 'adjustment', id: 'tie-earlier' }, at: earlier })
    const seen = await allPages('points', 'ledger', { residentId: 'demo-r-liu' }, 'demo-admin')
    expect(seen).toHaveLength(46)
    expect(new Set(seen).size).toBe(46)
    expect(seen.slice(0, 45).sort()).toEqual([...ids].sort())
    expect(seen[45]).toBe('tie-earlier')
  })

  test('shop.vouchers: 30 vouchers issued in one instant, each exactly once', async () => {
    const db = cloud.sdk().database()
    const ids: string[] = []
    for (let i = 0; i < 30; i++) {
      const id = `tie-v-${String(i).padStart(2, '0')}`
      ids.push(id)
      await db.collection('vouchers').doc(id).set({ communityId: 'demo-community', offerId: 'offer-toothpaste', offerTitle: '牙膏一支', kind: 'goods', merchantId: 'demo-merchant-shanzhi', merchantName: '善治超市', residentId: 'demo-r-head-2', residentName: '赵桂兰', householdId: 'demo-hh-5', courtyardName: '莲花新区2排7号院', openid: 'demo-head-2', pointsTenths: 50, entryKey: `voucher:${id}`, perHousehold: false, ticket: String(10_000_000 + i), status: 'redeemed', issuedAt: stamp, validUntil: inHours(24) })
    }
    const seen = await allPages('shop', 'vouchers', {}, 'demo-head-2')
    expect(seen).toHaveLength(30)
    expect([...seen].sort()).toEqual(ids)
  })

  test('governance.audit: 60 log lines of one instant, each exactly once', async () => {
    const db = cloud.sdk().database()
    const ids: string[] = []
    for (let i = 0; i < 60; i++) {
      const id = `tie-a-${String(i).padStart(2, '0')}`
      ids.push(id)
      await db.collection('audit').doc(id).set({ communityId: 'demo-community', at: stamp, operator: 'paging-test', operatorName: '测试', action: 'points.adjust', input: {} })
    }
    const seen = await allPages('governance', 'audit', { operator: 'paging-test' }, 'demo-admin')
    expect(seen).toHaveLength(60)
    expect([...seen].sort()).toEqual(ids)
  })

  test('claims.mine: 25 claims of one instant, each exactly once', async () => {
    const db = cloud.sdk().database()
    const ids: string[] = []
    for (let i = 0; i < 25; i++) {
      const id = `tie-c-${String(i).padStart(2, '0')}`
      ids.push(id)
      await db.collection('claims').doc(id).set({ communityId: 'demo-community', gridId: 'demo-grid-1', courtyardId: 'demo-courtyard-2', courtyardName: '莲花新区2排7号院', householdId: 'demo-hh-5', householdName: '赵桂兰家', residentId: 'demo-r-head-2', residentName: '赵桂兰', residentOpenid: 'demo-head-2', ruleId: 'rule-clean-yard', ruleName: '清扫院落', categoryName: '人居环境', pointsTenths: 10, status: 'withdrawn', step: null, occurredAt: stamp, month: monthOf(Date.now()), place: '院里', description: '清扫', photos: [], photoHashes: [], duplicates: [], proxy: null, submittedBy: 'demo-head-2', counted: false, history: [], createdAt: stamp, updatedAt: stamp })
    }
    const seen = await allPages('claims', 'mine', {}, 'demo-head-2')
    expect([...seen].sort()).toEqual(ids)
  })

  test('a cursor that is not one of ours is refused, not a crash', async () => {
    for (const [fn, action, openid] of [['points', 'ledger', 'demo-resident'], ['shop', 'vouchers', 'demo-resident'], ['governance', 'audit', 'demo-admin']] as const) {
      expect(await h.api(fn, action, { cursor: 'not-a-cursor' }, openid)).toMatchObject({ ok: false, code: 'INPUT.INVALID' })
      expect(await h.api(fn, action, { cursor: Buffer.from('["x",1]').toString('base64url') }, openid)).toMatchObject({ ok: false, code: 'INPUT.INVALID' })
    }
  })
})
