/**
 * 定时任务 — work that must happen even when nobody is looking: ledger entries not yet added to the
 * scores (a function that stopped between the two steps), notifications not yet sent, and vouchers past
 * their validity (expired, and refunded where the community's settings say so), and the reminders of residents signed
 * up for an activity about to start (activities/reminders), and the 随手拍 reports waiting too long (voices/report). In CloudBase a
 * timer trigger (cloudbaserc.json) calls it; locally the server's scheduler does. Everything it does is
 * idempotent, so running it twice, or at the same time as the normal path, changes nothing more. Every item of
 * every step succeeds or fails alone (see `isolated`): the tick always answers, with what it could not do.
 */
import { DomainError } from '../../src/core/errors'
import { mediaCheckedInput, tickInput } from '../../src/core/jobs.schema'
import type { Db } from '../_shared/cloud'
import { action, defineFunction } from '../_shared/handler'
import { type LedgerRecord, projectEntry } from '../_shared/ledger'
import { settleMediaCheck } from '../_shared/media-results'
import { type OutboxMessage, send } from '../_shared/outbox'
import { dueVouchers, expireVoucher } from '../_shared/exchange'
import { expireListings } from '../_shared/listings'
import type { VoucherRecord } from '../_shared/vouchers'
import { closeMonth, finalizeMonth, type MonthRecord, payInspectionsAtClose } from '../_shared/months'
import { readSettings } from '../_shared/settings'
import { inZone, monthKey, previousMonth } from '../../src/core/period'
import { dueReminders, remind } from '../activities/reminders'
import type { SignupRecord } from '../activities/records'
import { dueOverdue, flagOverdue } from '../voices/report'
import type { VoiceRecord } from '../voices/records'

/** The steps of a tick, each run item by item. */
type Step = 'project' | 'resend' | 'expire' | 'close' | 'award' | 'finalize' | 'suspensions' | 'remind' | 'overdue'

/** One item a tick could not do: the step, the item's id (`*`: the step's own query), and the code it failed with. */
interface Failure {
  step: Step
  id: string
  code: string
}

/**
 * Runs one item's work. A failure — a crash (INTERNAL) or a refusal — is logged with the item's id and counted in the
 * tick's answer, and the caller goes on with the next item: one bad record (a corrupt document, a correction the
 * code did not foresee) never stops the rest, nor another community's months. Answers whether the item was done.
 */
async function isolated(failures: Failure[], step: Step, id: string, work: () => Promise<unknown>): Promise<boolean> {
  try {
    await work()
    return true
  } catch (e) {
    const code = e instanceof DomainError ? e.code : 'INTERNAL'
    console.error(`[jobs] ${step} ${id} 没有完成（${code}）：`, e)
    failures.push({ step, id, code })
    return false
  }
}

const tick = action({
  input: tickInput,
  access: 'anyone',
  handler: async ({ ctx }) => {
    // Timers and the platform call without a WeChat user; a person never runs this.
    if (ctx.openid) throw new DomainError('AUTH.FORBIDDEN')
    const { db } = ctx
    const now = ctx.now()
    const failures: Failure[] = []
    const projected = await projectStale(db, now, failures)
    const resent = await resend(db, now, failures)
    const expired = await expireVouchers(db, now, failures)
    const { closed, finalized } = await closeAndFinalize(db, now, failures)
    const suspensionsEnded = await endSuspensions(db, now, failures)
    const reminded = await remindActivities(db, now, failures)
    const overdue = await flagOverdueHazards(db, now, failures)
    return { projected, resent, expired, closed, finalized, suspensionsEnded, reminded, overdue, failures }
  },
})

/** Ledger entries a stopped function left unprojected, older than a minute (younger ones are still being projected by the request that wrote them). */
async function projectStale(db: Db, now: Date, failures: Failure[]): Promise<number> {
  let entries: LedgerRecord[] = []
  await isolated(failures, 'project', '*', async () => {
    entries = (await db.collection('ledger').where({ projected: false }).limit(200).get()).data as LedgerRecord[]
  })
  let projected = 0
  // Written as "not younger": an entry without a readable time is tried (and reported), never passed over forever.
  for (const e of entries.filter((e) => !(now.getTime() - new Date(e.at).getTime() <= 60_000))) {
    if (await isolated(failures, 'project', e._id, () => projectEntry(db, e._id))) projected++
  }
  return projected
}

/** Notifications still pending a minute after they were written: sent again, each on its own. */
async function resend(db: Db, now: Date, failures: Failure[]): Promise<number> {
  let pending: OutboxMessage[] = []
  await isolated(failures, 'resend', '*', async () => {
    pending = (await db.collection('outbox').where({ status: 'pending' }).limit(200).get()).data as OutboxMessage[]
  })
  const due = pending.filter((m) => !(now.getTime() - new Date(m.createdAt).getTime() <= 60_000)).map((m) => m._id!)
  const done = await Promise.all(due.map((id) => isolated(failures, 'resend', id, () => send(db, [id]))))
  return done.filter(Boolean).length
}

/**
 * Vouchers still unused after their validity: each closed in its own transaction as `expired`, its points refunded
 * when the community's `refundExpiredVouchers` is on (the default), its stock restored. Two hundred per run; the
 * next run takes the rest. A voucher redeemed or cancelled meanwhile is left as it is.
 */
