/**
 * 红黑榜. The grid worker proposes, the admin confirms (an admin's own proposal is confirmed at once).
 * A black-list entry deducts its points (at most what each account holds) and suspends the resident — or every
 * member of the household — from exchanging and from rankings for the community's suspension months; it ends by
 * itself. A red-list entry records an honour, with an optional bonus.
 */
import { DomainError } from '../../src/core/errors'
import type { Listing } from '../../src/core/governance'
import { confirmInput, listsInput, proposeInput, revokeListingInput } from '../../src/core/governance.schema'
import { firstListingStatus, listingStatusAt, nextListingStatus } from '../../src/core/listings'
import { fromTenths, toTenths } from '../../src/core/points'
import { type Viewer, nameFor, viewerOf } from '../../src/core/visibility'
import { transaction } from '../_shared/cloud'
import { administeredCommunity, communityOf, isAdminOf } from '../_shared/community'
import { action } from '../_shared/handler'
import { derivedId } from '../_shared/ids'
import { type ListingRecord, addMonths, afterCommit, appliedOf, blackListingsInForce, carryOut, concernedOf, undo } from '../_shared/listings'
import { getNode, type ResidentRecord } from '../_shared/org'
import { enqueue, send } from '../_shared/outbox'
import { actsFor, holdersOf } from '../_shared/people'
import { admit, screen } from '../_shared/screening'
import { readSettings } from '../_shared/settings'

/**
 * A listing as `viewer` sees it: the person's or household's name by the one rule (src/core/visibility); who proposed
 * it and when only for the officials who handle proposals (`official`: grid workers and the admin). `points` is what its
 * ledger entries actually moved (`applied`, tenths), `asked` what was proposed.
 */
export const toListing = (r: ListingRecord, viewer: Viewer, official: boolean, now: string, applied: number): Listing => ({
  id: r._id,
  list: r.list,
  name: nameFor(
    viewer,
    r.target === 'household'
      ? { kind: 'household', name: r.name, communityId: r.communityId, gridId: r.gridId, courtyardId: r.courtyardId, householdId: r.householdId }
      : { kind: 'person', name: r.name, communityId: r.communityId, gridId: r.gridId, courtyardId: r.courtyardId, residentId: r.residentId },
  ),
  target: r.target,
  reason: r.reason,
  // What the ledger moved (appliedOf): 0 for a proposal, and for a deduction from someone who had less than asked.
  points: fromTenths(applied),
  asked: fromTenths(r.pointsTenths),
  status: listingStatusAt(r, now),
  courtyard: r.courtyardName,
  ...(r.from ? { from: r.from } : {}),
  ...(r.until ? { until: r.until } : {}),
  ...(official ? { proposedBy: r.proposedByName, proposedAt: r.proposedAt } : {}),
  ...(r.revokedAt ? { revokedAt: r.revokedAt, revokeReason: r.revokeReason ?? '' } : {}),
})

