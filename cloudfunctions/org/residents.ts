/**
 * 迁户 and 登记搬走: tenants of a 散户区 change often, and the admin keeps the tree true without losing anyone's points.
 *
 * 迁户 (org.moveResident) changes where a resident stands — household, courtyard, grid — and nothing of what happened:
 *  - the ledger is history: each entry keeps the placement it was posted with, so past months, publicity and the old
 *    courtyard's scores stay as they were; from now on their entries carry the new place;
 *  - their own account (`res:<id>`) carries a copy of where they stand (`placement`, read by an exchange instead of
 *    another read): it follows them, in the same transaction; its balance, pending points and limit counts are theirs
 *    and go with them;
 *  - with the household wallet on, the points are the family's: what is in the old household's wallet stays with that
 *    household (nothing is moved, nothing is made); the mover earns into and spends from the new household's wallet;
 *  - their account (`users`, keyed by openid) keeps a copy of their household: it follows too, so their next request
 *    acts from the new place (a claim they file goes to the new courtyard's 院长; they may review the old one's again);
 *  - claims already filed stay where they were filed: the old courtyard's 院长 and the grid worker finish them (with
 *    the household wallet on, an approval pays the household the claim was filed from, as a correction of an old entry
 *    does). Their roles stay as they are: taking 院长 from someone who moved is the admin's own decision (撤销).
 * All of it in one transaction; the move is kept on the resident (`moves`), and its requestId makes a retry a no-op.
 *
 * 登记搬走 (org.removeResident) marks a resident `moved`, with when and why. It reuses what 注销 does (deletion.ts), minus
 * the anonymising: their WeChat account is unlinked (the `users` record removed — or, for a shop clerk, kept as a
 * clerk only), so they are no longer a member here and hold none of this place's roles; `residentInCommunity` refuses
 * to act for them (代申报, adjustments, roles); the tree (and so the 代申报 lists) leaves them out, and they earn
 * nothing more, so they drop out of the rankings of the periods to come. Their unused vouchers are returned, points
 * refunded, as the owner's own cancel does (they can no longer show the code). Their ledger, claims and history stay:
 * past publicity still shows their entries, and claims still under review are finished by their reviewers.
 */
import { DomainError } from '../../src/core/errors'
import { moveResidentInput, removeResidentInput } from '../../src/core/org.schema'
import { readAll, transaction } from '../_shared/cloud'
import { administeredCommunity } from '../_shared/community'
import { closeVoucher } from '../_shared/exchange'
import { action, type UserRecord } from '../_shared/handler'
import { type Placement, readAccount, residentAccountId, writeAccount } from '../_shared/ledger'
import { getNode, type OrgNodeRecord, type ResidentMove, type ResidentRecord } from '../_shared/org'
import { getResident, residentInCommunity } from '../_shared/people'
import type { VoucherRecord } from '../_shared/vouchers'

/** A resident as these actions answer: who, where now, and whether they moved away. */
export interface ResidentView {
  id: string
  name: string
  gridId: string
  courtyardId: string
  householdId: string
  status: 'active' | 'moved'
  movedAt?: string
  movedReason?: string
}

const view = (r: ResidentRecord): ResidentView => ({
  id: r._id,
  name: r.name,
  gridId: r.gridId,
  courtyardId: r.courtyardId,
  householdId: r.householdId,
  status: r.status === 'moved' ? 'moved' : 'active',
  ...(r.movedAt ? { movedAt: r.movedAt } : {}),
  ...(r.movedReason ? { movedReason: r.movedReason } : {}),
})

const placeOf = (r: Pick<ResidentRecord, 'gridId' | 'courtyardId' | 'householdId'>) => ({ gridId: r.gridId, courtyardId: r.courtyardId, householdId: r.householdId })

/** 迁到别的户 (工作小组): the resident's household, courtyard and grid become the target household's. */
export const moveResident = action({
  input: moveResidentInput,
  access: ['admin'],
  audit: true,
  handler: async ({ ctx, input }): Promise<{ resident: ResidentView }> => {
    const communityId = administeredCommunity(ctx)
    const seen = await residentInCommunity(ctx, input.residentId)
    const household = await getNode(ctx.db, input.householdId)
    if (!household || household.type !== 'household' || household.communityId !== communityId) throw new DomainError('NOT_FOUND', '没有找到要迁入的户')
    // A household's path: community, grid, courtyard, itself.
    const [, gridId, courtyardId] = household.path
    const courtyard = await getNode(ctx.db, courtyardId)
    if (!gridId || !courtyard) throw new DomainError('NOT_FOUND', '要迁入的户不在任何院落里')
    const to = { gridId, courtyardId, householdId: household._id }
    const now = ctx.now()
    const at = now.toISOString()

    const outcome = await transaction(ctx.db, async (tx) => {
      const current = ((await tx.collection('residents').doc(seen._id).get()).data ?? null) as ResidentRecord | null
      if (!current || current.status) throw new DomainError('NOT_FOUND', '这位居民已经搬走或注销，不能再迁户')
      // Already there, or this very request moved them before (a retry): nothing changes.
      if (current.householdId === household._id || (current.moves ?? []).some((m) => m.requestId === input.requestId)) return { resident: current, moved: false }
      const move: ResidentMove = { requestId: input.requestId, at, by: ctx.openid, byName: ctx.user.name, from: placeOf(current), to }
      const moves = [...(current.moves ?? []), move]
      await tx.collection('residents').doc(current._id).update({ ...to, moves, updatedAt: at })
      // Their own account's copy of where they stand (an exchange reads it); the balance stays theirs.
      const accountId = residentAccountId(current._id)
      const account = await readAccount(tx, accountId)
      if (account) await writeAccount(tx, accountId, account, { placement: placementAt(current, household, courtyard), updatedAt: at })
      // Their WeChat account's copy of their household: their next request acts from the new place.
      if (current.openid) {
        const user = ((await tx.collection('users').doc(current.openid).get()).data ?? null) as UserRecord | null
        if (user && user.residentId === current._id) await tx.collection('users').doc(current.openid).update({ householdId: household._id })
      }
      return { resident: { ...current, ...to, moves }, moved: true }
    })

    if (outcome.moved) ctx.audit({ target: { type: 'resident', id: seen._id }, before: placeOf(seen), after: to })
    return { resident: view(outcome.resident) }
  },
})

