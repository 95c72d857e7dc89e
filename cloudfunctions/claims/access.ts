/** Who may see and act on a claim. */
import type { ReviewStep } from '../../src/core/claims'
import { DomainError } from '../../src/core/errors'
import { isAdminOf } from '../_shared/community'
import type { MemberCtx } from '../_shared/handler'
import type { ClaimRecord } from './records'

export async function loadClaim(ctx: MemberCtx, claimId: string): Promise<ClaimRecord> {
  const claim = ((await ctx.db.collection('claims').doc(claimId).get()).data as ClaimRecord[])[0]
  if (!claim || claim.communityId !== ctx.user.communityId) throw new DomainError('NOT_FOUND', '没有找到这条申报')
  return claim
}

/** The role that reviews a step, and the node it must be held over. */
export const reviewerOf = (claim: ClaimRecord, step: ReviewStep) =>
  step === 'head' ? { role: 'head' as const, nodeId: claim.courtyardId } : { role: 'grid' as const, nodeId: claim.gridId }

export function assertMayReview(ctx: MemberCtx, claim: ClaimRecord, step: ReviewStep): void {
  const { role, nodeId } = reviewerOf(claim, step)
  if (!ctx.roles.some((r) => r.role === role && r.nodeId === nodeId)) {
    throw new DomainError('AUTH.FORBIDDEN', step === 'head' ? '只有本院的院长可以初审这条申报' : '只有本网格的网格员可以审核这条申报')
  }
  if (ctx.user.householdId === claim.householdId) throw new DomainError('AUTH.FORBIDDEN', '不能审核自己家的申报')
  if (claim.proxy?.openid === ctx.openid) throw new DomainError('AUTH.FORBIDDEN', '不能审核自己代为申报的')
}

/** The claimant, whoever filed it for them, its reviewers (any step) and the community's admin may read it. */
export function mayRead(ctx: MemberCtx, claim: ClaimRecord): boolean {
  return (
    claim.residentOpenid === ctx.openid ||
    claim.proxy?.openid === ctx.openid ||
    ctx.roles.some((r) => (r.role === 'head' && r.nodeId === claim.courtyardId) || (r.role === 'grid' && r.nodeId === claim.gridId)) ||
    isAdminOf(ctx, claim.communityId)
  )
}

/** The claimant or whoever filed it for them. */
export const isOwner = (ctx: MemberCtx, claim: ClaimRecord) => claim.residentOpenid === ctx.openid || claim.proxy?.openid === ctx.openid
