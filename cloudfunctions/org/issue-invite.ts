import { randomBytes } from 'node:crypto'
import { DomainError } from '../../src/core/errors'
import { formatInviteCode, makeInviteCode } from '../../src/core/invites'
import { issueInviteInput } from '../../src/core/org.schema'
import { action, type MemberCtx } from '../_shared/handler'
import { nodeInScope } from '../_shared/org'

export interface InviteRecord {
  _id: string
  communityId: string
  /** A resident's invite names the courtyard (and maybe the household) they join; a clerk's names none. */
  gridId: string | null
  courtyardId: string | null
  householdId: string | null
  /** A clerk's invite (商家店员): joining makes the user a clerk of this merchant. */
  merchantId?: string
  /** An admin's invite (npm run setup): its first user becomes the community's admin (工作小组). */
  role?: 'admin'
  maxUses: number
  uses: number
  expiresAt: string
  revoked: boolean
  issuedBy: string
  issuedAt: string
}

export type InviteTarget = Pick<InviteRecord, 'communityId' | 'gridId' | 'courtyardId' | 'householdId' | 'merchantId' | 'role' | 'maxUses'> & { days: number }

/** A new invite with a freshly drawn code: `days` from `now`, unused, by `issuedBy`. Not yet stored. */
export function newInvite(target: InviteTarget, now: Date, issuedBy: string): InviteRecord {
  const { days, ...where } = target
  return {
    _id: makeInviteCode((n) => randomBytes(n)),
    ...where,
    uses: 0,
    expiresAt: new Date(now.getTime() + days * 86_400_000).toISOString(),
    revoked: false,
    issuedBy,
    issuedAt: now.toISOString(),
  }
}

/** Draws a new code and stores the invite: `days` from now, unused, by the caller. */
export async function saveInvite(ctx: MemberCtx, target: InviteTarget): Promise<InviteRecord> {
  const invite = newInvite(target, ctx.now(), ctx.openid)
  const { _id, ...fields } = invite
  await ctx.db.collection('invites').doc(_id).set(fields)
  return invite
}

/**
 * Issues an invite code for a courtyard (each use makes a new household) or for one household
 * (its members join it). The courtyard's head or the community's admin may issue it.
 */
export const issueInvite = action({
  input: issueInviteInput,
  access: ['head', 'admin'],
  audit: true,
  handler: async ({ ctx, input }) => {
    const courtyard = await nodeInScope(ctx, input.courtyardId, 'courtyard', ['head', 'admin'])
    let householdName: string | null = null
    if (input.householdId) {
      const household = await nodeInScope(ctx, input.householdId, 'household', ['head', 'admin'])
      if (household.parentId !== courtyard._id) throw new DomainError('INPUT.INVALID', '这个家庭不在这个院落里')
      householdName = household.name
    }
    const invite = await saveInvite(ctx, {
      communityId: courtyard.communityId,
      gridId: courtyard.parentId!,
      courtyardId: courtyard._id,
      householdId: input.householdId ?? null,
      maxUses: input.maxUses,
      days: input.days,
    })
    const _id = invite._id
    return {
      invite: {
        code: _id,
        display: formatInviteCode(_id),
        courtyardName: courtyard.name,
        householdName,
        maxUses: invite.maxUses,
        expiresAt: invite.expiresAt,
      },
    }
  },
})
