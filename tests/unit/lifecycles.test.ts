/**
 * Every lifecycle is a table in the core: offers, vouchers, listings (红黑榜), deductions (扣分项), objections and months, each written
 * out here whole — every status × every event, where it leads or the exact refusal — and, for all of them and
 * claims, properties of the tables themselves: nothing leaves a final status, every status can be reached, every
 * event names who may cause it.
 */
import fc from 'fast-check'
import { ACTIVITIES, type ActivityEvent, type ActivityStatus, nextActivityStatus } from '../../src/core/activities'
import { CLAIMS } from '../../src/core/claims'
import { DomainError, ERROR_MESSAGES } from '../../src/core/errors'
import { type Lifecycle, allows, isFinal, next } from '../../src/core/lifecycle'
import { DEDUCTIONS, type DeductionEvent, type DeductionStatus, nextDeductionStatus } from '../../src/core/deductions'
import { LISTINGS, type ListingEvent, type ListingStatus, firstListingStatus, listingInForce, listingStatusAt, nextListingStatus } from '../../src/core/listings'
import { MONTHS, type MonthEvent, type MonthStatus, assertObjectionsOpen, finalizeDue, monthStatusOf, nextMonthStatus, objectionsOpen } from '../../src/core/months'
import { OBJECTIONS, type ObjectionEvent, type ObjectionStatus, nextObjectionStatus } from '../../src/core/objections'
import { OFFERS, type OfferEvent, type OfferStatus, firstOfferStatus, nextOfferStatus, onSale } from '../../src/core/offers'
import { HAZARDS, SUGGESTIONS, VOICE_EVENT_NAMES, type VoiceEvent, WISHES, nextVoiceStatus, statusName } from '../../src/core/voices'
import { VOUCHERS, type VoucherEvent, type VoucherStatus, assertRedeemable, assertShowable, nextVoucherStatus, refusePointsBack } from '../../src/core/vouchers'

/** A row of a written-out table: status, event, and the next status or the refusal (code and Chinese message). */
type Row<S, E> = [S, E, S | { code: string; message: string }]

const refused = (code: keyof typeof ERROR_MESSAGES, message: string) => ({ code, message })

/** Checks a written-out table against the core's, pair by pair, and that it covers every pair. */
function checkTable<S extends string, E extends string, C>(lifecycle: Lifecycle<S, E, C>, rows: Row<S, E>[], nextOf: (status: S, event: E) => S) {
  test('covers every status and event', () => {
    expect(rows).toHaveLength(lifecycle.statuses.length * lifecycle.events.length)
    expect(new Set(rows.map(([s, e]) => `${s}+${e}`)).size).toBe(rows.length)
    expect(Object.keys(lifecycle.transitions).sort()).toEqual([...lifecycle.statuses].sort())
  })

  test.each(rows)('%s + %s → %j', (status, event, expected) => {
    if (typeof expected === 'string') {
      expect(nextOf(status, event)).toBe(expected)
      expect(allows(lifecycle, status, event)).toBe(true)
    } else {
      expect(() => nextOf(status, event)).toThrow(expect.objectContaining({ code: expected.code, message: expected.message }))
      expect(allows(lifecycle, status, event)).toBe(false)
    }
  })
}

