/**
 * The simulation's commands: each a small class whose numbers pick a person and a target from the model, calls the
 * real API through the function gateway as that person, and writes back to the model only what the answer says.
 * A refusal with a code is an answer (many inputs are refused on purpose: the wrong reviewer, a month not over, a
 * voucher already used); INTERNAL or a failed request is a failure (World.call). After every step the invariants run.
 */
import fc from 'fast-check'
import { monthKey, periodRange, previousMonth } from '../../src/core/period'
import { afterStep } from './invariants'
import { type Model, person, pick, pickPreferring } from './model'
import { RESIDENTS, SimFailure, type World } from './world'

type LedgerRow = { _id: string; kind: string; month: string; source: { type: string } }

/** One step: act, count, check the invariants. */
abstract class Step implements fc.AsyncCommand<Model, World> {
  check(_m: Readonly<Model>): boolean {
    return true
  }

  async run(m: Model, w: World): Promise<void> {
    await this.act(m, w)
    m.steps++
    w.stats.steps++
    await afterStep(m, w)
  }

  abstract act(m: Model, w: World): Promise<void>
  abstract toString(): string
}

const rid = (w: World, label: string) => `${label}-${w.nonce}-${w.seq()}`
const residentKey = (n: number) => RESIDENTS[n % RESIDENTS.length]
/** Residents who have a phone (everyone but 刘福贵): they can act for themselves. */
const withPhone = (w: World) => w.people.filter((p) => p.openid)
const OPEN = ['submitted', 'pre_approved']

/** The community's ledger, in `_id` order (a run writes far fewer than a thousand entries). */
async function ledgerOf(w: World): Promise<LedgerRow[]> {
  const db = w.cloud.sdk().database()
  return (await db.collection('ledger').where({ communityId: w.communityId }).orderBy('_id', 'asc').limit(1000).get()).data as LedgerRow[]
}

export class Submit extends Step {
  constructor(
    readonly who: number,
    readonly rule: 'photo' | 'plain',
    readonly photo: 'fresh' | 'shared0' | 'shared1' | 'none',
    readonly hoursAgo: number,
    readonly proxy: 'head' | 'grid',
  ) {
    super()
  }
  toString() {
    const key = residentKey(this.who)
    return `submit(${key}${key === 'liu' ? ` by ${this.proxy}` : ''}, ${this.rule}, photo ${this.photo}, ${this.hoursAgo}h ago)`
  }
  async act(m: Model, w: World) {
    const resident = person(w, residentKey(this.who))
    const filer = resident.openid ?? (this.proxy === 'head' ? w.heads[0] : w.grid).openid!
    const photos = this.photo === 'none' ? [] : [await w.photo(filer, this.photo === 'fresh' ? null : Number(this.photo.slice(-1)))]
    const input = {
      ruleId: w.rules[this.rule],
      occurredAt: new Date(w.now() - this.hoursAgo * 3_600_000).toISOString(),
      place: '院子里和大门口',
      description: '打扫卫生，清理杂物',
      photos,
      requestId: rid(w, 'sub'),
      ...(resident.openid ? {} : { onBehalfOf: resident.residentId }),
    }
    const a = await w.call<{ claim: { id: string; status: string } }>('claims', 'submit', input, filer)
    if (a.ok) m.claims.push({ id: a.data.claim.id, resident: resident.key, filer, status: a.data.claim.status })
  }
}

export class Review extends Step {
  constructor(
    readonly claim: number,
    readonly reviewer: 'right' | 'headA' | 'headB' | 'grid',
    readonly decision: 'pass' | 'reject' | 'return',
  ) {
    super()
  }
  toString() {
    return `review(claim#${this.claim}, by ${this.reviewer}, ${this.decision})`
  }
  async act(m: Model, w: World) {
    const c = pickPreferring(m.claims, (c) => OPEN.includes(c.status), this.claim, false)
    if (!c) return
    const resident = person(w, c.resident)
    const reviewer =
      this.reviewer === 'right' ? (c.status === 'submitted' ? w.heads[resident.courtyard ?? 0] : w.grid) : this.reviewer === 'grid' ? w.grid : w.heads[this.reviewer === 'headA' ? 0 : 1]
    const reason = this.decision === 'pass' ? undefined : this.decision === 'reject' ? '不属于积分细则范围' : '照片不清楚，请重新拍一张'
    const a = await w.call<{ claim: { status: string } }>('claims', 'review', { claimId: c.id, decision: this.decision, ...(reason ? { reason } : {}) }, reviewer.openid)
    if (a.ok) c.status = a.data.claim.status
  }
}

