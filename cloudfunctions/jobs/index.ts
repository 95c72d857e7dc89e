/**
 * 定时任务 — work that must happen even when nobody is looking: ledger entries not yet added to the
 * scores (a function that stopped between the two steps) and notifications not yet sent. In CloudBase a
 * timer trigger (cloudbaserc.json) calls it; locally the server's scheduler does. Everything it does is
 * idempotent, so running it twice, or at the same time as the normal path, changes nothing more.
 */
import { z } from 'zod'
import { DomainError } from '../../src/core/errors'
import { action, defineFunction } from '../_shared/handler'
import { type LedgerRecord, projectEntry } from '../_shared/ledger'
import { type OutboxMessage, send } from '../_shared/outbox'

const tick = action({
  input: z.object({}),
  access: 'anyone',
  handler: async ({ ctx }) => {
    // Timers and the platform call without a WeChat user; a person never runs this.
    if (ctx.openid) throw new DomainError('AUTH.FORBIDDEN')
    const { db } = ctx
    const entries = (await db.collection('ledger').where({ projected: false }).limit(200).get()).data as LedgerRecord[]
    // Older than a minute: younger ones are still being projected by the request that wrote them.
    const stale = entries.filter((e) => Date.now() - new Date(e.at).getTime() > 60_000)
    for (const e of stale) await projectEntry(db, e._id)
    const pending = (await db.collection('outbox').where({ status: 'pending' }).limit(200).get()).data as OutboxMessage[]
    const due = pending.filter((m) => Date.now() - new Date(m.createdAt).getTime() > 60_000).map((m) => m._id!)
    await send(db, due)
    return { projected: stale.length, resent: due.length }
  },
})

const handle = defineFunction('jobs', { tick })

/** A timer trigger's event has no action: it means tick. */
export const main = (event: unknown, context: unknown) =>
  handle(event && typeof event === 'object' && (event as { Type?: string }).Type === 'Timer' ? { action: 'tick' } : event, context)
