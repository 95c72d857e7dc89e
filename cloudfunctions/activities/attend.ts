/**
 * 报名 and 签到. A place is taken inside the transaction that signs up (or checks in a walk-in), the way shop.exchange
 * takes stock: the count is added to first, without reading, then read back — of 30 racing for 10 places exactly 10
 * commit. Check-in codes are signed like redemption codes (_shared/voucher-code: HMAC with the configured key, a new
 * one every few seconds, each good for 60 s), for `activity:<id>`, so a voucher's code never checks anyone in.
 */
import { checkinOpen, nextActivityStatus, remindAt, signupOpen } from '../../src/core/activities'
import { cancelSignupInput, checkinCodeInput, checkinForInput, checkinInput, signupInput } from '../../src/core/activities.schema'
import { DomainError } from '../../src/core/errors'
import { splitCode } from '../../src/core/shop'
import { type Db, type Transaction, transaction } from '../_shared/cloud'
import { type MemberCtx, action } from '../_shared/handler'
import type { ResidentRecord } from '../_shared/org'
import { residentInCommunity } from '../_shared/people'
import { checkCode, makeCode } from '../_shared/voucher-code'
import { type ActivityRecord, type SignupRecord, assertMayJoin, loadActivity, loadOrganised, signupId } from './records'

type Resident = ResidentRecord & { partyMember?: boolean }

/** The caller as a resident (sign-up and check-in are a resident's own), or a refusal. */
async function ownResident(ctx: MemberCtx): Promise<Resident> {
  if (!ctx.user.residentId) throw new DomainError('AUTH.FORBIDDEN', '只有登记的居民可以报名和签到')
  return (await residentInCommunity(ctx, ctx.user.residentId)) as Resident
}

const signingName = (activityId: string) => `activity:${activityId}`

/**
 * Takes one place inside `tx` (first, without reading: of many racing, one holds the activity and the others wait their
 * turn at their second request), then reads the activity back: refuses a closed one (`closed`), then a full one.
 */
async function takePlace(tx: Transaction, db: Db, activityId: string, event: 'signup' | 'checkin', closed?: (a: ActivityRecord) => DomainError | null): Promise<ActivityRecord> {
  await tx.collection('activities').doc(activityId).update({ taken: db.command.inc(1) })
  const a = ((await tx.collection('activities').doc(activityId).get()).data ?? null) as ActivityRecord | null
  nextActivityStatus(a?.status, event)
  const refusal = closed?.(a!)
  if (refusal) throw refusal
  if (a!.capacity !== null && a!.taken > a!.capacity) throw new DomainError('ACTIVITY.FULL')
  return a!
}

function newSignup(a: ActivityRecord, r: Resident, at: Date, previous: SignupRecord | null): SignupRecord {
  return {
    _id: signupId(a._id, r._id),
    activityId: a._id,
    communityId: a.communityId,
    residentId: r._id,
    openid: r.openid ?? null,
    name: r.name,
    gridId: r.gridId,
    courtyardId: r.courtyardId,
    householdId: r.householdId,
    status: 'signed',
    signedAt: at.toISOString(),
    walkIn: false,
    attendedAt: null,
    // Once per sign-up: a resident who cancels and signs up again is not reminded twice.
    reminder: previous?.reminder === 'sent' ? 'sent' : 'due',
    remindAt: remindAt(a.startAt, at),
  }
}

/** A signal from inside a transaction that nothing is to be written (the answer is what is there). */
class Unchanged {
  constructor(readonly signup: SignupRecord) {}
}

/** 报名 (认领, for a party project): closes at signupUntil or the start; a full one answers ACTIVITY.FULL. Signing up twice changes nothing. */
const signup = action({
  input: signupInput,
  access: 'member',
  handler: async ({ ctx, input }) => {
    const resident = await ownResident(ctx)
    const seen = await loadActivity(ctx, input.activityId)
    assertMayJoin(seen, resident)
    const now = ctx.now()
    try {
      const record = await transaction(ctx.db, async (tx) => {
        // Already signed up: nothing to take (a second tap on a full activity still answers the sign-up).
        const previous = ((await tx.collection('activitySignups').doc(signupId(seen._id, resident._id)).get()).data ?? null) as SignupRecord | null
        if (previous?.status === 'signed') throw new Unchanged(previous)
        const a = await takePlace(tx, ctx.db, seen._id, 'signup', (a) => (signupOpen(a, now) ? null : new DomainError('ACTIVITY.CLOSED', '报名已经截止了')))
        const record = newSignup(a, resident, now, previous)
        const { _id, ...fields } = record
        await tx.collection('activitySignups').doc(_id).set(fields)
        return record
      })
      return { signup: toSignup(record) }
    } catch (e) {
      if (e instanceof Unchanged) return { signup: toSignup(e.signup) }
      throw e
    }
  },
})

/**
 * Gives a place back inside `tx`: the sign-up cancelled and the activity's count down by one — before the start, and not
 * once checked in. The resident's own 取消报名, and a privacy deletion for the activities still to come (org/deletion.ts).
 */
export async function releasePlace(tx: Transaction, db: Db, activityId: string, residentId: string, now: Date): Promise<SignupRecord> {
  const current = ((await tx.collection('activitySignups').doc(signupId(activityId, residentId)).get()).data ?? null) as SignupRecord | null
  if (!current) throw new DomainError('NOT_FOUND', '您没有报名这个活动')
  if (current.status === 'cancelled') return current
  if (current.attendedAt) throw new DomainError('INPUT.INVALID', '您已经签到了，不能再取消报名')
  const a = ((await tx.collection('activities').doc(activityId).get()).data ?? null) as ActivityRecord | null
  nextActivityStatus(a?.status, 'signup')
  if (now.getTime() >= new Date(a!.startAt).getTime()) throw new DomainError('ACTIVITY.CLOSED', '活动已经开始，不能再取消报名')
  await tx.collection('activities').doc(a!._id).update({ taken: db.command.inc(-1) })
  await tx.collection('activitySignups').doc(current._id).update({ status: 'cancelled' })
  return { ...current, status: 'cancelled' as const }
}

