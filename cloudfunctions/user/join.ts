import { DomainError } from '../../src/core/errors'
import { joinInput } from '../../src/core/invites'
import type { Me } from '../../src/core/user'
import { transaction } from '../_shared/cloud'
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
      await (clerkInvite.role === 'admin' ? joinAsAdmin : joinAsClerk)(ctx, input.name, input.inviteCode)
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

/**
 * A clerk's invite: one transaction spends the code and makes the user a clerk of its merchant — a new user, or one
 * of the same community who already lives here (a shopkeeper can be a resident too). Joining again with the code
 * already spent by this same person answers who they are.
 */
async function joinAsClerk(ctx: Ctx & { openid: string }, name: string, code: string): Promise<void> {
  const { db, openid } = ctx
  const now = ctx.now()
  await transaction(db, async (tx) => {
    const invite = ((await tx.collection('invites').doc(code).get()).data ?? null) as InviteRecord | null
    const user = ((await tx.collection('users').doc(openid).get()).data ?? null) as UserRecord | null
    if (!invite?.merchantId || invite.revoked) throw new DomainError('INVITE.INVALID', '邀请码不对，请核对后再输入')
    const roles = user?.roles ?? []
    if (user && user.communityId && user.communityId !== invite.communityId) throw new DomainError('USER.ALREADY_JOINED')
    if (roles.some((r) => r.role === 'merchant' && r.nodeId === invite.merchantId)) return
    if (invite.expiresAt <= now.toISOString()) throw new DomainError('INVITE.INVALID', '邀请码已过期，请向社区要一个新的')
    if (invite.uses >= invite.maxUses) throw new DomainError('INVITE.INVALID', '邀请码已用完，请向社区要一个新的')
    const merchant = ((await tx.collection('merchants').doc(invite.merchantId).get()).data ?? null) as { status: string } | null
    if (!merchant || merchant.status !== 'active') throw new DomainError('INVITE.INVALID', '这个商家已暂停或不存在，请联系社区')
    const clerk = { role: 'merchant' as const, nodeId: invite.merchantId }
    if (user) await tx.collection('users').doc(openid).update({ merchantId: invite.merchantId, roles: [...roles, clerk] })
    else await tx.collection('users').doc(openid).set({ name, communityId: invite.communityId, residentId: null, merchantId: invite.merchantId, roles: [clerk], createdAt: now })
    await tx.collection('invites').doc(invite._id).update({ uses: invite.uses + 1, usedBy: openid })
  })
}

/**
 * The admin's invite that `npm run setup` prints: the first person to use it becomes the admin (工作小组) of its
 * community, with no home there (residentId null). One transaction spends the code, so only one person ever does;
 * the same person joining again with it answers who they are.
 */
async function joinAsAdmin(ctx: Ctx & { openid: string }, name: string, code: string): Promise<void> {
  const { db, openid } = ctx
  const now = ctx.now()
  await transaction(db, async (tx) => {
    const invite = ((await tx.collection('invites').doc(code).get()).data ?? null) as InviteRecord | null
    const user = ((await tx.collection('users').doc(openid).get()).data ?? null) as UserRecord | null
    if (invite?.role !== 'admin' || invite.revoked) throw new DomainError('INVITE.INVALID', '邀请码不对，请核对后再输入')
    const roles = user?.roles ?? []
    if (user && user.communityId && user.communityId !== invite.communityId) throw new DomainError('USER.ALREADY_JOINED')
    if (roles.some((r) => r.role === 'admin' && r.nodeId === invite.communityId)) return
    if (invite.expiresAt <= now.toISOString()) throw new DomainError('INVITE.INVALID', '管理员邀请码已过期（7 天内有效），请联系为社区开通的人员')
    if (invite.uses >= invite.maxUses) throw new DomainError('INVITE.INVALID', '这个管理员邀请码已经有人用过了，请向社区的管理员要邀请')
    const community = ((await tx.collection('orgNodes').doc(invite.communityId).get()).data ?? null) as OrgNodeRecord | null
    if (community?.type !== 'community') throw new DomainError('INVITE.INVALID', '邀请码对应的社区已不存在')
    const admin = { role: 'admin' as const, nodeId: invite.communityId }
    if (user) await tx.collection('users').doc(openid).update({ roles: [...roles, admin] })
    else await tx.collection('users').doc(openid).set({ name, communityId: invite.communityId, residentId: null, roles: [admin], createdAt: now })
    await tx.collection('invites').doc(invite._id).update({ uses: invite.uses + 1, usedBy: openid })
  })
}