describe('the offer table', () => {
  const unavailable = (name: string) => refused('INPUT.INVALID', `这件商品现在是“${name}”，不能这样处理`)
  const rows: Row<OfferStatus, OfferEvent>[] = [
    ['pending', 'approve', 'active'],
    ['pending', 'reject', 'rejected'],
    ['pending', 'retire', 'retired'],
    ['pending', 'publish', 'active'],
    ['pending', 'edit', 'pending'],
    ['pending', 'restock', 'pending'],
    ['active', 'approve', unavailable('兑换中')],
    ['active', 'reject', unavailable('兑换中')],
    ['active', 'retire', 'retired'],
    ['active', 'publish', 'active'],
    ['active', 'edit', 'pending'],
    ['active', 'restock', 'active'],
    ['rejected', 'approve', 'active'],
    ['rejected', 'reject', unavailable('未通过')],
    ['rejected', 'retire', unavailable('未通过')],
    ['rejected', 'publish', 'active'],
    ['rejected', 'edit', 'pending'],
    ['rejected', 'restock', 'rejected'],
    ['retired', 'approve', 'active'],
    ['retired', 'reject', unavailable('已下架')],
    ['retired', 'retire', unavailable('已下架')],
    ['retired', 'publish', 'active'],
    ['retired', 'edit', 'pending'],
    ['retired', 'restock', 'retired'],
  ]
  checkTable(OFFERS, rows, nextOfferStatus)

  test('an offer gone from under the review is not found', () => {
    expect(() => nextOfferStatus(undefined, 'approve')).toThrow(expect.objectContaining({ code: 'NOT_FOUND', message: '没有找到这件商品' }))
  })

  test('a new offer is on sale when the admin saves it, and waits for the admin when a clerk does', () => {
    expect(firstOfferStatus('admin')).toBe('active')
    expect(firstOfferStatus('merchant')).toBe('pending')
  })

  test('only an active offer of a trading merchant, inside its dates, is on sale', () => {
    const offer = { status: 'active' as OfferStatus, validFrom: '2026-11-01T00:00:00.000Z', validUntil: '2026-12-01T00:00:00.000Z' }
    expect(onSale(offer, '2026-11-15T00:00:00.000Z')).toBe(true)
    expect(onSale(offer, '2026-11-01T00:00:00.000Z')).toBe(true)
    expect(onSale(offer, '2026-12-01T00:00:00.000Z')).toBe(false)
    expect(onSale(offer, '2026-10-31T23:59:59.999Z')).toBe(false)
    expect(onSale({ ...offer, merchantSuspended: true }, '2026-11-15T00:00:00.000Z')).toBe(false)
    for (const status of ['pending', 'rejected', 'retired'] as const) expect(onSale({ ...offer, status }, '2026-11-15T00:00:00.000Z')).toBe(false)
  })
})

describe('the voucher table', () => {
  const redeemedAt = '2026-11-29T06:05:00.000Z'
  const nextOf = (status: VoucherStatus, event: VoucherEvent) => nextVoucherStatus({ status, ...(status === 'redeemed' ? { redeemedAt } : {}) }, event)
  const rows: Row<VoucherStatus, VoucherEvent>[] = [
    ['issued', 'redeem', 'redeemed'],
    ['issued', 'cancel', 'cancelled'],
    ['issued', 'expire', 'expired'],
    // When it was used, in Asia/Shanghai.
    ['redeemed', 'redeem', refused('VOUCHER.ALREADY_REDEEMED', '这张券已经在 11月29日 14:05 核销过了')],
    ['redeemed', 'cancel', refused('VOUCHER.ALREADY_REDEEMED', '这张券已经使用过了，不能退回')],
    ['redeemed', 'expire', refused('VOUCHER.ALREADY_REDEEMED', '这张券已经使用过了，不能退回')],
    ['cancelled', 'redeem', refused('VOUCHER.NOT_REDEEMABLE', '这张券已退回或已过期，不能核销')],
    ['cancelled', 'cancel', refused('VOUCHER.NOT_REDEEMABLE', '这张券已经退回了')],
    ['cancelled', 'expire', refused('VOUCHER.NOT_REDEEMABLE', '这张券已经退回了')],
    ['expired', 'redeem', refused('VOUCHER.NOT_REDEEMABLE', '这张券已退回或已过期，不能核销')],
    ['expired', 'cancel', refused('VOUCHER.NOT_REDEEMABLE', '这张券已经过期了')],
    ['expired', 'expire', refused('VOUCHER.NOT_REDEEMABLE', '这张券已经过期了')],
  ]
  checkTable(VOUCHERS, rows, nextOf)

  test('a voucher gone from under the transaction is not found', () => {
    for (const event of VOUCHERS.events) expect(() => nextVoucherStatus(null, event)).toThrow(expect.objectContaining({ code: 'NOT_FOUND', message: '没有找到这张券' }))
  })

  test('redeemed, cancelled and expired are final', () => {
    expect(VOUCHERS.statuses.filter((s) => isFinal(VOUCHERS, s))).toEqual(['redeemed', 'cancelled', 'expired'])
    expect(VOUCHERS.statuses.filter((s) => allows(VOUCHERS, s, 'expire'))).toEqual(['issued'])
  })

  test('核销 also needs the voucher inside its dates, and its points not back', () => {
    expect(() => assertRedeemable({ validUntil: '2026-12-01T00:00:00.000Z' }, '2026-11-30T23:59:59.999Z')).not.toThrow()
    expect(() => assertRedeemable({ validUntil: '2026-12-01T00:00:00.000Z' }, '2026-12-01T00:00:00.000Z')).toThrow(
      expect.objectContaining({ code: 'VOUCHER.NOT_REDEEMABLE', message: '这张券已过兑换期，不能核销' }),
    )
    expect(refusePointsBack()).toMatchObject({ code: 'VOUCHER.NOT_REDEEMABLE', message: '这张券的积分已经退回，不能核销，请让居民退回这张券' })
  })

  test('a code is shown only for a voucher the clerk could redeem, in the owner’s words', () => {
    const validUntil = '2026-12-01T00:00:00.000Z'
    const at = '2026-11-15T00:00:00.000Z'
    expect(() => assertShowable({ status: 'issued', validUntil }, at)).not.toThrow()
    expect(() => assertShowable({ status: 'redeemed', validUntil }, at)).toThrow(expect.objectContaining({ code: 'VOUCHER.ALREADY_REDEEMED', message: '这张券已经使用过了' }))
    for (const status of ['cancelled', 'expired'] as const) {
      expect(() => assertShowable({ status, validUntil }, at)).toThrow(expect.objectContaining({ code: 'VOUCHER.NOT_REDEEMABLE', message: '这张券已退回或已过期，不能再使用' }))
    }
    expect(() => assertShowable({ status: 'issued', validUntil }, validUntil)).toThrow(expect.objectContaining({ code: 'VOUCHER.NOT_REDEEMABLE', message: '这张券已退回或已过期，不能再使用' }))
  })
})