export class Withdraw extends Step {
  constructor(readonly claim: number) {
    super()
  }
  toString() {
    return `withdraw(claim#${this.claim})`
  }
  async act(m: Model, w: World) {
    const c = pickPreferring(m.claims, (c) => [...OPEN, 'returned'].includes(c.status), this.claim, false)
    if (!c) return
    const a = await w.call<{ claim: { status: string } }>('claims', 'withdraw', { claimId: c.id }, c.filer)
    if (a.ok) c.status = a.data.claim.status
  }
}

export class Resubmit extends Step {
  constructor(readonly claim: number) {
    super()
  }
  toString() {
    return `resubmit(claim#${this.claim})`
  }
  async act(m: Model, w: World) {
    const c = pickPreferring(m.claims, (c) => c.status === 'returned', this.claim, false)
    if (!c) return
    const photo = await w.photo(c.filer, null)
    const a = await w.call<{ claim: { status: string } }>('claims', 'resubmit', { claimId: c.id, photos: [photo], description: '补拍了清理后的照片', requestId: rid(w, 'resub') }, c.filer)
    if (a.ok) c.status = a.data.claim.status
  }
}

export class Exchange extends Step {
  constructor(
    readonly who: number,
    readonly offer: number,
  ) {
    super()
  }
  toString() {
    return `exchange(${withPhoneKey(this.who)}, offer#${this.offer % 3})`
  }
  async act(m: Model, w: World) {
    const owner = pick(withPhone(w), this.who)!
    const offer = pick(w.offers, this.offer)!
    const a = await w.call<{ voucher: { id: string; status: string } }>('shop', 'exchange', { offerId: offer.id, requestId: rid(w, 'ex') }, owner.openid)
    if (a.ok && !m.vouchers.some((v) => v.id === a.data.voucher.id)) m.vouchers.push({ id: a.data.voucher.id, owner: owner.key, status: a.data.voucher.status })
  }
}

/** The key of the `n`-th resident with a phone (the order of RESIDENTS without 刘福贵). */
const withPhoneKey = (n: number) => {
  const keys = RESIDENTS.filter((k) => k !== 'liu')
  return keys[n % keys.length]
}

export class Cancel extends Step {
  constructor(
    readonly voucher: number,
    readonly by: 'owner' | 'admin',
  ) {
    super()
  }
  toString() {
    return `cancel(voucher#${this.voucher}, by ${this.by})`
  }
  async act(m: Model, w: World) {
    const v = pickPreferring(m.vouchers, (v) => v.status === 'issued', this.voucher, false)
    if (!v) return
    const by = this.by === 'admin' ? w.admin : person(w, v.owner)
    const a = await w.call<{ voucher: { status: string } }>('shop', 'cancel', { voucherId: v.id }, by.openid)
    if (a.ok) v.status = a.data.voucher.status
  }
}

export class Redeem extends Step {
  constructor(readonly voucher: number) {
    super()
  }
  toString() {
    return `redeem(voucher#${this.voucher})`
  }
  async act(m: Model, w: World) {
    const v = pickPreferring(m.vouchers, (v) => v.status === 'issued', this.voucher, false)
    if (!v) return
    const code = await w.call<{ code: string }>('shop', 'code', { voucherId: v.id }, person(w, v.owner).openid)
    if (!code.ok) return
    const a = await w.call<{ voucher: { status: string } }>('shop', 'redeem', { code: code.data.code }, w.clerk.openid)
    if (a.ok) v.status = a.data.voucher.status
  }
}

export class Adjust extends Step {
  constructor(
    readonly who: number,
    readonly tenths: number,
  ) {
    super()
  }
  toString() {
    return `adjust(${residentKey(this.who)}, ${this.tenths / 10})`
  }
  async act(_m: Model, w: World) {
    const resident = person(w, residentKey(this.who))
    await w.call('points', 'adjust', { residentId: resident.residentId, delta: this.tenths / 10, reason: '工作小组核实后调整', requestId: rid(w, 'adj') }, w.admin.openid)
  }
}

export class Reverse extends Step {
  constructor(readonly entry: number) {
    super()
  }
  toString() {
    return `reverse(entry#${this.entry})`
  }
  async act(_m: Model, w: World) {
    const e = pick(await ledgerOf(w), this.entry)
    if (!e) return
    await w.call('points', 'reverse', { entryId: e._id, reason: '录入有误，冲正' }, w.admin.openid)
  }
}

