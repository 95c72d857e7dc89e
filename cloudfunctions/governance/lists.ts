/**
 * 红黑榜. The grid worker proposes, the admin confirms (an admin's own proposal is confirmed at once).
 * A black-list entry deducts its points (at most what each account holds) and suspends the resident — or every
 * member of the household — from exchanging and from rankings for the community's suspension months; it ends by
 * itself. A red-list entry records an honour, with an optional bonus.
 */
import { DomainError } from '../../src/core/errors'
import type { Listing } from '../../src/core/governance'
import { confirmInput, listsInput, proposeInput } from '../../src/core/governance.schema'
import { firstListingStatus, listingStatusAt, nextListingStatus } from '../../src/core/listings'
import { fromTenths, toTenths } from '../../src/core/points'
import { type Viewer, nameFor, viewerOf } from '../../src/core/visibility'
import { transaction } from '../_shared/cloud'
import { communityOf, isAdminOf } from '../_shared/community'
import { action } from '../_shared/handler'
import { derivedId } from '../_shared/ids'
import { type ListingRecord, addMonths, applyListing } from '../_shared/listings'
import { getNode, type ResidentRecord } from '../_shared/org'
import { enqueue, send } from '../_shared/outbox'
import { actsFor, holdersOf } from '../_shared/people'
import { admit, screen } from '../_shared/screening'
import { readSettings } from '../_shared/settings'

/**
 * A listing as `viewer` sees it: the person's or household's name by the one rule (src/core/visibility); who proposed
 * it and when only for the officials who handle proposals (`official`: grid workers and the admin).
 */
export const toListing = (r: ListingRecord, viewer: Viewer, official: boolean, now: string): Listing => ({
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
  points: fromTenths(r.pointsTenths),
  status: listingStatusAt(r, now),
  courtyard: r.courtyardName,
  ...(r.from ? { from: r.from } : {}),
  ...(r.until ? { until: r.until } : {}),
  ...(official ? { proposedBy: r.proposedByName, proposedAt: r.proposedAt } : {}),
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
    const saved = await transaction(ctx.db, async (tx) => {
      const again = ((await tx.collection('listings').doc(id).get()).data ?? null) as ListingRecord | null
      if (again) return again
      const { _id, ...fields } = record
      await tx.collection('listings').doc(_id).set(fields)
      return record
    })
    if (saved === record && saved.status === 'confirmed') await applyListing(ctx, saved, now)
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
    ctx.audit({ target: { type: 'listing', id: saved._id }, after: { list: saved.list, name: saved.name, status: saved.status, points: fromTenths(saved.pointsTenths) } })
    return { listing: toListing(saved, viewerOf(ctx), true, now.toISOString()) }
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
    const settings = await readSettings(ctx.db, communityId)
    const saved = await transaction(ctx.db, async (tx) => {
      const current = ((await tx.collection('listings').doc(input.listingId).get()).data ?? null) as ListingRecord | null
      if (!current || current.communityId !== communityId) throw new DomainError('NOT_FOUND', '没有找到这条提名')
      // The listing table refuses one handled already (INPUT.INVALID).
      const status = nextListingStatus(current.status, input.decision)
      const changes =
        status === 'confirmed'
          ? { status, confirmedBy: ctx.openid, confirmedAt: now.toISOString(), from: now.toISOString(), ...(current.list === 'black' ? { until: addMonths(now, settings.suspensionMonths).toISOString() } : {}) }
          : { status, confirmedBy: ctx.openid, confirmedAt: now.toISOString() }
      await tx.collection('listings').doc(current._id).update(changes)
      return { ...current, ...changes } as ListingRecord
    })
    if (saved.status === 'confirmed') await applyListing(ctx, saved, now)
    ctx.audit({ target: { type: 'listing', id: saved._id }, before: { status: 'proposed' }, after: { status: saved.status, until: saved.until } })
    return { listing: toListing(saved, viewerOf(ctx), true, now.toISOString()) }
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
    return { items: shown.map((r) => toListing(r, viewer, official, iso)) }
  },
})
