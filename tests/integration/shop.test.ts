/**
 * 积分超市 through the real SDK and the function gateway: offers and their review, exchange (limits, eligibility,
 * races for the last one, retries), redemption codes (tampered, expired, another merchant's), exactly-once 核销,
 * cancel and expiry refunds, merchants and clerks, settlement and its Excel export.
 */
import ExcelJS from 'exceljs'
import type { Offer, Settlement, Voucher } from '../../src/core/shop'
import { startCloud, type ApiAnswer, type TestCloud } from '../support/cloud'

let cloud: TestCloud
beforeAll(async () => {
  cloud = await startCloud()
})
afterAll(() => cloud?.stop())
afterEach(() => cloud.setClock(0))

let seq = 0
const rid = (label: string) => `${label}-${++seq}-${Date.now()}`
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString()

function data<T>(answer: ApiAnswer<T>): T {
  if (!answer.ok) throw new Error(`${answer.code}: ${answer.message}`)
  return answer.data
}

const give = async (residentId: string, delta: number) =>
  data(await cloud.api('points', 'adjust', { residentId, delta, reason: '测试用积分', requestId: rid('give') }, 'demo-admin'))
const balance = async (openid: string) => data(await cloud.api<{ available: number }>('points', 'balance', {}, openid)).available
const offerOf = async (offerId: string) => data(await cloud.api<{ offer: Offer; used: number; canExchange: boolean; reason?: string }>('shop', 'offer', { offerId }, 'demo-resident'))
const exchange = (offerId: string, openid = 'demo-resident', requestId = rid('ex')) => cloud.api<{ voucher: Voucher }>('shop', 'exchange', { offerId, requestId }, openid)
const codeFor = async (voucherId: string, openid = 'demo-resident') => data(await cloud.api<{ code: string; display: string; expiresAt: string }>('shop', 'code', { voucherId }, openid))
const redeem = (code: string, openid = 'demo-merchant') => cloud.api<{ voucher: Voucher }>('shop', 'redeem', { code }, openid)

async function newOffer(fields: Record<string, unknown> = {}): Promise<Offer> {
  const input = { title: '测试商品', kind: 'goods', points: 2, stock: 10, perResidentLimit: 5, validUntil: inDays(30), merchantId: 'demo-merchant-shanzhi', ...fields }
  return data(await cloud.api<{ offer: Offer }>('shop', 'saveOffer', input, 'demo-admin')).offer
}