/** 提名 by the grid worker (of the resident's grid) or the admin; the admin's is confirmed at once. */
export const propose = action({
  input: proposeInput,
  access: ['grid', 'admin'],
  audit: true,
  handler: async ({ ctx, input }) => {
    const communityId = communityOf(ctx)
    const admin = isAdminOf(ctx, communityId)
    // The reason is published with the name: screened beside the reads below.
    const screening = screen(ctx.openid, 'comment', { texts: { 上榜理由: input.reason } }, ctx.now())
    let residents: ResidentRecord[]
    let name: string
    let householdId: string
    if (input.residentId) {
      const r = ((await ctx.db.collection('residents').doc(input.residentId).get()).data as ResidentRecord[])[0]
      if (!r || r.communityId !== communityId) throw new DomainError('NOT_FOUND', '没有找到这位居民')
      residents = [r]
      name = r.name
      householdId = r.householdId
    } else {
      const household = await getNode(ctx.db, input.householdId!)
      if (!household || household.communityId !== communityId || household.type !== 'household') throw new DomainError('NOT_FOUND', '没有找到这户人家')
      residents = (await ctx.db.collection('residents').where({ householdId: household._id }).limit(50).get()).data as ResidentRecord[]
      if (residents.length === 0) throw new DomainError('INPUT.INVALID', '这户人家还没有登记居民')
      name = household.name
      householdId = household._id
    }
    const first = residents[0]
    if (!admin && !actsFor(ctx, first, ['grid'])) throw new DomainError('AUTH.FORBIDDEN', '只能提名本网格的居民')
    const now = ctx.now()
    const settings = await readSettings(ctx.db, communityId)
    const [courtyard, screened] = await Promise.all([getNode(ctx.db, first.courtyardId), screening])
    const screeningRecord = admit(screened)
    const id = derivedId('ls', ctx.openid, input.requestId)
    const black = input.list === 'black'
    const record: ListingRecord = {
      _id: id,
      communityId,
      list: input.list,
      target: input.residentId ? 'resident' : 'household',
      ...(input.residentId ? { residentId: input.residentId } : {}),
      householdId,
      residentIds: residents.map((r) => r._id),
      name,
      courtyardId: first.courtyardId,
      courtyardName: courtyard?.name ?? '',
      gridId: first.gridId,
      reason: input.reason,
      pointsTenths: toTenths(input.points ?? 0),
      status: firstListingStatus(admin ? 'admin' : 'grid'),
      proposedBy: ctx.openid,
      proposedByName: ctx.user.name,
      proposedAt: now.toISOString(),
      ...(admin ? { confirmedBy: ctx.openid, confirmedAt: now.toISOString(), from: now.toISOString(), ...(black ? { until: addMonths(now, settings.suspensionMonths).toISOString() } : {}) } : {}),
      ...(screeningRecord ? { screening: screeningRecord } : {}),
    }
    // The admin's is carried out in the same transaction that writes it: never confirmed without its effects.
    const concerned = record.status === 'confirmed' ? await concernedOf(ctx.db, record) : null
    const by = { openid: ctx.openid, name: ctx.user.name }
    const { saved, done } = await transaction(ctx.db, async (tx) => {
      const again = ((await tx.collection('listings').doc(id).get()).data ?? null) as ListingRecord | null
      if (again) return { saved: again, done: null }
      const { _id, ...fields } = record
      await tx.collection('listings').doc(_id).set(fields)
      return { saved: record, done: concerned ? await carryOut(tx, record, concerned.people, concerned.settings, now, by) : null }
    })
    if (done) await afterCommit(ctx.db, done)
    if (saved === record && saved.status === 'proposed') {
      const admins = await holdersOf(ctx.db, 'admin', communityId)
      const ids = await enqueue(
        ctx.db,
        admins.map((a) => ({
          to: a._id,
          kind: 'listing_proposed' as const,
          title: `${black ? '黑榜' : '红榜'}提名：${name}`,
          body: input.reason.slice(0, 20),
          page: 'pages-governance/lists/index',
          fields: { person: name, list: black ? '黑榜' : '红榜', reason: input.reason },
        })),
        now,
      )
      await send(ctx.db, ids)
    }
    const applied = done ? done.appliedTenths : (await appliedOf(ctx.db, [saved._id])).get(saved._id)!
    ctx.audit({ target: { type: 'listing', id: saved._id }, after: { list: saved.list, name: saved.name, status: saved.status, points: fromTenths(applied), asked: fromTenths(saved.pointsTenths) } })
    return { listing: toListing(saved, viewerOf(ctx), true, now.toISOString(), applied) }
  },
})

/** 确认 (admin): a proposal is confirmed (carried out from now) or rejected. */
export const confirm = action({
  input: confirmInput,
  access: ['admin'],
  audit: true,
  handler: async ({ ctx, input }) => {
    const communityId = communityOf(ctx)
    if (!isAdminOf(ctx, communityId)) throw new DomainError('AUTH.FORBIDDEN')
    const now = ctx.now()
    const seen = ((await ctx.db.collection('listings').doc(input.listingId).get()).data as ListingRecord[])[0]
    if (!seen || seen.communityId !== communityId) throw new DomainError('NOT_FOUND', '没有找到这条提名')
    const { people, settings } = await concernedOf(ctx.db, seen)
    const by = { openid: ctx.openid, name: ctx.user.name }
    // The confirmation and what it does (deductions, suspensions, notices) are one transaction: never half done.
    const { saved, done } = await transaction(ctx.db, async (tx) => {
      const current = ((await tx.collection('listings').doc(input.listingId).get()).data ?? null) as ListingRecord | null
      if (!current || current.communityId !== communityId) throw new DomainError('NOT_FOUND', '没有找到这条提名')
      // The listing table refuses one handled already (INPUT.INVALID).
      const status = nextListingStatus(current.status, input.decision)
      const changes =
        status === 'confirmed'
          ? { status, confirmedBy: ctx.openid, confirmedAt: now.toISOString(), from: now.toISOString(), ...(current.list === 'black' ? { until: addMonths(now, settings.suspensionMonths).toISOString() } : {}) }
          : { status, confirmedBy: ctx.openid, confirmedAt: now.toISOString() }
      await tx.collection('listings').doc(current._id).update(changes)
      const saved = { ...current, ...changes } as ListingRecord
      return { saved, done: status === 'confirmed' ? await carryOut(tx, saved, people, settings, now, by) : null }
    })
    if (done) await afterCommit(ctx.db, done)
    ctx.audit({ target: { type: 'listing', id: saved._id }, before: { status: 'proposed' }, after: { status: saved.status, until: saved.until, ...(done ? { points: fromTenths(done.appliedTenths) } : {}) } })
    return { listing: toListing(saved, viewerOf(ctx), true, now.toISOString(), done?.appliedTenths ?? 0) }
  },
})

