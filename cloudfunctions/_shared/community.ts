/** Which community a caller acts in, and whether they administer it. */
import { DomainError } from '../../src/core/errors'
import type { MemberCtx } from './handler'

export function communityOf(ctx: MemberCtx): string {
  if (!ctx.user.communityId) throw new DomainError('AUTH.FORBIDDEN', '您还没有加入社区')
  return ctx.user.communityId
}

export function isAdminOf(ctx: MemberCtx, communityId: string): boolean {
  return ctx.roles.some((r) => r.role === 'admin' && r.nodeId === communityId)
}

/** The community the caller administers (工作小组), or a refusal. */
export function administeredCommunity(ctx: MemberCtx): string {
  const communityId = communityOf(ctx)
  if (!isAdminOf(ctx, communityId)) throw new DomainError('AUTH.FORBIDDEN', '只有本社区的工作小组可以做这件事')
  return communityId
}