export class Propose extends Step {
  constructor(
    readonly list: 'black' | 'red',
    readonly household: boolean,
    readonly who: number,
    readonly by: 'grid' | 'admin',
    readonly tenths: number,
  ) {
    super()
  }
  toString() {
    return `propose(${this.list}, ${this.household ? 'household of ' : ''}${residentKey(this.who)}, by ${this.by}, ${this.tenths / 10})`
  }
  async act(m: Model, w: World) {
    const resident = person(w, residentKey(this.who))
    const target = this.household ? { householdId: resident.householdId } : { residentId: resident.residentId }
    const by = this.by === 'grid' ? w.grid : w.admin
    const reason = this.list === 'black' ? '多次乱堆杂物，劝说不改' : '主动照顾邻居老人'
    const a = await w.call<{ listing: { id: string; status: string } }>('governance', 'propose', { list: this.list, ...target, reason, points: this.tenths / 10, requestId: rid(w, 'ls') }, by.openid)
    if (a.ok) m.listings.push({ id: a.data.listing.id, status: a.data.listing.status })
  }
}

export class Confirm extends Step {
  constructor(
    readonly listing: number,
    readonly decision: 'confirm' | 'reject',
  ) {
    super()
  }
  toString() {
    return `confirm(listing#${this.listing}, ${this.decision})`
  }
  async act(m: Model, w: World) {
    const l = pickPreferring(m.listings, (l) => l.status === 'proposed', this.listing, false)
    if (!l) return
    const a = await w.call<{ listing: { status: string } }>('governance', 'confirm', { listingId: l.id, decision: this.decision }, w.admin.openid)
    if (a.ok) l.status = a.data.listing.status
  }
}

export class CloseMonth extends Step {
  constructor(readonly back: 1 | 2) {
    super()
  }
  toString() {
    return `closeMonth(${this.back} back)`
  }
  async act(_m: Model, w: World) {
    let month = monthKey(w.now())
    for (let i = 0; i < this.back; i++) month = previousMonth(month)
    await w.call('governance', 'closeMonth', { month }, w.admin.openid)
  }
}

export class ObjectTo extends Step {
  constructor(
    readonly entry: number,
    readonly who: number,
  ) {
    super()
  }
  toString() {
    return `object(entry#${this.entry}, by ${withPhoneKey(this.who)})`
  }
  async act(m: Model, w: World) {
    const db = w.cloud.sdk().database()
    const months = ((await db.collection('months').where({ communityId: w.communityId }).limit(100).get()).data as { month: string; status: string }[]).filter((x) => x.status === 'closed').map((x) => x.month)
    const entries = (await ledgerOf(w)).filter((e) => months.includes(e.month))
    const e = pickPreferring(entries, (e) => ['credit', 'deduction', 'adjustment'].includes(e.kind) && e.source.type !== 'wallet', this.entry, false)
    if (!e) return
    const objector = pick(withPhone(w), this.who)!
    const a = await w.call<{ objection: { id: string; status: string } }>('governance', 'object', { entryId: e._id, reason: '这条记录和实际情况不符', requestId: rid(w, 'ob') }, objector.openid)
    if (a.ok && !m.objections.some((o) => o.id === a.data.objection.id)) m.objections.push({ id: a.data.objection.id, status: a.data.objection.status })
  }
}

export class Resolve extends Step {
  constructor(
    readonly objection: number,
    readonly decision: 'uphold' | 'dismiss',
  ) {
    super()
  }
  toString() {
    return `resolve(objection#${this.objection}, ${this.decision})`
  }
  async act(m: Model, w: World) {
    const o = pickPreferring(m.objections, (o) => o.status === 'open', this.objection, false)
    if (!o) return
    const a = await w.call<{ objection: { status: string } }>('governance', 'resolve', { objectionId: o.id, decision: this.decision, note: '经走访核实' }, w.admin.openid)
    if (a.ok) o.status = a.data.objection.status
  }
}

export class Settings extends Step {
  constructor(
    readonly change: 'settlement' | 'wallet' | 'refund' | 'days',
    readonly days: number,
  ) {
    super()
  }
  toString() {
    return this.change === 'days' ? `settings(publicityDays ${this.days})` : `settings(toggle ${this.change})`
  }
  async act(m: Model, w: World) {
    const s = m.settings
    const input =
      this.change === 'settlement'
        ? { settlement: s.settlement === 'instant' ? 'monthly' : 'instant' }
        : this.change === 'wallet'
          ? { householdWallet: !s.householdWallet }
          : this.change === 'refund'
            ? { refundExpiredVouchers: !s.refundExpiredVouchers }
            : { publicityDays: this.days }
    const a = await w.call<{ settings: Model['settings'] }>('org', 'updateSettings', input, w.admin.openid)
    if (a.ok) m.settings = { ...m.settings, ...a.data.settings }
  }
}