describe('the listing table', () => {
  const handled = refused('INPUT.INVALID', '这条提名已经处理过了')
  const rows: Row<ListingStatus, ListingEvent>[] = [
    ['proposed', 'confirm', 'confirmed'],
    ['proposed', 'reject', 'rejected'],
    ['proposed', 'expire', refused('INPUT.INVALID', '这条记录现在是“待确认”，不会期满')],
    ['proposed', 'revoke', refused('INPUT.INVALID', '这条记录现在是“待确认”，不能撤销')],
    ['confirmed', 'confirm', handled],
    ['confirmed', 'reject', handled],
    ['confirmed', 'expire', 'expired'],
    ['confirmed', 'revoke', 'revoked'],
    ['rejected', 'confirm', handled],
    ['rejected', 'reject', handled],
    ['rejected', 'expire', refused('INPUT.INVALID', '这条记录现在是“未采纳”，不会期满')],
    ['rejected', 'revoke', refused('INPUT.INVALID', '这条记录现在是“未采纳”，不能撤销')],
    ['expired', 'confirm', handled],
    ['expired', 'reject', handled],
    ['expired', 'expire', refused('INPUT.INVALID', '这条记录现在是“已期满”，不会期满')],
    // An ended suspension can still be undone: its deduction is returned.
    ['expired', 'revoke', 'revoked'],
    ['revoked', 'confirm', handled],
    ['revoked', 'reject', handled],
    ['revoked', 'expire', refused('INPUT.INVALID', '这条记录现在是“已撤销”，不会期满')],
    ['revoked', 'revoke', refused('INPUT.INVALID', '这条记录现在是“已撤销”，不能撤销')],
  ]
  checkTable(LISTINGS, rows, nextListingStatus)

  test('the admin’s nomination is confirmed at once; a grid worker’s waits', () => {
    expect(firstListingStatus('admin')).toBe('confirmed')
    expect(firstListingStatus('grid')).toBe('proposed')
  })

  test('a confirmed entry whose end has come reads as expired before the timer marks it', () => {
    const until = '2027-02-28T00:00:00.000Z'
    expect(listingStatusAt({ status: 'confirmed', until }, '2027-02-27T23:59:59.999Z')).toBe('confirmed')
    expect(listingStatusAt({ status: 'confirmed', until }, until)).toBe('expired')
    // A red-list entry has no end.
    expect(listingStatusAt({ status: 'confirmed' }, '2099-01-01T00:00:00.000Z')).toBe('confirmed')
    for (const status of ['proposed', 'rejected', 'expired', 'revoked'] as const) expect(listingStatusAt({ status, until }, '2099-01-01T00:00:00.000Z')).toBe(status)
  })

  test('a listing may be objected to by itself only while it is in force', () => {
    const until = '2027-02-28T00:00:00.000Z'
    expect(listingInForce({ status: 'confirmed', until }, '2027-02-27T23:59:59.999Z')).toBe(true)
    expect(listingInForce({ status: 'confirmed', until }, until)).toBe(false)
    expect(listingInForce({ status: 'confirmed' }, '2099-01-01T00:00:00.000Z')).toBe(true)
    for (const status of ['proposed', 'rejected', 'expired', 'revoked'] as const) expect(listingInForce({ status }, '2026-01-01T00:00:00.000Z')).toBe(false)
  })
})