describe('offers', () => {
  test('a member sees the active, in-window offers of the community, by kind, with the points cost', async () => {
    const all = data(await cloud.api<{ items: Offer[] }>('shop', 'offers', {}, 'demo-resident')).items
    expect(all.map((o) => o.id)).toEqual(expect.arrayContaining(['offer-detergent', 'offer-toothpaste', 'offer-haircut', 'offer-meal', 'offer-coupon']))
    expect(all.find((o) => o.id === 'offer-detergent')).toMatchObject({ title: '洗衣粉一袋', points: 10, merchantName: '善治超市', kind: 'goods', status: 'active' })
    const services = data(await cloud.api<{ items: Offer[] }>('shop', 'offers', { kind: 'service' }, 'demo-resident')).items
    expect(services.map((o) => o.kind)).toEqual(services.map(() => 'service'))
    expect(services.map((o) => o.id)).toEqual(expect.arrayContaining(['offer-haircut', 'offer-meal']))

    const future = await newOffer({ title: '下个月才开始', validFrom: inDays(10) })
    const ids = data(await cloud.api<{ items: Offer[] }>('shop', 'offers', {}, 'demo-resident')).items.map((o) => o.id)
    expect(ids).not.toContain(future.id)
  })

  test('a clerk’s offer waits for the admin; approved, it is in the shop; rejected, it says why', async () => {
    const input = { title: '酱油一瓶', kind: 'goods', points: 6, stock: 20, perResidentLimit: 1, validUntil: inDays(60), requestId: rid('offer') }
    const saved = data(await cloud.api<{ offer: Offer }>('shop', 'saveOffer', input, 'demo-merchant')).offer
    expect(saved).toMatchObject({ status: 'pending', merchantId: 'demo-merchant-shanzhi', points: 6 })
    // The same requestId again: the same offer, not a second one.
    expect(data(await cloud.api<{ offer: Offer }>('shop', 'saveOffer', input, 'demo-merchant')).offer.id).toBe(saved.id)
    const shop = async () => data(await cloud.api<{ items: Offer[] }>('shop', 'offers', {}, 'demo-resident')).items.map((o) => o.id)
    expect(await shop()).not.toContain(saved.id)
    const pending = data(await cloud.api<{ items: Offer[] }>('shop', 'offers', { status: 'pending' }, 'demo-admin')).items
    expect(pending.map((o) => o.id)).toContain(saved.id)
    expect(data(await cloud.api<{ items: Offer[] }>('shop', 'offers', { mine: true }, 'demo-merchant')).items.map((o) => o.id)).toContain(saved.id)

    expect(await cloud.api('shop', 'reviewOffer', { offerId: saved.id, decision: 'reject' }, 'demo-admin')).toMatchObject({ ok: false, code: 'INPUT.INVALID' })
    expect(await cloud.api('shop', 'reviewOffer', { offerId: saved.id, decision: 'approve' }, 'demo-merchant')).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' })
    const approved = data(await cloud.api<{ offer: Offer }>('shop', 'reviewOffer', { offerId: saved.id, decision: 'approve' }, 'demo-admin')).offer
    expect(approved.status).toBe('active')
    expect(await shop()).toContain(saved.id)
    // Restocked by the clerk, it stays on sale; its price changed, it waits again; the admin retires it, and may bring it back.
    const restocked = data(await cloud.api<{ offer: Offer }>('shop', 'saveOffer', { ...input, id: saved.id, stock: 30, requestId: undefined }, 'demo-merchant')).offer
    expect(restocked).toMatchObject({ status: 'active', stock: 30 })
    const changed = data(await cloud.api<{ offer: Offer }>('shop', 'saveOffer', { ...input, id: saved.id, stock: 30, points: 7, requestId: undefined }, 'demo-merchant')).offer
    expect(changed).toMatchObject({ status: 'pending', points: 7 })
    expect(await shop()).not.toContain(saved.id)
    expect(data(await cloud.api<{ offer: Offer }>('shop', 'reviewOffer', { offerId: saved.id, decision: 'retire' }, 'demo-admin')).offer.status).toBe('retired')
    expect(await cloud.api('shop', 'reviewOffer', { offerId: saved.id, decision: 'reject', note: '已下架的不能驳回' }, 'demo-admin')).toMatchObject({ ok: false, code: 'INPUT.INVALID' })
    expect(data(await cloud.api<{ offer: Offer }>('shop', 'reviewOffer', { offerId: saved.id, decision: 'approve' }, 'demo-admin')).offer.status).toBe('active')

    const other = data(await cloud.api<{ offer: Offer }>('shop', 'saveOffer', { ...input, requestId: rid('offer') }, 'demo-merchant')).offer
    const rejected = data(await cloud.api<{ offer: Offer }>('shop', 'reviewOffer', { offerId: other.id, decision: 'reject', note: '价格太高' }, 'demo-admin')).offer
    expect(rejected).toMatchObject({ status: 'rejected', note: '价格太高' })
  })

  test('bad offers are refused with the field named', async () => {
    const base = { title: '好商品', kind: 'goods', points: 1, stock: 1, perResidentLimit: 1, validUntil: inDays(3), merchantId: 'demo-merchant-shanzhi' }
    for (const bad of [{ points: 0 }, { points: 1.25 }, { stock: -1 }, { perResidentLimit: 0 }, { kind: 'cash' }, { title: '' }, { validUntil: 'tomorrow' }, { eligibility: { minAge: 80, maxAge: 70 } }]) {
      const answer = await cloud.api('shop', 'saveOffer', { ...base, ...bad }, 'demo-admin')
      expect(answer).toMatchObject({ ok: false, code: 'INPUT.INVALID' })
    }
    expect(await cloud.api('shop', 'saveOffer', { ...base, validFrom: inDays(5) }, 'demo-admin')).toMatchObject({ ok: false, code: 'INPUT.INVALID' })
    // A clerk cannot publish for another merchant, and a resident not at all.
    expect(await cloud.api('shop', 'saveOffer', { ...base, merchantId: 'other-merchant' }, 'demo-merchant')).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' })
    expect(await cloud.api('shop', 'saveOffer', base, 'demo-resident')).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' })
  })
})

