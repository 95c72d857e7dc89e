import type { Claim, HistoryItem } from '../../src/core/claim-input'
import { resubmitInput, withdrawInput } from '../../src/core/claims.schema'
import { nextStatus, stepOf } from '../../src/core/claims'
import { DomainError } from '../../src/core/errors'
import { transaction } from '../_shared/cloud'
import { acceptClaimEvidence, discardOnRefusal, heldPhotos, rememberFirstUses } from '../_shared/evidence'
import { action } from '../_shared/handler'
import { recordPhotoChecks } from '../_shared/media-results'
import { holdersOf } from '../_shared/people'
import { admit, screen } from '../_shared/screening'
import { isOwner, loadClaim } from './access'
import { notifyReviewers } from './notify'
import type { RuleRecord } from '../rules/records'
import { type ClaimRecord, countedThisMonth, setCounted, toClaim } from './records'
import { startOf } from './submit'

/** The claimant (or whoever filed it) takes back a claim that is not decided yet. */
export const withdraw = action({
  input: withdrawInput,
  access: 'member',
  audit: 'roles',
  handler: async ({ ctx, input }): Promise<{ claim: Claim }> => {
    const seen = await loadClaim(ctx, input.claimId)
    if (!isOwner(ctx, seen)) throw new DomainError('AUTH.FORBIDDEN', '只能撤回自己的申报')
    const at = ctx.now().toISOString()
    const claim = await transaction(ctx.db, async (tx) => {
      const current = (await tx.collection('claims').doc(input.claimId).get()).data as ClaimRecord
      const status = nextStatus(current.status, 'withdraw')
      if (current.counted) {
        await setCounted(tx, current, (await countedThisMonth(tx, current)) - 1)
      }
      const item: HistoryItem = { at, by: ctx.openid, byName: ctx.user.name, step: 'resident', decision: 'withdraw' }
      const changes = { status, step: stepOf(status), counted: false, updatedAt: at, history: [...current.history, item] }
      await tx.collection('claims').doc(current._id).update(changes)
      return { ...current, ...changes } as ClaimRecord
    })
    return { claim: toClaim(claim) }
  },
})

/**
 * A returned claim comes back with more evidence (and, if needed, a clearer description): it starts
 * its review again from the first step, and counts against the cap again.
 */
export const resubmit = action({
  input: resubmitInput,
  access: 'member',
  handler: async ({ ctx, input }): Promise<{ claim: Claim }> => {
    const seen = await loadClaim(ctx, input.claimId)
    if (!isOwner(ctx, seen)) throw new DomainError('AUTH.FORBIDDEN', '只能补充自己的申报')
    if (seen.history.some((h) => h.decision === 'resubmit' && (h as HistoryItem & { requestId?: string }).requestId === input.requestId)) {
      return { claim: toClaim(seen) }
    }
    nextStatus(seen.status, 'resubmit')
    const now = ctx.now()
    const rule = ((await ctx.db.collection('rules').doc(seen.ruleId).get()).data as RuleRecord[])[0]
    if (rule?.photosRequired && input.photos.length === 0) throw new DomainError('CLAIM.EVIDENCE_REQUIRED')
    // The same evidence check as on submit (evidence.ts): a photo the claim keeps keeps its pinned copy; a new one is
    // pinned, checked and matched against the photos other claims used first. The new text and all the photos are
    // screened beside the reads, as on submit.
    const owners = [seen.residentOpenid, seen.proxy?.openid].filter((o): o is string => !!o)
    const accepting = acceptClaimEvidence(ctx.db, input.photos, { id: seen._id, communityId: seen.communityId, owners, kept: heldPhotos(seen) })
    const screening = screen(ctx.openid, 'forum', { texts: { 做了什么: input.description, 在哪里做的: input.place }, photos: accepting.then((e) => e.photos) }, now)
    try {
      const [evidence, heads, screened] = await Promise.all([accepting, holdersOf(ctx.db, 'head', seen.courtyardId), screening])
      const admitted = admit(screened)
      // A text not sent again keeps its old mark; the photos were all sent again.
      const text = input.description || input.place ? admitted?.text : seen.screening?.text
      const screeningRecord = { ...(text ? { text } : {}), ...(admitted?.photosSentAt ? { photosSentAt: admitted.photosSentAt } : {}), ...(admitted?.uncheckedPhotos ? { uncheckedPhotos: admitted.uncheckedPhotos } : {}) }
      const { status, reviewingHeads } = startOf(heads, seen, ctx.openid)
      const at = now.toISOString()
      const claim = await transaction(ctx.db, async (tx) => {
        const current = (await tx.collection('claims').doc(input.claimId).get()).data as ClaimRecord
        nextStatus(current.status, 'resubmit')
        const count = await countedThisMonth(tx, current)
        if (rule && rule.capPerMonth > 0 && count >= rule.capPerMonth) throw new DomainError('CLAIM.CAP_REACHED')
        await setCounted(tx, current, count + 1)
        const item = { at, by: ctx.openid, byName: ctx.user.name, step: 'resident' as const, decision: 'resubmit' as const, requestId: input.requestId }
        const changes = {
          status,
          step: stepOf(status),
          counted: true,
          photos: input.photos,
          pinned: evidence.photos.map((p) => p.pinned),
          photoHashes: evidence.photos.map((p) => p.sha256),
          duplicates: evidence.duplicates,
          preApprovedBy: null,
          ...(input.description ? { description: input.description } : {}),
          ...(input.place ? { place: input.place } : {}),
          updatedAt: at,
          history: [...current.history, item],
        }
        // Replaced whole (a plain object would be merged key by key, keeping the old photos' marks).
        await tx.collection('claims').doc(current._id).update({ ...changes, screening: ctx.db.command.set(screeningRecord) })
        return { ...current, ...changes, screening: screeningRecord } as ClaimRecord
      })
      await Promise.all([
        rememberFirstUses(ctx.db, evidence, { id: claim._id, communityId: claim.communityId, residentName: claim.residentName, at }),
        recordPhotoChecks(ctx.db, { type: 'claim', id: claim._id }, ctx.openid, screened, now),
      ])
      await notifyReviewers(ctx.db, claim, reviewingHeads)
      return { claim: toClaim(claim) }
    } catch (e) {
      return discardOnRefusal(accepting, e)
    }
  },
})
