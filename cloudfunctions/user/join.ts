import { DomainError } from '../../src/core/errors'
import type { Me } from '../../src/core/user'
import { joinInput } from '../../src/core/user.schema'
import { type Transaction, transaction } from '../_shared/cloud'
import { derivedId } from '../_shared/ids'
import { action, type Ctx, loadCaller, type UserRecord } from '../_shared/handler'
import type { OrgNodeRecord } from '../_shared/org'
import { admit, screen } from '../_shared/screening'
import type { InviteRecord } from '../org/issue-invite'
import { describeMember } from './me'

/**
 * A new user joins with an invite code and their name: one transaction checks and spends the code and
 * writes the household (when the code makes a new one), the resident and the account. Joining again
 * with any code answers who they already are.
 */
export const join = action({
  input: joinInput,
  access: 'signedIn',
  handler: async ({ ctx, input }): Promise<Me> => {
    const { db, openid } = ctx
    // The name is screened beside the reads below, and awaited wherever it is about to be stored.
    const screening = screen(openid, 'profile', { texts: { 姓名: input.name } }, ctx.now())
    const existing = await loadCaller(db, openid)
    const clerkInvite = ((await db.collection('invites').doc(input.inviteCode).get()).data as InviteRecord[])[0]
    // A clerk's or an admin's code gives a role, not a home: each spends it in its own transaction.
    if (clerkInvite?.merchantId || clerkInvite?.role === 'admin') {
      admit(await screening)
      await joinWithRole(ctx, clerkInvite.role === 'admin' ? ADMIN : CLERK, input.name, input.inviteCode)
      const caller = await loadCaller(db, openid)
      return describeMember({ ...ctx, user: caller.user!, roles: caller.roles })
    }
    if (existing.user) {
      // A retried join answers who they are; a code of another community is refused, not ignored.
      const invite = ((await db.collection('invites').doc(input.inviteCode).get()).data as InviteRecord[])[0]
      if (invite && invite.communityId !== existing.user.communityId) throw new DomainError('USER.ALREADY_JOINED')
      return describeMember({ ...ctx, user: existing.user, roles: existing.roles })
    }

    const now = ctx.now()
    const screeningRecord = admit(await screening)
    await transaction(db, async (tx) => {
      const invite = ((await tx.collection('invites').doc(input.inviteCode).get()).data ?? null) as InviteRecord | null
      if (!invite || invite.revoked) throw new DomainError('INVITE.INVALID', '邀请码不对，请核对后再输入')
      if (invite.expiresAt <= now.toISOString()) throw new DomainError('INVITE.INVALID', '邀请码已过期，请向院长或社区要一个新的')
      if (invite.uses >= invite.maxUses) throw new DomainError('INVITE.INVALID', '邀请码已用完，请向院长或社区要一个新的')
      // Another request of this same person may have joined meanwhile: the account is written by id, so it conflicts.
      if ((await tx.collection('users').doc(openid).get()).data) return

      const courtyard = invite.courtyardId ? ((await tx.collection('orgNodes').doc(invite.courtyardId).get()).data as OrgNodeRecord | null) : null
      if (!courtyard) throw new DomainError('INVITE.INVALID', '邀请码对应的院落已不存在')
      let householdId = invite.householdId
      if (!householdId) {
        // Opaque, like the resident's: a household's id shows in rankings, and one made of the invite code would hand
        // out a code that may still have uses left. (A retried transaction draws again: nothing of it was written.)
        householdId = derivedId('hh', invite._id, undefined)
        await tx.collection('orgNodes').doc(householdId).set({
          type: 'household',
          name: `${input.name}家`,
          parentId: courtyard._id,
          communityId: courtyard.communityId,
          path: [...courtyard.path, householdId],
          createdAt: now,
        })
      }
      // Opaque: an id shown to others never carries the openid, and a person who joins again after their data was
      // deleted gets a new record rather than the anonymised one.
      const residentId = derivedId('r', openid, undefined)
      await tx.collection('residents').doc(residentId).set({
        name: input.name,
        openid,
        communityId: invite.communityId,
        gridId: invite.gridId,
        courtyardId: invite.courtyardId,
        householdId,
        hasPhone: true,
        joinedWith: invite._id,
        ...(screeningRecord ? { screening: screeningRecord } : {}),
        createdAt: now,
      })
      await tx.collection('users').doc(openid).set({ name: input.name, communityId: invite.communityId, residentId, householdId, createdAt: now })
      await tx.collection('invites').doc(invite._id).update({ uses: invite.uses + 1 })
    })
    const caller = await loadCaller(db, openid)
    if (!caller.user) throw new Error('加入后找不到账户')
    return describeMember({ ...ctx, user: caller.user, roles: caller.roles })
  },
})