describe('exchange', () => {
  test('debits the points, takes one from stock and issues a voucher, in one go; a retry answers the same voucher', async () => {
    const offer = await newOffer({ points: 3.5, stock: 4 })
    expect(await exchange(offer.id, 'demo-resident-2')).toMatchObject({ ok: false, code: 'POINTS.INSUFFICIENT' })
    await give('demo-r-resident-2', 10)
    const requestId = rid('ex')
    const first = data(await exchange(offer.id, 'demo-resident-2', requestId)).voucher
    expect(first).toMatchObject({ offerId: offer.id, status: 'issued', points: 3.5, residentName: '李明', merchantName: '善治超市' })
    expect(await balance('demo-resident-2')).toBe(6.5)
    expect((await offerOf(offer.id)).offer.stock).toBe(3)
    // The same requestId, twice at once and once more: still one voucher, one debit.
    const again = await Promise.all([exchange(offer.id, 'demo-resident-2', requestId), exchange(offer.id, 'demo-resident-2', requestId)])
    for (const a of [...again, await exchange(offer.id, 'demo-resident-2', requestId)]) expect(data(a).voucher.id).toBe(first.id)
    expect(await balance('demo-resident-2')).toBe(6.5)
    expect((await offerOf(offer.id)).offer.stock).toBe(3)
    const ledger = data(await cloud.api<{ items: { kind: string; delta: number; source: { type: string; id: string } }[] }>('points', 'ledger', {}, 'demo-resident-2')).items
    expect(ledger.filter((e) => e.source.id === first.id)).toEqual([expect.objectContaining({ kind: 'debit', delta: -3.5 })])
    const mine = data(await cloud.api<{ items: Voucher[] }>('shop', 'vouchers', { status: 'issued' }, 'demo-resident-2')).items
    expect(mine.map((v) => v.id)).toContain(first.id)
  })

  test('the per-resident limit counts issued and used vouchers; a cancelled one frees its place', async () => {
    const offer = await newOffer({ perResidentLimit: 2, points: 1 })
    await give('demo-r-resident', 10)
    const a = data(await exchange(offer.id)).voucher
    const b = data(await exchange(offer.id)).voucher
    expect(await exchange(offer.id)).toMatchObject({ ok: false, code: 'SHOP.LIMIT_REACHED' })
    expect(await offerOf(offer.id)).toMatchObject({ used: 2, canExchange: false })
    data(await redeem((await codeFor(a.id)).code))
    expect(await exchange(offer.id)).toMatchObject({ ok: false, code: 'SHOP.LIMIT_REACHED' })
    data(await cloud.api('shop', 'cancel', { voucherId: b.id }, 'demo-resident'))
    expect(data(await exchange(offer.id)).voucher.status).toBe('issued')
  })

  test('每户限兑 counts the household; an age rule admits only those it names', async () => {
    const offer = await newOffer({ perResidentLimit: 1, points: 1, eligibility: { perHousehold: true } })
    await give('demo-r-resident', 5)
    data(await exchange(offer.id))
    expect(await exchange(offer.id)).toMatchObject({ ok: false, code: 'SHOP.LIMIT_REACHED' })
    // Another household is not held back by it.
    await give('demo-r-resident-2', 5)
    data(await exchange(offer.id, 'demo-resident-2'))

    // 爱心义剪 is for 70 and over: demo-resident was born in 1953, demo-resident-2 in 1986.
    expect(await exchange('offer-haircut', 'demo-resident-2')).toMatchObject({ ok: false, code: 'SHOP.NOT_ELIGIBLE' })
    const detail = data(await cloud.api<{ canExchange: boolean; reason?: string }>('shop', 'offer', { offerId: 'offer-haircut' }, 'demo-resident-2'))
    expect(detail).toMatchObject({ canExchange: false, reason: expect.stringContaining('年龄') })
    await give('demo-r-resident', 5)
    expect(data(await exchange('offer-haircut')).voucher.offerTitle).toBe('爱心义剪')
  })

  test('the last one raced by two residents: exactly one voucher, and the other keeps their points', async () => {
    const offer = await newOffer({ stock: 1, points: 4 })
    await give('demo-r-resident', 4)
    await give('demo-r-resident-2', 4)
    const before = [await balance('demo-resident'), await balance('demo-resident-2')]
    const answers = await Promise.all([exchange(offer.id, 'demo-resident'), exchange(offer.id, 'demo-resident-2')])
    expect(answers.filter((a) => a.ok)).toHaveLength(1)
    expect(answers.filter((a) => !a.ok)).toEqual([expect.objectContaining({ code: 'SHOP.OUT_OF_STOCK' })])
    const after = [await balance('demo-resident'), await balance('demo-resident-2')]
    expect(before[0] - after[0] + before[1] - after[1]).toBe(4)
    expect((await offerOf(offer.id)).offer.stock).toBe(0)
  })

  test('an offer out of its window, retired, or of a suspended merchant cannot be exchanged', async () => {
    await give('demo-r-resident', 10)
    const retired = await newOffer()
    data(await cloud.api('shop', 'reviewOffer', { offerId: retired.id, decision: 'retire' }, 'demo-admin'))
    expect(await exchange(retired.id)).toMatchObject({ ok: false, code: 'SHOP.OFFER_UNAVAILABLE' })
    const soon = await newOffer({ validUntil: new Date(Date.now() + 3_600_000).toISOString() })
    await cloud.setClock(2 * 3_600_000)
    expect(await exchange(soon.id)).toMatchObject({ ok: false, code: 'SHOP.OFFER_UNAVAILABLE' })
    await cloud.setClock(0)
    expect(await exchange('no-such-offer')).toMatchObject({ ok: false, code: 'NOT_FOUND' })
    expect(await exchange('offer-detergent', 'demo-grid')).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' })
  })

  test('a suspended resident is refused with ACCOUNT.SUSPENDED', async () => {
    await give('demo-r-resident-2', 5)
    const db = cloud.sdk().database()
    await db.collection('accounts').doc('res:demo-r-resident-2').update({ suspendedUntil: inDays(90) })
    expect(await exchange('offer-toothpaste', 'demo-resident-2')).toMatchObject({ ok: false, code: 'ACCOUNT.SUSPENDED' })
    await db.collection('accounts').doc('res:demo-r-resident-2').update({ suspendedUntil: inDays(-1) })
  })
})