describe('the deduction table', () => {
  const handled = (name: string) => refused('INPUT.INVALID', `这条扣分已经处理过了（${name}）`)
  const notRevocable = (name: string) => refused('INPUT.INVALID', `这条扣分现在是“${name}”，不能撤销`)
  const rows: Row<DeductionStatus, DeductionEvent>[] = [
    ['proposed', 'pass', 'applied'],
    ['proposed', 'reject', 'rejected'],
    ['proposed', 'withdraw', 'withdrawn'],
    ['proposed', 'revoke', notRevocable('等复核')],
    ['applied', 'pass', handled('已扣分')],
    ['applied', 'reject', handled('已扣分')],
    ['applied', 'withdraw', handled('已扣分')],
    // Undone by an upheld objection or the admin's 冲正 of its entry.
    ['applied', 'revoke', 'revoked'],
    ...(
      [
        ['rejected', '复核未通过'],
        ['withdrawn', '已撤回'],
        ['revoked', '已撤销'],
      ] as const
    ).flatMap(([s, name]): Row<DeductionStatus, DeductionEvent>[] => [
      [s, 'pass', handled(name)],
      [s, 'reject', handled(name)],
      [s, 'withdraw', handled(name)],
      [s, 'revoke', notRevocable(name)],
    ]),
  ]
  checkTable(DEDUCTIONS, rows, nextDeductionStatus)

  test('one gone from under the transaction is not found', () => {
    expect(() => nextDeductionStatus(undefined, 'pass')).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }))
  })
})

describe('the activity table', () => {
  const closed = refused('ACTIVITY.CLOSED', '这个活动已结束，不能再报名、签到或修改')
  const rows: Row<ActivityStatus, ActivityEvent>[] = [
    ['published', 'edit', 'published'],
    ['published', 'signup', 'published'],
    ['published', 'checkin', 'published'],
    ['published', 'finish', 'finished'],
    // Final: finishing again is answered by the handler as the first time, awarding nothing more.
    ['finished', 'edit', closed],
    ['finished', 'signup', closed],
    ['finished', 'checkin', closed],
    ['finished', 'finish', closed],
  ]
  checkTable(ACTIVITIES, rows, nextActivityStatus)

  test('one gone from under the transaction is not found', () => {
    expect(() => nextActivityStatus(undefined, 'signup')).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }))
  })
})

