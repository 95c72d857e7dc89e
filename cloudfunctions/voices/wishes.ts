/**
 * A wish's steps, and the confirmation that closes a wish or a hazard:
 *   take      any registered resident but the poster; exclusive (the transaction sees the status it moves from), so of
 *             concurrent takes one wins and the rest answer VOICE.ALREADY_TAKEN
 *   fulfil    the taker, with photos of what was done
 *   confirm   the poster (or staff for one without a phone): a wish with a rating 1–5 — the taker is credited by the
 *             wish rule and the offered points move to them, in one transaction; a hazard's result, by its reporter
 *   withdraw  the poster (or the admin) while nobody fulfilled it: the held points come back; a taker is told
 */
import { DomainError } from '../../src/core/errors'
import { confirmInput, fulfilInput, takeInput, withdrawInput } from '../../src/core/voices.schema'
import { transaction } from '../_shared/cloud'
import { type MemberCtx, action } from '../_shared/handler'
import { type LedgerRecord, projectEntry } from '../_shared/ledger'
import { getResident } from '../_shared/people'
import { readSettings } from '../_shared/settings'
import { nextVoiceStatus } from '../../src/core/voices'
import { acceptStep, step } from './steps'
import { notifyPeople } from './notify'
import { creditIn, payablePlacement, purposeRule, releaseIn, transferIn } from './points'
import { type VoiceRecord, actorOf, loadVoice, postedBy, staffOver, toVoice } from './records'

const answer = (ctx: MemberCtx, r: VoiceRecord) => ({ post: toVoice(r, ctx, { supported: false, now: ctx.now() }) })

const wishOnly = (r: VoiceRecord) => {
  if (r.kind !== 'wish') throw new DomainError('INPUT.INVALID', '只有微心愿可以这样办理')
}

/** 认领: the first to take a public wish is its taker; taking it again is answered as it is. */
const take = action({
  input: takeInput,
  access: 'member',
  handler: async ({ ctx, input }) => {
    const seen = await loadVoice(ctx, input.postId)
    wishOnly(seen)
    if (postedBy(ctx, seen)) throw new DomainError('INPUT.INVALID', '不能认领自己的心愿')
    const resident = ctx.user.residentId ? await getResident(ctx.db, ctx.user.residentId) : null
    if (!resident || resident.status) throw new DomainError('AUTH.FORBIDDEN', '只有本社区登记的居民可以认领心愿')
    const at = ctx.now().toISOString()
    const taker = actorOf(ctx, null, resident)
    const saved = await transaction(ctx.db, async (tx) => {
      const current = ((await tx.collection('voices').doc(seen._id).get()).data ?? null) as VoiceRecord | null
      if (current?.taker?.openid === ctx.openid) return current
      if (current?.taker) throw new DomainError('VOICE.ALREADY_TAKEN')
      const status = nextVoiceStatus('wish', current?.status, 'take')
      const changes: Partial<VoiceRecord> = { status, taker, takenAt: at, updatedAt: at, history: [...current!.history, { at, by: taker, step: 'take' }] }
      await tx.collection('voices').doc(seen._id).update(changes)
      return { ...current!, ...changes }
    })
    if (saved.takenAt === at) await notifyPeople(ctx.db, saved, 'take', undefined, ctx.now())
    return answer(ctx, saved)
  },
})

/** 完成: the taker says it is done, with photos; the poster is asked to confirm. */
const fulfil = action({
  input: fulfilInput,
  access: 'member',
  handler: async ({ ctx, input }) => {
    const seen = await loadVoice(ctx, input.postId)
    wishOnly(seen)
    if (seen.taker?.openid !== ctx.openid) throw new DomainError('AUTH.FORBIDDEN', '只有认领这个心愿的人可以说完成了')
    const saved = await acceptStep(ctx, seen._id, input.note, input.photos, (pinned) =>
      step(ctx, seen, 'fulfil', { by: seen.taker!, ...(input.note ? { note: input.note } : {}), pinned }),
    )
    await notifyPeople(ctx.db, saved, 'fulfil', input.note, ctx.now())
    return answer(ctx, saved)
  },
})

/**
 * 确认: a fulfilled wish (its poster, or staff over its place for a poster without a phone), with a rating — the taker
 * is credited once by the wish rule and the held points move to them, in the transaction that confirms it; or a
 * resolved hazard (its reporter only: the grid worker does not sign off their own work).
 */