describe('redemption', () => {
  let offerId: string
  beforeAll(async () => {
    offerId = (await newOffer({ points: 1, perResidentLimit: 50, stock: 100, title: '核销测试品' })).id
    await give('demo-r-resident', 40)
  })

  test('a code is 16 digits, good for 60 seconds, new each time it is asked later; the clerk sees whom to hand what', async () => {
    const v = data(await exchange(offerId)).voucher
    const first = await codeFor(v.id)
    expect(first.code).toMatch(/^\d{16}$/)
    expect(first.display).toMatch(/^\d{4} \d{4} \d{4} \d{4}$/)
    const ttl = new Date(first.expiresAt).getTime() - Date.now()
    expect(ttl).toBeGreaterThan(50_000)
    expect(ttl).toBeLessThanOrEqual(60_000)
    await cloud.setClock(10_000)
    expect((await codeFor(v.id)).code).not.toBe(first.code)
    // Someone else's voucher has no code for me.
    expect(await cloud.api('shop', 'code', { voucherId: v.id }, 'demo-resident-2')).toMatchObject({ ok: false, code: 'NOT_FOUND' })
    const done = data(await redeem(first.display)).voucher
    expect(done).toMatchObject({ id: v.id, status: 'redeemed', residentName: '张*英', offerTitle: '核销测试品', points: 1 })
    expect(data(await cloud.api<{ voucher: Voucher }>('shop', 'voucher', { voucherId: v.id }, 'demo-resident')).voucher).toMatchObject({ status: 'redeemed', residentName: '张秀英' })
    expect(await cloud.api('shop', 'code', { voucherId: v.id }, 'demo-resident')).toMatchObject({ ok: false, code: 'VOUCHER.ALREADY_REDEEMED' })
  })

  test('ten scans of one code at once: exactly one redeems, the rest are told it is already redeemed', async () => {
    const v = data(await exchange(offerId)).voucher
    const { code } = await codeFor(v.id)
    const answers = await Promise.all(Array.from({ length: 10 }, () => redeem(code)))
    expect(answers.filter((a) => a.ok)).toHaveLength(1)
    expect(answers.filter((a) => !a.ok).map((a) => !a.ok && a.code)).toEqual(Array(9).fill('VOUCHER.ALREADY_REDEEMED'))
  })

  test('a tampered code, an expired code and another merchant’s voucher are each refused with their own code', async () => {
    const v = data(await exchange(offerId)).voucher
    const { code } = await codeFor(v.id)
    const flip = (s: string, i: number) => s.slice(0, i) + String((Number(s[i]) + 1) % 10) + s.slice(i + 1)
    for (const i of [0, 9, 12, 15]) expect(await redeem(flip(code, i))).toMatchObject({ ok: false, code: 'VOUCHER.CODE_INVALID' })
    expect(await redeem('12345')).toMatchObject({ ok: false, code: 'INPUT.INVALID' })
    await cloud.setClock(61_000)
    expect(await redeem(code)).toMatchObject({ ok: false, code: 'VOUCHER.CODE_EXPIRED' })
    await cloud.setClock(0)
    const fresh = await codeFor(v.id)

    // Another merchant with its own clerk, bound by an invite code.
    const merchant = data(await cloud.api<{ merchant: { id: string } }>('shop', 'saveMerchant', { name: '福禄理发店', address: '银水路 8 号', requestId: rid('m') }, 'demo-admin')).merchant
    const invite = data(await cloud.api<{ invite: { code: string; merchantName: string } }>('shop', 'clerkInvite', { merchantId: merchant.id }, 'demo-admin')).invite
    expect(invite.merchantName).toBe('福禄理发店')
    const me = data(await cloud.api<{ merchantId: string; roles: { role: string; nodeId: string }[] }>('user', 'join', { inviteCode: invite.code, name: '王师傅' }, 'barber-clerk'))
    expect(me).toMatchObject({ merchantId: merchant.id, roles: [{ role: 'merchant', nodeId: merchant.id }] })
    // The code is single use.
    expect(await cloud.api('user', 'join', { inviteCode: invite.code, name: '别人' }, 'someone-else')).toMatchObject({ ok: false, code: 'INVITE.INVALID' })
    expect(await redeem(fresh.code, 'barber-clerk')).toMatchObject({ ok: false, code: 'VOUCHER.WRONG_MERCHANT' })
    expect(await redeem(fresh.code, 'demo-resident')).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' })
    // Still unused after all that.
    expect(data(await cloud.api<{ voucher: Voucher }>('shop', 'voucher', { voucherId: v.id }, 'demo-resident')).voucher.status).toBe('issued')
  })

  test('a suspended merchant leaves the shop and cannot redeem until it is let trade again', async () => {
    const v = data(await exchange(offerId)).voucher
    data(await cloud.api('shop', 'setMerchantStatus', { merchantId: 'demo-merchant-shanzhi', status: 'suspended' }, 'demo-admin'))
    try {
      const shown = data(await cloud.api<{ items: Offer[] }>('shop', 'offers', {}, 'demo-resident')).items
      expect(shown.filter((o) => o.merchantId === 'demo-merchant-shanzhi')).toEqual([])
      expect(await redeem((await codeFor(v.id)).code)).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' })
    } finally {
      data(await cloud.api('shop', 'setMerchantStatus', { merchantId: 'demo-merchant-shanzhi', status: 'active' }, 'demo-admin'))
    }
    expect(data(await redeem((await codeFor(v.id)).code)).voucher.status).toBe('redeemed')
  })
})