export class Tick extends Step {
  constructor(
    readonly advance: 'none' | 'hours' | 'days' | 'month',
    readonly n: number,
  ) {
    super()
  }
  toString() {
    return this.advance === 'none' ? 'tick()' : this.advance === 'month' ? `tick(1st of next month, 02:${String(this.n % 60).padStart(2, '0')} + ${this.n % 3} days)` : `tick(+${this.n} ${this.advance})`
  }
  async act(_m: Model, w: World) {
    const now = w.now()
    const ahead =
      this.advance === 'none'
        ? 0
        : this.advance === 'hours'
          ? this.n * 3_600_000
          : this.advance === 'days'
            ? this.n * 86_400_000
            : periodRange(monthKey(now)).end.getTime() + 2 * 3_600_000 + (this.n % 60) * 60_000 + (this.n % 3) * 86_400_000 - now
    if (ahead > 0) await w.setClock(w.offsetMs + ahead)
    const a = await w.call('jobs', 'tick', {}, null)
    if (!a.ok && w.checks.has('e')) throw new SimFailure(`(e) jobs.tick 没有答 ok：${a.code} ${a.message}`)
  }
}

const nat = fc.nat({ max: 999 })

/** Every command by name, with its weight: the review and shop paths most, the rare governance acts less. */
const STEPS: Record<string, { weight: number; arbitrary: fc.Arbitrary<Step> }> = {
  submit: {
    weight: 4,
    arbitrary: fc
      .tuple(nat, fc.constantFrom('photo' as const, 'plain' as const), fc.constantFrom('fresh' as const, 'fresh' as const, 'shared0' as const, 'shared1' as const, 'none' as const), fc.constantFrom(1, 30, 240, 800), fc.constantFrom('head' as const, 'grid' as const))
      .map(([who, rule, photo, hours, proxy]) => new Submit(who, rule, photo, hours, proxy)),
  },
  review: {
    weight: 6,
    arbitrary: fc
      .tuple(nat, fc.constantFrom('right' as const, 'right' as const, 'right' as const, 'headA' as const, 'headB' as const, 'grid' as const), fc.constantFrom('pass' as const, 'pass' as const, 'pass' as const, 'reject' as const, 'return' as const))
      .map(([c, r, d]) => new Review(c, r, d)),
  },
  withdraw: { weight: 1, arbitrary: nat.map((c) => new Withdraw(c)) },
  resubmit: { weight: 1, arbitrary: nat.map((c) => new Resubmit(c)) },
  exchange: { weight: 4, arbitrary: fc.tuple(nat, nat).map(([who, o]) => new Exchange(who, o)) },
  cancel: { weight: 2, arbitrary: fc.tuple(nat, fc.constantFrom('owner' as const, 'admin' as const)).map(([v, by]) => new Cancel(v, by)) },
  redeem: { weight: 2, arbitrary: nat.map((v) => new Redeem(v)) },
  adjust: { weight: 2, arbitrary: fc.tuple(nat, fc.integer({ min: -150, max: 300 }).filter((t) => t !== 0)).map(([who, t]) => new Adjust(who, t)) },
  reverse: { weight: 2, arbitrary: nat.map((e) => new Reverse(e)) },
  propose: {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom('black' as const, 'red' as const), fc.boolean(), nat, fc.constantFrom('grid' as const, 'admin' as const), fc.integer({ min: 0, max: 100 }))
      .map(([list, household, who, by, t]) => new Propose(list, household, who, by, t)),
  },
  confirm: { weight: 1, arbitrary: fc.tuple(nat, fc.constantFrom('confirm' as const, 'confirm' as const, 'reject' as const)).map(([l, d]) => new Confirm(l, d)) },
  closeMonth: { weight: 1, arbitrary: fc.constantFrom(1 as const, 1 as const, 2 as const).map((b) => new CloseMonth(b)) },
  object: { weight: 2, arbitrary: fc.tuple(nat, nat).map(([e, who]) => new ObjectTo(e, who)) },
  resolve: { weight: 2, arbitrary: fc.tuple(nat, fc.constantFrom('uphold' as const, 'dismiss' as const)).map(([o, d]) => new Resolve(o, d)) },
  settings: {
    weight: 2,
    arbitrary: fc
      .tuple(fc.constantFrom('settlement' as const, 'wallet' as const, 'wallet' as const, 'refund' as const, 'days' as const), fc.integer({ min: 1, max: 10 }))
      .map(([c, d]) => new Settings(c, d)),
  },
  tick: {
    weight: 3,
    arbitrary: fc
      .tuple(fc.constantFrom('none' as const, 'hours' as const, 'days' as const, 'days' as const, 'month' as const, 'month' as const), fc.integer({ min: 1, max: 12 }))
      .map(([a, n]) => new Tick(a, n)),
  },
}

export const STEP_NAMES = Object.keys(STEPS)

/** A random command, of every kind but those `without` names (the fuzz leaves some out to look past a known failure). */
export function stepArbitrary(without: ReadonlySet<string> = new Set()): fc.Arbitrary<Step> {
  return fc.oneof(...Object.entries(STEPS).filter(([name]) => !without.has(name)).map(([, s]) => s))
}