/** What a role's invite (a clerk's or an admin's) grants, and how each of its refusals reads. */
interface RoleInvite {
  /** The role it grants over the node it names, or null when the code is not this kind of invite. */
  grant(invite: InviteRecord): { role: 'merchant' | 'admin'; nodeId: string } | null
  expired: string
  usedUp: string
  /** Why the node it names no longer takes anyone (read in the transaction), or null. */
  nodeGone(tx: Transaction, nodeId: string): Promise<string | null>
  /** What the user record keeps of it besides the role. */
  extra(nodeId: string): Partial<UserRecord>
}

/**
 * A clerk's invite: it makes the user a clerk of its merchant — a new user, or one of the same community who already
 * lives here (a shopkeeper can be a resident too).
 */
const CLERK: RoleInvite = {
  grant: (invite) => (invite.merchantId ? { role: 'merchant', nodeId: invite.merchantId } : null),
  expired: '邀请码已过期，请向社区要一个新的',
  usedUp: '邀请码已用完，请向社区要一个新的',
  nodeGone: async (tx, merchantId) => {
    const merchant = ((await tx.collection('merchants').doc(merchantId).get()).data ?? null) as { status: string } | null
    return !merchant || merchant.status !== 'active' ? '这个商家已暂停或不存在，请联系社区' : null
  },
  extra: (merchantId) => ({ merchantId }),
}

/**
 * The admin's invite that `npm run setup` prints: the first person to use it becomes the admin (工作小组) of its
 * community, with no home there (residentId null).
 */
const ADMIN: RoleInvite = {
  grant: (invite) => (invite.role === 'admin' ? { role: 'admin', nodeId: invite.communityId } : null),
  expired: '管理员邀请码已过期（7 天内有效），请联系为社区开通的人员',
  usedUp: '这个管理员邀请码已经有人用过了，请向社区的管理员要邀请',
  nodeGone: async (tx, communityId) => {
    const community = ((await tx.collection('orgNodes').doc(communityId).get()).data ?? null) as OrgNodeRecord | null
    return community?.type !== 'community' ? '邀请码对应的社区已不存在' : null
  },
  extra: () => ({}),
}

/**
 * Joins with a role's invite: one transaction spends the code and grants the role, so a one-use code makes exactly one
 * clerk or admin; the same person joining again with the code they spent answers who they are.
 */
async function joinWithRole(ctx: Ctx & { openid: string }, kind: RoleInvite, name: string, code: string): Promise<void> {
  const { db, openid } = ctx
  const now = ctx.now()
  await transaction(db, async (tx) => {
    const invite = ((await tx.collection('invites').doc(code).get()).data ?? null) as InviteRecord | null
    const user = ((await tx.collection('users').doc(openid).get()).data ?? null) as UserRecord | null
    const grant = invite && !invite.revoked ? kind.grant(invite) : null
    if (!invite || !grant) throw new DomainError('INVITE.INVALID', '邀请码不对，请核对后再输入')
    const roles = user?.roles ?? []
    if (user && user.communityId && user.communityId !== invite.communityId) throw new DomainError('USER.ALREADY_JOINED')
    if (roles.some((r) => r.role === grant.role && r.nodeId === grant.nodeId)) return
    if (invite.expiresAt <= now.toISOString()) throw new DomainError('INVITE.INVALID', kind.expired)
    if (invite.uses >= invite.maxUses) throw new DomainError('INVITE.INVALID', kind.usedUp)
    const gone = await kind.nodeGone(tx, grant.nodeId)
    if (gone) throw new DomainError('INVITE.INVALID', gone)
    if (user) await tx.collection('users').doc(openid).update({ ...kind.extra(grant.nodeId), roles: [...roles, grant] })
    else await tx.collection('users').doc(openid).set({ name, communityId: invite.communityId, residentId: null, ...kind.extra(grant.nodeId), roles: [grant], createdAt: now })
    await tx.collection('invites').doc(invite._id).update({ uses: invite.uses + 1, usedBy: openid })
  })
}