describe('cancel and expiry', () => {
  test('cancel refunds the points and restores the stock of an unused voucher, once', async () => {
    const offer = await newOffer({ points: 2.5, stock: 3 })
    await give('demo-r-resident', 5)
    const before = await balance('demo-resident')
    const v = data(await exchange(offer.id)).voucher
    expect(await balance('demo-resident')).toBe(before - 2.5)
    expect(await cloud.api('shop', 'cancel', { voucherId: v.id }, 'demo-resident-2')).toMatchObject({ ok: false, code: 'NOT_FOUND' })
    const cancelled = data(await cloud.api<{ voucher: Voucher }>('shop', 'cancel', { voucherId: v.id }, 'demo-resident')).voucher
    expect(cancelled).toMatchObject({ status: 'cancelled', refunded: true })
    expect(await balance('demo-resident')).toBe(before)
    expect((await offerOf(offer.id)).offer.stock).toBe(3)
    expect(await cloud.api('shop', 'cancel', { voucherId: v.id }, 'demo-resident')).toMatchObject({ ok: false, code: 'VOUCHER.NOT_REDEEMABLE' })
    expect(await balance('demo-resident')).toBe(before)
    expect(await cloud.api('shop', 'code', { voucherId: v.id }, 'demo-resident')).toMatchObject({ ok: false, code: 'VOUCHER.NOT_REDEEMABLE' })
    // A used voucher cannot be cancelled; the admin may cancel an unused one.
    const used = data(await exchange(offer.id)).voucher
    data(await redeem((await codeFor(used.id)).code))
    expect(await cloud.api('shop', 'cancel', { voucherId: used.id }, 'demo-resident')).toMatchObject({ ok: false, code: 'VOUCHER.ALREADY_REDEEMED' })
    const third = data(await exchange(offer.id)).voucher
    expect(data(await cloud.api<{ voucher: Voucher }>('shop', 'cancel', { voucherId: third.id }, 'demo-admin')).voucher.status).toBe('cancelled')
    const ledger = data(await cloud.api<{ items: { kind: string; delta: number; source: { id: string } }[] }>('points', 'ledger', {}, 'demo-resident')).items
    expect(ledger.filter((e) => e.source.id === v.id).map((e) => [e.kind, e.delta])).toEqual([
      ['reversal', 2.5],
      ['debit', -2.5],
    ])
  })

  test('the timer expires vouchers past their validity, refunding them as the community setting says', async () => {
    const db = cloud.sdk().database()
    const offer = await newOffer({ points: 3, stock: 5, validUntil: new Date(Date.now() + 3_600_000).toISOString() })
    await give('demo-r-resident', 6)
    const start = await balance('demo-resident')
    const refunded = data(await exchange(offer.id)).voucher
    await cloud.setClock(2 * 3_600_000)
    // Past its validity it cannot be redeemed even before the timer runs.
    expect(await cloud.api('shop', 'code', { voucherId: refunded.id }, 'demo-resident')).toMatchObject({ ok: false, code: 'VOUCHER.NOT_REDEEMABLE' })
    const tick = data(await cloud.api<{ expired: number }>('jobs', 'tick', {}, null))
    expect(tick.expired).toBeGreaterThanOrEqual(1)
    expect(data(await cloud.api<{ voucher: Voucher }>('shop', 'voucher', { voucherId: refunded.id }, 'demo-resident')).voucher).toMatchObject({ status: 'expired', refunded: true })
    expect(await balance('demo-resident')).toBe(start)
    expect((await offerOf(offer.id)).offer.stock).toBe(5)
    // Again: nothing more.
    expect(data(await cloud.api<{ expired: number }>('jobs', 'tick', {}, null)).expired).toBe(0)
    expect(await balance('demo-resident')).toBe(start)
    await cloud.setClock(0)

    // A community that does not refund expired vouchers.
    await db.collection('settings').doc('demo-community').update({ refundExpiredVouchers: false })
    try {
      const kept = await newOffer({ points: 3, stock: 5, validUntil: new Date(Date.now() + 3_600_000).toISOString() })
      const v = data(await exchange(kept.id)).voucher
      const spent = await balance('demo-resident')
      await cloud.setClock(2 * 3_600_000)
      data(await cloud.api('jobs', 'tick', {}, null))
      expect(data(await cloud.api<{ voucher: Voucher }>('shop', 'voucher', { voucherId: v.id }, 'demo-resident')).voucher).toMatchObject({ status: 'expired', refunded: false })
      expect(await balance('demo-resident')).toBe(spent)
    } finally {
      await db.collection('settings').doc('demo-community').update({ refundExpiredVouchers: true })
    }
  })
})

