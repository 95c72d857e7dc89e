/**
 * 定时任务 — work that must happen even when nobody is looking: ledger entries not yet added to the
 * scores (a function that stopped between the two steps), notifications not yet sent, and vouchers past
 * their validity (expired, and refunded where the community's settings say so). In CloudBase a
 * timer trigger (cloudbaserc.json) calls it; locally the server's scheduler does. Everything it does is
 * idempotent, so running it twice, or at the same time as the normal path, changes nothing more.
 */
import { z } from 'zod'
import { DomainError } from '../../src/core/errors'
import { type Db, transaction } from '../_shared/cloud'
import { action, defineFunction } from '../_shared/handler'
import { type LedgerRecord, projectEntry } from '../_shared/ledger'
import { settleMediaCheck } from '../_shared/media-results'
import { type OutboxMessage, send } from '../_shared/outbox'
import { type VoucherRecord, closeVoucher } from '../_shared/vouchers'
import { closeMonth, finalizeMonth, type MonthRecord } from '../_shared/months'
import { inZone, monthKey, previousMonth } from '../../src/core/period'

const tick = action({
  input: z.object({}),
  access: 'anyone',
  handler: async ({ ctx }) => {
    // Timers and the platform call without a WeChat user; a person never runs this.
    if (ctx.openid) throw new DomainError('AUTH.FORBIDDEN')
    const { db } = ctx
    const now = ctx.now()
    const entries = (await db.collection('ledger').where({ projected: false }).limit(200).get()).data as LedgerRecord[]
    // Older than a minute: younger ones are still being projected by the request that wrote them.
    const stale = entries.filter((e) => now.getTime() - new Date(e.at).getTime() > 60_000)
    for (const e of stale) await projectEntry(db, e._id)
    const pending = (await db.collection('outbox').where({ status: 'pending' }).limit(200).get()).data as OutboxMessage[]
    const due = pending.filter((m) => now.getTime() - new Date(m.createdAt).getTime() > 60_000).map((m) => m._id!)
    await send(db, due)
    const expired = await expireVouchers(db, now)
    const { closed, finalized } = await closeAndFinalize(db, now)
    const suspensionsEnded = await endSuspensions(db, now)
    return { projected: stale.length, resent: due.length, expired, closed, finalized, suspensionsEnded }
  },
})

/**
 * Vouchers still unused after their validity: each closed in its own transaction as `expired`, its points refunded
 * when the community's `refundExpiredVouchers` is on (the default), its stock restored. Two hundred per run; the
 * next run takes the rest. A voucher redeemed or cancelled meanwhile is left as it is.
 */
async function expireVouchers(db: Db, now: Date): Promise<number> {
  const _ = db.command
  const due = (await db.collection('vouchers').where({ status: 'issued', validUntil: _.lte(now.toISOString()) }).limit(200).get()).data as VoucherRecord[]
  const refunds = new Map<string, boolean>()
  let expired = 0
  for (const v of due) {
    if (!refunds.has(v.communityId)) {
      const settings = ((await db.collection('settings').doc(v.communityId).get()).data as { refundExpiredVouchers?: boolean }[])[0]
      refunds.set(v.communityId, settings?.refundExpiredVouchers !== false)
    }
    try {
      await transaction(db, (tx) => closeVoucher(tx, v._id, { status: 'expired', refund: refunds.get(v.communityId)!, by: 'system', byName: '系统', at: now }))
      expired++
    } catch (e) {
      if (!(e instanceof DomainError)) throw e
    }
  }
  return expired
}

/**
 * 结月 on the 1st from 02:00 (Asia/Shanghai) for every community: last month, and any month since the last close
 * that a stopped server missed (in order, a year at most); then 认定 of each closed month whose publicity window
 * has ended. Both are idempotent, so the timer, a catch-up at start and the admin's own close never collide.
 */
async function closeAndFinalize(db: Db, now: Date): Promise<{ closed: string[]; finalized: string[] }> {
  const closed: string[] = []
  const finalized: string[] = []
  const local = inZone(now)
  const last = previousMonth(monthKey(now))
  const due = local.date() > 1 || local.hour() >= 2
  const communities = (await db.collection('orgNodes').where({ type: 'community' }).limit(1000).get()).data as { _id: string }[]
  for (const { _id: communityId } of communities) {
    if (due) {
      const latest = ((await db.collection('months').where({ communityId }).orderBy('month', 'desc').limit(1).get()).data as MonthRecord[])[0]
      const missed: string[] = []
      for (let m = last; missed.length < 12 && (!latest || m > latest.month); m = previousMonth(m)) {
        missed.unshift(m)
        if (!latest) break
      }
      for (const month of missed) {
        await closeMonth(db, communityId, month, now, 'system')
        closed.push(`${communityId}:${month}`)
      }
    }
    const open = (await db.collection('months').where({ communityId, status: 'closed' }).limit(100).get()).data as MonthRecord[]
    for (const m of open.sort((a, b) => a.month.localeCompare(b.month))) {
      if (await finalizeMonth(db, communityId, m.month, now)) finalized.push(`${communityId}:${m.month}`)
    }
  }
  return { closed, finalized }
}

/** Black-list entries whose suspension has ended are marked expired (the accounts' own dates already let them exchange). */
async function endSuspensions(db: Db, now: Date): Promise<number> {
  const _ = db.command
  const ended = await db.collection('listings').where({ status: 'confirmed', list: 'black', until: _.lte(now.toISOString()) }).update({ status: 'expired', expiredAt: now.toISOString() })
  return (ended as { updated?: number }).updated ?? 0
}

/**
 * A photo check's result (mediaCheckAsync), pushed by WeChat: this function is the one configured to receive the
 * `wxa_media_check` message push (云开发 → 设置 → 消息推送; docs/subscribe-messages.md). Anyone may deliver one, as
 * the push may carry a user's context; only the platform and contentChecks know a trace id, so a made-up one changes
 * nothing that matters (it is kept aside as an unclaimed early result).
 */
const mediaChecked = action({
  input: z.object({
    traceId: z.string().trim().min(1).max(128),
    suggest: z.enum(['pass', 'review', 'risky', 'unchecked']),
    label: z.number().int().optional(),
  }),
  access: 'anyone',
  handler: async ({ ctx, input }) => ({ outcome: await settleMediaCheck(ctx.db, input.traceId, input.suggest, input.label, ctx.now()) }),
})

const handle = defineFunction('jobs', { tick, mediaChecked })

/** What an event without an action means: a timer's tick, or a message push of a photo check's result. */
function asAction(event: unknown): unknown {
  if (!event || typeof event !== 'object') return event
  const e = event as Record<string, unknown>
  if (e.Type === 'Timer') return { action: 'tick' }
  if (e.MsgType === 'event' && e.Event === 'wxa_media_check') {
    const result = (e.result && typeof e.result === 'object' ? e.result : {}) as { suggest?: unknown; label?: unknown }
    // v2 carries result.suggest; an errcode means the platform could not judge it; v1 said isrisky 0 or 1.
    const suggest = e.errcode !== undefined && e.errcode !== 0 ? 'unchecked' : result.suggest ?? (e.isrisky === 1 ? 'risky' : e.isrisky === 0 ? 'pass' : undefined)
    return { action: 'mediaChecked', traceId: e.trace_id, suggest, ...(result.label === undefined ? {} : { label: result.label }) }
  }
  return event
}

export const main = (event: unknown, context: unknown) => handle(asAction(event), context)