/** Where a resident stands in a household, with the names a posting copies. */
function placementAt(resident: ResidentRecord, household: OrgNodeRecord, courtyard: OrgNodeRecord): Placement {
  return {
    communityId: resident.communityId,
    gridId: household.path[1],
    courtyardId: courtyard._id,
    householdId: household._id,
    residentId: resident._id,
    residentName: resident.name,
    courtyardName: courtyard.name,
    householdName: household.name,
  }
}

/** 登记搬走 (工作小组; never oneself): the resident is marked moved away, their account unlinked, their unused vouchers returned. */
export const removeResident = action({
  input: removeResidentInput,
  access: ['admin'],
  audit: true,
  handler: async ({ ctx, input }): Promise<{ resident: ResidentView; vouchersCancelled: number }> => {
    const communityId = administeredCommunity(ctx)
    if (ctx.user.residentId === input.residentId) throw new DomainError('AUTH.FORBIDDEN', '不能给自己登记搬走，请另一位工作小组成员办理')
    const seen = await getResident(ctx.db, input.residentId)
    if (!seen || seen.communityId !== communityId || seen.status === 'deleted') throw new DomainError('NOT_FOUND', '没有找到这位居民')
    if (seen.status === 'moved') return alreadyMoved(seen, input.requestId)
    const vouchers = await readAll<VoucherRecord>(ctx.db, 'vouchers', { residentId: seen._id, status: 'issued' })
    const now = ctx.now()
    const at = now.toISOString()

    const outcome = await transaction(ctx.db, async (tx) => {
      const current = ((await tx.collection('residents').doc(seen._id).get()).data ?? null) as (ResidentRecord & { movedRequestId?: string }) | null
      if (!current || current.status === 'deleted') throw new DomainError('NOT_FOUND', '没有找到这位居民')
      if (current.status === 'moved') return { resident: current, cancelled: -1 }
      // Unused vouchers go back, points refunded and stock restored: the cancel path (they can no longer show the code).
      for (const v of vouchers) await closeVoucher(tx, v._id, { event: 'cancel', refund: true, by: ctx.openid, byName: ctx.user.name, at: now })
      const changes = { status: 'moved' as const, movedAt: at, movedReason: input.reason, movedBy: ctx.openid, movedRequestId: input.requestId, updatedAt: at }
      await tx.collection('residents').doc(current._id).update(changes)
      // Their WeChat account is no longer a member here (as 注销 does), and holds none of this place's roles; a shop
      // clerk stays a clerk of the shop (their role is the shop's, not the place's), with no home here.
      if (current.openid) {
        const user = ((await tx.collection('users').doc(current.openid).get()).data ?? null) as UserRecord | null
        if (user && user.residentId === current._id) {
          const clerk = (user.roles ?? []).filter((r) => r.role === 'merchant')
          if (clerk.length) await tx.collection('users').doc(current.openid).update({ residentId: null, householdId: null, roles: clerk })
          else await tx.collection('users').doc(current.openid).remove()
        }
      }
      return { resident: { ...current, ...changes }, cancelled: vouchers.length }
    })

    if (outcome.cancelled < 0) return alreadyMoved(outcome.resident, input.requestId)
    ctx.audit({ target: { type: 'resident', id: seen._id }, before: { status: 'active' }, after: { status: 'moved', reason: input.reason, vouchersCancelled: outcome.cancelled } })
    return { resident: view(outcome.resident), vouchersCancelled: outcome.cancelled }
  },
})

/** A retry of the same request answers what it did; another request for one who already moved away is refused. */
function alreadyMoved(resident: ResidentRecord & { movedRequestId?: string }, requestId: string): { resident: ResidentView; vouchersCancelled: number } {
  if (resident.movedRequestId !== requestId) throw new DomainError('INPUT.INVALID', '这位居民已经登记搬走了')
  return { resident: view(resident), vouchersCancelled: 0 }
}