describe('settlement', () => {
  test('a merchant sees its redemptions by day and month; the admin sees every merchant and exports it to Excel', async () => {
    const offer = await newOffer({ points: 1.5, title: '结算测试品', perResidentLimit: 10 })
    await give('demo-r-resident', 10)
    const before = data(await cloud.api<Settlement>('shop', 'settlement', { month: monthNow() }, 'demo-admin'))
    for (let i = 0; i < 3; i++) {
      const v = data(await exchange(offer.id)).voucher
      data(await redeem((await codeFor(v.id)).code))
    }
    // One exchanged but not used: not in the settlement.
    data(await exchange(offer.id))
    const admin = data(await cloud.api<Settlement>('shop', 'settlement', { month: monthNow() }, 'demo-admin'))
    const row = admin.merchants.find((m) => m.merchantId === 'demo-merchant-shanzhi')!
    expect(row.offers.find((o) => o.offerId === offer.id)).toEqual({ offerId: offer.id, title: '结算测试品', count: 3, points: 4.5 })
    expect(admin.total.count).toBe(before.total.count + 3)
    expect(admin.total.points).toBeCloseTo(before.total.points + 4.5, 5)

    const own = data(await cloud.api<Settlement>('shop', 'settlement', { month: monthNow() }, 'demo-merchant'))
    expect(own.merchants.map((m) => m.merchantId)).toEqual(['demo-merchant-shanzhi'])
    expect(own.days?.find((d) => d.day === dayNow())?.count).toBeGreaterThanOrEqual(3)
    const today = data(await cloud.api<{ items: Voucher[]; total: { count: number } }>('shop', 'redemptions', { day: dayNow() }, 'demo-merchant'))
    expect(today.items.filter((v) => v.offerId === offer.id)).toHaveLength(3)
    expect(today.items.every((v) => v.residentName.includes('*'))).toBe(true)
    // A clerk sees only its own merchant.
    expect(await cloud.api('shop', 'redemptions', { day: dayNow(), merchantId: 'other' }, 'demo-merchant')).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' })

    const file = data(await cloud.api<{ url: string; fileName: string }>('shop', 'exportSettlement', { month: monthNow() }, 'demo-admin'))
    expect(file.fileName).toBe(`商家结算-${monthNow()}.xlsx`)
    const res = await fetch(file.url)
    expect(res.status).toBe(200)
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer)
    const summary = book.getWorksheet('月结算')!
    const rows = summary.getSheetValues().filter(Boolean) as unknown[][]
    expect(rows.some((r) => r.includes('结算测试品') && r.includes(3) && r.includes(4.5))).toBe(true)
    expect(rows.some((r) => r.includes('合计') && r.includes(admin.total.count))).toBe(true)
    expect(book.getWorksheet('核销明细')!.rowCount).toBe(admin.total.count + 1)
  })
})

const monthNow = () => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' }).format(new Date())
const dayNow = () => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date())