describe('the 说事 tables', () => {
  /** A table written out from its moves: every pair listed here goes there; every other pair is refused in words. */
  function written<S extends string, E extends VoiceEvent>(what: string, names: Record<S, string>, events: readonly E[], moves: Record<NoInfer<S>, Partial<Record<E, NoInfer<S>>>>): Row<S, E>[] {
    return (Object.keys(names) as S[]).flatMap((status) =>
      events.map((event): Row<S, E> => [status, event, moves[status][event] ?? refused('VOICE.INVALID_TRANSITION', `这条${what}“${names[status]}”，不能${VOICE_EVENT_NAMES[event]}`)]),
    )
  }
  describe('居民说事', () => {
    const rows = written('建议', { open: '等回复', answered: '已回复', adopted: '已采纳', closed: '已办结' }, ['reply', 'adopt', 'close'] as const, {
      open: { reply: 'answered', adopt: 'adopted', close: 'closed' },
      answered: { reply: 'answered', adopt: 'adopted', close: 'closed' },
      adopted: {},
      closed: {},
    })
    checkTable(SUGGESTIONS, rows, (s, e) => nextVoiceStatus('suggestion', s, e) as typeof s)
  })
  describe('微心愿', () => {
    const names = { pending: '等社区审核', public: '等人认领', taken: '已认领', fulfilled: '已完成，等确认', confirmed: '已圆梦', rejected: '未通过', withdrawn: '已撤回' }
    const rows = written('心愿', names, ['publish', 'reject', 'take', 'fulfil', 'confirm', 'withdraw', 'reply'] as const, {
      pending: { publish: 'public', reject: 'rejected', withdraw: 'withdrawn', reply: 'pending' },
      public: { take: 'taken', withdraw: 'withdrawn', reply: 'public' },
      // Withdrawn while taken (nothing done yet; the taker is told); not once fulfilled.
      taken: { fulfil: 'fulfilled', withdraw: 'withdrawn', reply: 'taken' },
      fulfilled: { confirm: 'confirmed', reply: 'fulfilled' },
      confirmed: {},
      rejected: {},
      withdrawn: {},
    })
    checkTable(WISHES, rows, (s, e) => nextVoiceStatus('wish', s, e) as typeof s)
  })
  describe('随手拍', () => {
    const rows = written('隐患报告', { reported: '等网格员受理', accepted: '已受理，处理中', resolved: '已处理，等确认', confirmed: '已确认解决', rejected: '不是隐患' }, ['accept', 'resolve', 'reject', 'confirm', 'reply'] as const, {
      reported: { accept: 'accepted', reject: 'rejected', reply: 'reported' },
      accepted: { resolve: 'resolved', reply: 'accepted' },
      resolved: { confirm: 'confirmed', reply: 'resolved' },
      confirmed: {},
      rejected: {},
    })
    checkTable(HAZARDS, rows, (s, e) => nextVoiceStatus('hazard', s, e) as typeof s)
  })
  test('a status is named by its own kind’s table', () => {
    expect(statusName('wish', 'confirmed')).toBe('已圆梦')
    expect(statusName('hazard', 'confirmed')).toBe('已确认解决')
    expect(statusName('wish', 'rejected')).toBe('未通过')
    expect(statusName('hazard', 'rejected')).toBe('不是隐患')
  })
  test('one gone from under the transaction is not found', () => {
    expect(() => nextVoiceStatus('wish', undefined, 'take')).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }))
  })
})

describe('the objection table', () => {
  const handled = refused('INPUT.INVALID', '这条异议已经处理过了')
  const rows: Row<ObjectionStatus, ObjectionEvent>[] = [
    ['open', 'uphold', 'upheld'],
    ['open', 'dismiss', 'dismissed'],
    ['open', 'setAside', 'set_aside'],
    ...(['upheld', 'dismissed', 'set_aside'] as const).flatMap((s) => OBJECTIONS.events.map((e): Row<ObjectionStatus, ObjectionEvent> => [s, e, handled])),
  ]
  checkTable(OBJECTIONS, rows, nextObjectionStatus)

  test('one gone from under the transaction reads as handled', () => {
    expect(() => nextObjectionStatus(undefined, 'uphold')).toThrow(expect.objectContaining(handled))
  })
})

describe('the month table', () => {
  const rows: Row<MonthStatus, MonthEvent>[] = [
    ['open', 'close', 'closed'],
    ['open', 'finalize', refused('INPUT.INVALID', '这个月现在是“未结月”，不能认定')],
    ['closed', 'close', refused('INPUT.INVALID', '这个月现在是“公示中”，不能结月')],
    ['closed', 'finalize', 'final'],
    ['final', 'close', refused('INPUT.INVALID', '这个月现在是“已认定”，不能结月')],
    ['final', 'finalize', refused('INPUT.INVALID', '这个月现在是“已认定”，不能认定')],
  ]
  checkTable(MONTHS, rows, nextMonthStatus)

  const closed = { status: 'closed' as const, windowEndsAt: '2026-12-08T00:00:00.000Z' }
  const before = '2026-12-07T23:59:59.999Z'
  const after = '2026-12-08T00:00:00.000Z'

  test('a month without a record is open', () => {
    expect(monthStatusOf(null)).toBe('open')
    expect(monthStatusOf(undefined)).toBe('open')
    expect(monthStatusOf({ status: 'final' })).toBe('final')
  })

  test('objections are open while the month is in publicity, and 认定 is due when its window has ended', () => {
    expect([objectionsOpen(closed, before), finalizeDue(closed, before)]).toEqual([true, false])
    expect([objectionsOpen(closed, after), finalizeDue(closed, after)]).toEqual([false, true])
    for (const record of [null, { status: 'open' as const }, { status: 'final' as const, windowEndsAt: closed.windowEndsAt }]) {
      expect([objectionsOpen(record, before), finalizeDue(record, after)]).toEqual([false, false])
    }
  })

  test('an objection outside the publicity is refused with GOVERNANCE.WINDOW_CLOSED: not yet, or over', () => {
    expect(() => assertObjectionsOpen('2026-11', closed, before)).not.toThrow()
    for (const record of [null, { status: 'open' as const }]) {
      expect(() => assertObjectionsOpen('2026-11', record, before)).toThrow(expect.objectContaining({ code: 'GOVERNANCE.WINDOW_CLOSED', message: '2026-11 还没有公示，公示开始后才能提出异议' }))
    }
    for (const [record, at] of [[closed, after], [{ ...closed, status: 'final' as const }, before]] as const) {
      expect(() => assertObjectionsOpen('2026-11', record, at)).toThrow(expect.objectContaining({ code: 'GOVERNANCE.WINDOW_CLOSED', message: ERROR_MESSAGES['GOVERNANCE.WINDOW_CLOSED'] }))
    }
  })
})