async function expireVouchers(db: Db, now: Date, failures: Failure[]): Promise<number> {
  let due: VoucherRecord[] = []
  await isolated(failures, 'expire', '*', async () => {
    due = await dueVouchers(db, now)
  })
  const refunds = new Map<string, boolean>()
  let expired = 0
  for (const v of due) {
    await isolated(failures, 'expire', v._id, async () => {
      if (!refunds.has(v.communityId)) refunds.set(v.communityId, (await readSettings(db, v.communityId)).refundExpiredVouchers)
      // The same closeVoucher as the owner's cancel (_shared/exchange); one redeemed or cancelled since it was read is left alone.
      if (await expireVoucher(db, v._id, refunds.get(v.communityId)!, now)) expired++
    })
  }
  return expired
}

/**
 * 结月 on the 1st from 02:00 (Asia/Shanghai) for every community: last month, and any month since the last close
 * that a stopped server missed (in order, a year at most); then 认定 of each closed month whose publicity window
 * has ended; the inspection awards of a month closed with `awardInspectionsAtClose` on are paid with its close (and
 * retried here while still due). All are idempotent, so the timer, a catch-up at start and the admin's own close never collide. Each
 * community, and each of its months, succeeds or fails alone; a month that fails stops only the later months of its
 * own community (they close in order), until a later tick.
 */
async function closeAndFinalize(db: Db, now: Date, failures: Failure[]): Promise<{ closed: string[]; finalized: string[] }> {
  const closed: string[] = []
  const finalized: string[] = []
  const local = inZone(now)
  const last = previousMonth(monthKey(now))
  const due = local.date() > 1 || local.hour() >= 2
  let communities: { _id: string }[] = []
  await isolated(failures, 'close', '*', async () => {
    communities = (await db.collection('orgNodes').where({ type: 'community' }).limit(1000).get()).data as { _id: string }[]
  })
  for (const { _id: communityId } of communities) {
    if (due) {
      let latest: MonthRecord | undefined
      const read = await isolated(failures, 'close', communityId, async () => {
        latest = ((await db.collection('months').where({ communityId }).orderBy('month', 'desc').limit(1).get()).data as MonthRecord[])[0]
      })
      const missed: string[] = []
      for (let m = last; read && missed.length < 12 && (!latest || m > latest.month); m = previousMonth(m)) {
        missed.unshift(m)
        if (!latest) break
      }
      for (const month of missed) {
        if (!(await isolated(failures, 'close', `${communityId}:${month}`, () => closeMonth(db, communityId, month, now, 'system')))) break
        closed.push(`${communityId}:${month}`)
      }
    }
    let open: MonthRecord[] = []
    await isolated(failures, 'finalize', communityId, async () => {
      open = (await db.collection('months').where({ communityId, status: 'closed' }).limit(100).get()).data as MonthRecord[]
    })
    for (const m of open.sort((a, b) => a.month.localeCompare(b.month))) {
      // Inspection awards a close left due (closeMonth pays them; a failure there is retried here, on its own).
      if (m.inspectionAwards === 'due') await isolated(failures, 'award', `${communityId}:${m.month}`, () => payInspectionsAtClose(db, m, now, { rethrow: true }))
      await isolated(failures, 'finalize', `${communityId}:${m.month}`, async () => {
        if (await finalizeMonth(db, communityId, m.month, now)) finalized.push(`${communityId}:${m.month}`)
      })
    }
  }
  return { closed, finalized }
}

/** Black-list entries whose suspension has ended are marked expired (the accounts' own dates already let them exchange). */
async function endSuspensions(db: Db, now: Date, failures: Failure[]): Promise<number> {
  let ended = 0
  // One update of every ended listing (_shared/listings, beside what a confirmed listing does): there is no per-item work that could fail alone.
  await isolated(failures, 'suspensions', '*', async () => {
    ended = await expireListings(db, now)
  })
  return ended
}

/** Residents signed up for an activity starting soon: each reminded once, on its own (activities/reminders). */
async function remindActivities(db: Db, now: Date, failures: Failure[]): Promise<number> {
  let due: SignupRecord[] = []
  await isolated(failures, 'remind', '*', async () => {
    due = await dueReminders(db, now)
  })
  let reminded = 0
  for (const s of due) {
    await isolated(failures, 'remind', s._id, async () => {
      if (await remind(db, s, now)) reminded++
    })
  }
  return reminded
}

/** 随手拍 reports waiting more than three days: each flagged to the admins once (voices/report). */
async function flagOverdueHazards(db: Db, now: Date, failures: Failure[]): Promise<number> {
  let due: VoiceRecord[] = []
  await isolated(failures, 'overdue', '*', async () => {
    due = await dueOverdue(db, now)
  })
  let flagged = 0
  for (const post of due) {
    await isolated(failures, 'overdue', post._id, async () => {
      if (await flagOverdue(db, post, now)) flagged++
    })
  }
  return flagged
}

/**
 * A photo check's result (mediaCheckAsync), pushed by WeChat: this function is the one configured to receive the
 * `wxa_media_check` message push (云开发 → 设置 → 消息推送; docs/subscribe-messages.md). Anyone may deliver one, as
 * the push may carry a user's context; only the platform and contentChecks know a trace id, so a made-up one changes
 * nothing that matters (it is kept aside as an unclaimed early result).
 */
const mediaChecked = action({
  input: mediaCheckedInput,
  access: 'anyone',
  handler: async ({ ctx, input }) => ({ outcome: await settleMediaCheck(ctx.db, input.traceId, input.suggest, input.label, ctx.now()) }),
})

/** The action table (the platform's timer and message pushes reach it through `asAction`). */
export const actions = { tick, mediaChecked }

const handle = defineFunction('jobs', actions)

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