/** 取消报名: until the start, and not once checked in; the place is given back. Cancelling twice changes nothing. */
const cancelSignup = action({
  input: cancelSignupInput,
  access: 'member',
  handler: async ({ ctx, input }) => {
    const resident = await ownResident(ctx)
    await loadActivity(ctx, input.activityId)
    const now = ctx.now()
    const record = await transaction(ctx.db, (tx) => releasePlace(tx, ctx.db, input.activityId, resident._id, now))
    return { signup: toSignup(record) }
  },
})

/** A fresh check-in code for the organiser's screen (projected; it changes every few seconds, each good for 60 s). */
const checkinCode = action({
  input: checkinCodeInput,
  access: 'member',
  handler: async ({ ctx, input }) => {
    const a = await loadOrganised(ctx, input.activityId)
    nextActivityStatus(a.status, 'checkin')
    const now = ctx.now()
    if (now.getTime() >= new Date(a.endAt).getTime()) throw new DomainError('ACTIVITY.CLOSED', '活动已经结束，不能再签到')
    return makeCode(signingName(a._id), a.ticket, now.getTime())
  },
})

/**
 * 签到 inside one transaction of at most six requests: the sign-up read, and its check-in written (the activity read
 * to see it is still open); one who did not sign up takes a place while places remain. Checking in twice changes nothing.
 */
async function checkIn(ctx: MemberCtx, a: ActivityRecord, resident: Resident, now: Date): Promise<SignupRecord> {
  assertMayJoin(a, resident)
  if (!checkinOpen(a, now)) throw new DomainError('ACTIVITY.CLOSED', '现在不在签到时间（活动开始前 30 分钟到结束）')
  const iso = now.toISOString()
  try {
    return await transaction(ctx.db, async (tx) => {
      const id = signupId(a._id, resident._id)
      const current = ((await tx.collection('activitySignups').doc(id).get()).data ?? null) as SignupRecord | null
      if (current?.status === 'signed') {
        if (current.attendedAt) throw new Unchanged(current)
        const open = ((await tx.collection('activities').doc(a._id).get()).data ?? null) as ActivityRecord | null
        nextActivityStatus(open?.status, 'checkin')
        await tx.collection('activitySignups').doc(id).update({ attendedAt: iso, checkedInBy: ctx.openid })
        return { ...current, attendedAt: iso, checkedInBy: ctx.openid }
      }
      // Not signed up: a place, while places remain.
      const taken = await takePlace(tx, ctx.db, a._id, 'checkin')
      const record: SignupRecord = { ...newSignup(taken, resident, now, current), walkIn: true, attendedAt: iso, checkedInBy: ctx.openid, reminder: 'skipped' }
      const { _id, ...fields } = record
      await tx.collection('activitySignups').doc(_id).set(fields)
      return record
    })
  } catch (e) {
    if (e instanceof Unchanged) return e.signup
    throw e
  }
}

/** 扫码签到: the code names the activity by its ticket and proves it with a signature of the last 60 seconds. */
const checkin = action({
  input: checkinInput,
  access: 'member',
  handler: async ({ ctx, input }) => {
    const now = ctx.now()
    const [resident, found] = await Promise.all([ownResident(ctx), ctx.db.collection('activities').where({ ticket: splitCode(input.code).ticket }).limit(20).get()])
    let match: { a: ActivityRecord; check: 'valid' | 'expired' } | null = null
    for (const a of found.data as ActivityRecord[]) {
      const check = checkCode(signingName(a._id), input.code, now.getTime())
      if (check !== 'invalid' && a.communityId === ctx.user.communityId) match = { a, check }
    }
    if (!match) throw new DomainError('INPUT.INVALID', '签到码不对，请扫现场最新的二维码')
    if (match.check === 'expired') throw new DomainError('ACTIVITY.CODE_EXPIRED')
    nextActivityStatus(match.a.status, 'checkin')
    return { attendance: toAttendance(await checkIn(ctx, match.a, resident, now)) }
  },
})

/** 代签到: the organiser checks in a resident without a phone, in the same window and on the same terms. */
const checkinFor = action({
  input: checkinForInput,
  access: 'member',
  audit: true,
  handler: async ({ ctx, input }) => {
    const a = await loadOrganised(ctx, input.activityId)
    nextActivityStatus(a.status, 'checkin')
    const resident = (await residentInCommunity(ctx, input.residentId)) as Resident
    const record = await checkIn(ctx, a, resident, ctx.now())
    ctx.audit({ target: { type: 'activity', id: a._id }, after: { residentId: resident._id, attendedAt: record.attendedAt } })
    return { attendance: toAttendance(record) }
  },
})

function toSignup(s: SignupRecord) {
  return { activityId: s.activityId, residentId: s.residentId, status: s.status, signedAt: s.signedAt, attendedAt: s.attendedAt }
}

function toAttendance(s: SignupRecord) {
  return { activityId: s.activityId, residentId: s.residentId, attendedAt: s.attendedAt!, walkIn: s.walkIn }
}

export const attendActions = { signup, cancelSignup, checkinCode, checkin, checkinFor }
