import type { Claim, HistoryItem } from '../../src/core/claim-input'
import { type ClaimStatus, assertTwoReviewers, nextStatus, preApprovedBy, requireReason, stepOf } from '../../src/core/claims'
import { DomainError } from '../../src/core/errors'
import { reviewInput } from '../../src/core/claims.schema'
import { transaction } from '../_shared/cloud'
import { action } from '../_shared/handler'
import { type LedgerRecord, postEntry, projectEntry, walletOf } from '../_shared/ledger'
import { readSettings } from '../_shared/settings'
import { DEFAULT_SETTINGS } from '../../src/core/governance'
import { monthKey } from '../../src/core/period'
import { assertMayReview, loadClaim } from './access'
import { notifyDecision, notifyReviewers } from './notify'
import { type ClaimRecord, countedThisMonth, setCounted, toClaim } from './records'

const COUNTED: readonly ClaimStatus[] = ['submitted', 'pre_approved', 'approved']

/**
 * 初审 / 审核: the reviewer whose step it is passes, rejects (with a reason) or returns it for more
 * evidence (with a reason). The grid worker's pass approves it, and the points are credited in the same
 * transaction: the claim's status guards the credit, so concurrent approvals credit exactly once.
 * The two steps are decided by two different people (core/claims assertTwoReviewers), checked again on the
 * claim as the transaction reads it.
 */
export const review = action({
  input: reviewInput,
  access: ['head', 'grid'],
  audit: true,
  handler: async ({ ctx, input }): Promise<{ claim: Claim }> => {
    const reason = requireReason(input.decision, input.reason)
    const seen = await loadClaim(ctx, input.claimId)
    const step = seen.step
    if (!step) {
      nextStatus(seen.status, input.decision) // refuses with CLAIM.INVALID_TRANSITION in Chinese
      throw new DomainError('CLAIM.INVALID_TRANSITION')
    }
    assertMayReview(ctx, seen, step)
    assertTwoReviewers(seen.history, step, ctx.openid)
    const now = ctx.now()
    const at = now.toISOString()
    // Where approved points go: the resident's or the household wallet; spendable now, or pending until the month's publicity ends.
    const settings = step === 'grid' && input.decision === 'pass' ? await readSettings(ctx.db, seen.communityId) : DEFAULT_SETTINGS

    const { claim, entry } = await transaction(ctx.db, async (tx) => {
      const current = ((await tx.collection('claims').doc(input.claimId).get()).data ?? null) as ClaimRecord | null
      if (!current) throw new DomainError('NOT_FOUND', '没有找到这条申报')
      // Someone else may have decided it meanwhile: the step this reviewer saw must still be the claim's.
      if (current.step !== step) throw new DomainError('CLAIM.INVALID_TRANSITION', '这条申报已经被处理过了')
      assertTwoReviewers(current.history, step, ctx.openid)
      const status = nextStatus(current.status, input.decision)
      const counted = COUNTED.includes(status)
      const item: HistoryItem = { at, by: ctx.openid, byName: ctx.user.name, step, decision: input.decision, ...(reason ? { reason } : {}) }
      let entry: LedgerRecord | null = null
      if (status === 'approved') {
        entry = await postEntry(
          tx,
          {
            key: `claim:${current._id}`,
            accountId: walletOf(current, settings.householdWallet),
            delta: current.pointsTenths,
            kind: 'credit',
            source: { type: 'claim', id: current._id },
            operator: ctx.openid,
            operatorName: ctx.user.name,
            note: current.ruleName,
            ...(current.categoryId ? { category: { id: current.categoryId, name: current.categoryName } } : {}),
          },
          current,
          now,
          settings.settlement === 'monthly' ? { pendingMonth: monthKey(now) } : {},
        )
      }
      if (current.counted && !counted) {
        await setCounted(tx, current, (await countedThisMonth(tx, current)) - 1)
      }
      const history = [...current.history, item]
      const changes = { status, step: stepOf(status), counted, preApprovedBy: preApprovedBy(history), updatedAt: at, history }
      await tx.collection('claims').doc(current._id).update(changes)
      return { claim: { ...current, ...changes } as ClaimRecord, entry }
    })

    ctx.audit({ target: { type: 'claim', id: claim._id }, before: { status: seen.status }, after: { status: claim.status, ...(reason ? { reason } : {}), ...(entry ? { entry: entry._id } : {}) } })
    if (entry) await projectEntry(ctx.db, entry._id)
    if (claim.step) await notifyReviewers(ctx.db, claim)
    if (claim.status !== 'pre_approved') await notifyDecision(ctx.db, claim, reason)
    return { claim: toClaim(claim) }
  },
})