describe('every lifecycle table', () => {
  const all: [string, Lifecycle<string, string, unknown>, string][] = [
    ['claims', CLAIMS as Lifecycle<string, string, unknown>, 'submitted'],
    ['offers', OFFERS as Lifecycle<string, string, unknown>, 'pending'],
    ['vouchers', VOUCHERS as Lifecycle<string, string, unknown>, 'issued'],
    ['listings', LISTINGS as Lifecycle<string, string, unknown>, 'proposed'],
    ['deductions', DEDUCTIONS as Lifecycle<string, string, unknown>, 'proposed'],
    ['objections', OBJECTIONS as Lifecycle<string, string, unknown>, 'open'],
    ['months', MONTHS as Lifecycle<string, string, unknown>, 'open'],
    ['activities', ACTIVITIES as Lifecycle<string, string, unknown>, 'published'],
    ['suggestions', SUGGESTIONS as Lifecycle<string, string, unknown>, 'open'],
    ['wishes', WISHES as Lifecycle<string, string, unknown>, 'pending'],
    ['hazards', HAZARDS as Lifecycle<string, string, unknown>, 'reported'],
  ]

  test.each(all)('%s: leads only to its own statuses, and every event names who may cause it', (_name, lifecycle) => {
    for (const status of lifecycle.statuses) {
      for (const [event, to] of Object.entries(lifecycle.transitions[status])) {
        expect(lifecycle.events).toContain(event)
        expect(lifecycle.statuses).toContain(to)
      }
    }
    for (const event of lifecycle.events) expect(lifecycle.actors[event].length).toBeGreaterThan(0)
  })

  test.each(all)('%s: every status can be reached from where it starts', (_name, lifecycle, start) => {
    const reached = new Set([start])
    for (let grew = true; grew; ) {
      grew = false
      for (const s of [...reached]) {
        for (const to of Object.values(lifecycle.transitions[s]) as string[]) {
          if (!reached.has(to)) grew = reached.add(to).size > 0
        }
      }
    }
    // Claims also start pre_approved (a head's own, or a courtyard without a head): reached from submitted anyway.
    expect([...reached].sort()).toEqual([...lifecycle.statuses].sort())
  })

  test.each(all)('%s: no sequence of events leaves a final status, and a refusal changes nothing', (_name, lifecycle) => {
    fc.assert(
      fc.property(fc.constantFrom(...lifecycle.statuses), fc.array(fc.constantFrom(...lifecycle.events), { maxLength: 20 }), (start, events) => {
        let status = start
        let final = isFinal(lifecycle, status)
        for (const event of events) {
          let moved: string | null = null
          try {
            moved = next(lifecycle, status, event)
          } catch (e) {
            // A refusal is always a DomainError of the vocabulary, never a crash.
            expect(e).toBeInstanceOf(DomainError)
            expect(Object.keys(ERROR_MESSAGES)).toContain((e as DomainError).code)
            expect(allows(lifecycle, status, event)).toBe(false)
          }
          if (final) expect(moved).toBeNull()
          if (moved) status = moved
          final = final || isFinal(lifecycle, status)
        }
      }),
      { numRuns: 300 },
    )
  })
})