const confirm = action({
  input: confirmInput,
  access: 'member',
  audit: 'roles',
  handler: async ({ ctx, input }) => {
    const seen = await loadVoice(ctx, input.postId)
    if (seen.kind === 'suggestion') throw new DomainError('INPUT.INVALID', '居民说事不需要确认')
    const own = seen.author.openid === ctx.openid
    if (!own && (seen.kind !== 'wish' || !staffOver(ctx, seen, ['admin', 'grid', 'head']))) {
      throw new DomainError('AUTH.FORBIDDEN', seen.kind === 'wish' ? '只有许愿的人（或替他办理的工作人员）可以确认' : '只有报告隐患的人可以确认处理结果')
    }
    if (seen.kind === 'wish' && !input.rating) throw new DomainError('INPUT.INVALID', '请给认领的人打个分（1 到 5 颗星）', { issues: [{ path: ['rating'], message: '请打分' }] })
    const now = ctx.now()
    const by = { openid: ctx.openid, name: ctx.user.name }
    const wish = seen.kind === 'wish'
    const [paid, settings, taker, poster] = await Promise.all([
      wish ? purposeRule(ctx.db, seen.communityId, 'wish') : null,
      readSettings(ctx.db, seen.communityId),
      wish ? payablePlacement(ctx.db, seen.taker?.residentId) : null,
      wish && seen.offerTenths ? payablePlacement(ctx.db, seen.author.residentId) : null,
    ])
    let credited: LedgerRecord | null = null
    const item = { by: own ? seen.author : actorOf(ctx, seen), ...(input.note ? { note: input.note } : {}), ...(wish ? { rating: input.rating } : {}) }
    // The words of a step are read by others (the timeline): screened as every text is.
    const saved = await acceptStep(ctx, seen._id, input.note, undefined, () => step(ctx, seen, 'confirm', item, async (tx, current) => {
      if (!wish) return
      if (seen.offerTenths && taker) {
        // The poster's placement names the out entry; one gone (moved away) still gives what they held.
        await transferIn(tx, current, poster ?? { ...taker, residentId: seen.author.residentId ?? '', residentName: seen.author.name }, taker, settings, by, now)
      }
      credited = await creditIn(tx, current, paid, taker, settings, by, now)
      return { rating: input.rating, ...(credited ? { credit: { key: credited._id, tenths: credited.delta, residentId: credited.residentId } } : {}) }
    }))
    const entry = credited as LedgerRecord | null
    if (entry) await projectEntry(ctx.db, entry._id)
    if (!own) ctx.audit({ target: { type: 'voice', id: seen._id }, before: { status: seen.status }, after: { kind: seen.kind, title: seen.title, status: saved.status } })
    await notifyPeople(ctx.db, saved, 'confirm', input.note, now)
    return answer(ctx, saved)
  },
})

/** 撤回: the poster (or the admin for them) while the wish waits or is taken but not yet fulfilled; the held points come back. */
const withdraw = action({
  input: withdrawInput,
  access: 'member',
  audit: 'roles',
  handler: async ({ ctx, input }) => {
    const seen = await loadVoice(ctx, input.postId)
    wishOnly(seen)
    const own = postedBy(ctx, seen)
    if (!own && !staffOver(ctx, seen, ['admin'])) throw new DomainError('AUTH.FORBIDDEN', '只有许愿的人（或社区工作小组）可以撤回')
    const now = ctx.now()
    const by = { openid: ctx.openid, name: ctx.user.name }
    const [settings, poster] = await Promise.all([readSettings(ctx.db, seen.communityId), payablePlacement(ctx.db, seen.author.residentId)])
    const saved = await acceptStep(ctx, seen._id, input.note ?? '', undefined, () =>
      step(ctx, seen, 'withdraw', { by: seen.author.openid === ctx.openid ? seen.author : actorOf(ctx, seen), ...(input.note ? { note: input.note } : {}) }, async (tx, current) => {
        await releaseIn(tx, current, poster, settings, by, now)
      }),
    )
    if (!own) ctx.audit({ target: { type: 'voice', id: seen._id }, before: { status: seen.status }, after: { kind: seen.kind, title: seen.title, status: saved.status } })
    await notifyPeople(ctx.db, saved, 'withdraw', input.note, now)
    return answer(ctx, saved)
  },
})

export const wishActions = { take, fulfil, confirm, withdraw }