/**
 * The lists as the community sees them: confirmed entries (black ones while their suspension lasts, with reason and
 * end date; red ones of the last year), names as src/core/visibility says. The admin and grid workers with `status:
 * 'proposed'` see the proposals waiting.
 */
export const lists = action({
  input: listsInput,
  access: 'member',
  handler: async ({ ctx, input }) => {
    const communityId = communityOf(ctx)
    const official = ctx.roles.some((r) => r.role === 'admin' || r.role === 'grid')
    const status = input.status ?? 'confirmed'
    if (status === 'proposed' && !official) throw new DomainError('AUTH.FORBIDDEN', '只有网格员和工作小组可以查看提名')
    const where: Record<string, unknown> = { communityId, status }
    if (input.list) where.list = input.list
    const rows = (await ctx.db.collection('listings').where(where).orderBy('proposedAt', 'desc').limit(200).get()).data as ListingRecord[]
    const now = ctx.now()
    const iso = now.toISOString()
    const yearAgo = addMonths(now, -12).toISOString()
    const shown = status === 'proposed' ? rows : rows.filter((r) => (r.list === 'black' ? (r.until ?? '') > iso : (r.from ?? '') > yearAgo))
    const viewer = viewerOf(ctx)
    const applied = await appliedOf(ctx.db, shown.filter((r) => r.status !== 'proposed').map((r) => r._id))
    return { items: shown.map((r) => toListing(r, viewer, official, iso, applied.get(r._id) ?? 0)) }
  },
})

/**
 * 撤销 (admin, with a reason): a confirmed listing (or one whose suspension has ended) is undone at once — what it
 * deducted is returned (a red one's bonus taken back), the suspension ends, each person concerned is told — all in the
 * transaction that marks it revoked.
 */
export const revokeListing = action({
  input: revokeListingInput,
  access: ['admin'],
  audit: true,
  handler: async ({ ctx, input }) => {
    const communityId = administeredCommunity(ctx)
    const now = ctx.now()
    const seen = ((await ctx.db.collection('listings').doc(input.listingId).get()).data as ListingRecord[])[0]
    if (!seen || seen.communityId !== communityId) throw new DomainError('NOT_FOUND', '没有找到这条红黑榜记录')
    const [{ people, settings }, others] = await Promise.all([concernedOf(ctx.db, seen), blackListingsInForce(ctx.db, communityId, now)])
    const by = { openid: ctx.openid, name: ctx.user.name }
    const { saved, done, before } = await transaction(ctx.db, async (tx) => {
      const current = ((await tx.collection('listings').doc(input.listingId).get()).data ?? null) as ListingRecord | null
      if (!current || current.communityId !== communityId) throw new DomainError('NOT_FOUND', '没有找到这条红黑榜记录')
      // The listing table refuses one not in force or revoked already (INPUT.INVALID).
      const status = nextListingStatus(current.status, 'revoke')
      const changes = { status, revokedBy: ctx.openid, revokedByName: ctx.user.name, revokedAt: now.toISOString(), revokeReason: input.reason }
      await tx.collection('listings').doc(current._id).update(changes)
      const saved = { ...current, ...changes } as ListingRecord
      return { saved, before: current.status, done: await undo(tx, saved, people, others, settings, now, by, input.reason) }
    })
    await afterCommit(ctx.db, done)
    const applied = (await appliedOf(ctx.db, [saved._id])).get(saved._id)!
    ctx.audit({ target: { type: 'listing', id: saved._id }, before: { status: before }, after: { status: saved.status, reason: input.reason, returned: fromTenths(done.returnedTenths) } })
    return { listing: toListing(saved, viewerOf(ctx), true, now.toISOString(), applied), returned: fromTenths(done.returnedTenths) }
  },
})
