/**
 * 红黑榜. The grid worker proposes, the admin confirms (an admin's own proposal is confirmed at once).
 * A black-list entry deducts its points (at most what each account holds) and suspends the resident — or every
 * member of the household — from exchanging and from rankings for the community's suspension months; it ends by
 * itself. A red-list entry records an honour, with an optional bonus.
 */
import { z } from 'zod'
import { DomainError } from '../../src/core/errors'
import { LISTS, type Listing, type ListingStatus, type Settings, proposeInput } from '../../src/core/governance'
import { inZone, monthKey } from '../../src/core/period'
import type { ScreeningRecord } from '../../src/core/screening'
import { fromTenths, toTenths } from '../../src/core/points'
import { type Viewer, nameFor, viewerOf } from '../../src/core/visibility'
import { type Db, transaction } from '../_shared/cloud'
import { communityOf, isAdminOf } from '../_shared/community'
import { action, type MemberCtx } from '../_shared/handler'
import { derivedId } from '../_shared/ids'
import { postEntry, projectEntry, readAccount, residentAccountId, walletOf } from '../_shared/ledger'
import { getNode, type ResidentRecord } from '../_shared/org'
import { enqueue, send } from '../_shared/outbox'
import { actsFor, holdersOf, placementOf } from '../_shared/people'
import { admit, screen } from '../_shared/screening'
import { readSettings } from '../_shared/settings'

export interface ListingRecord {
  _id: string
  communityId: string
  list: 'black' | 'red'
  target: 'resident' | 'household'
  residentId?: string
  householdId: string
  /** Everyone it concerns: the resident, or each member of the household. */
  residentIds: string[]
  name: string
  courtyardId: string
  courtyardName: string
  gridId: string
  reason: string
  pointsTenths: number
  status: ListingStatus
  proposedBy: string
  proposedByName: string
  proposedAt: string
  confirmedBy?: string
  confirmedAt?: string
  from?: string
  until?: string
  /** The reason went through unchecked by the platform (see core/screening). */
  screening?: ScreeningRecord
}

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
  status: r.status === 'confirmed' && r.until && r.until <= now ? 'expired' : r.status,
  courtyard: r.courtyardName,
  ...(r.from ? { from: r.from } : {}),
  ...(r.until ? { until: r.until } : {}),
  ...(official ? { proposedBy: r.proposedByName, proposedAt: r.proposedAt } : {}),
})

/** The months after `from`, the same day (a suspension of 3 months from 11-29 ends 02-28 or 03-01 as the calendar has it). */
export function addMonths(from: Date, months: number): Date {
  const d = new Date(from.getTime())
  d.setUTCMonth(d.getUTCMonth() + months)
  return d
}

/**
 * Carries out a confirmed listing for one resident, once (its entry key names the listing and the resident):
 * a black one deducts (at most what the account holds) and suspends; a red one awards its bonus.
 */
async function applyTo(db: Db, listing: ListingRecord, resident: ResidentRecord, at: Date, by: { openid: string; name: string }, settings: Settings, withPoints: boolean): Promise<string | null> {
  const placement = await placementOf(db, resident)
  const accountId = walletOf(placement, settings.householdWallet)
  const key = `listing:${listing._id}:${resident._id}`
  return transaction(db, async (tx) => {
    let entryId: string | null = null
    const done = (await tx.collection('ledger').doc(key).get()).data
    if (!done && withPoints && listing.pointsTenths > 0) {
      const account = await readAccount(tx, accountId)
      const black = listing.list === 'black'
      const entry = await postEntry(
        tx,
        { key, accountId, delta: black ? -listing.pointsTenths : listing.pointsTenths, kind: black ? 'deduction' : 'credit', source: { type: 'listing', id: listing._id }, operator: by.openid, operatorName: by.name, note: `${black ? '黑榜' : '红榜'}：${listing.reason}` },
        placement,
        at,
        { account, clampAtZero: black, ...(!black && settings.settlement === 'monthly' ? { pendingMonth: monthKey(at) } : {}) },
      )
      entryId = entry._id
    }
    if (listing.list === 'black' && listing.until) {
      // The suspension lives on the resident's own account, which every exchange reads (a read here sees this
      // transaction's own write above, when that was the same account).
      const own = residentAccountId(resident._id)
      const current = await readAccount(tx, own)
      const fresh = { balanceTenths: 0, pendingTenths: 0, kind: 'resident', communityId: listing.communityId, ownerId: resident._id }
      const { _id: _ignored, ...kept } = current ?? { _id: own, ...fresh }
      const until = current?.suspendedUntil && current.suspendedUntil > listing.until ? current.suspendedUntil : listing.until
      await tx.collection('accounts').doc(own).set({ ...kept, suspendedUntil: until, updatedAt: at.toISOString() })
      // And on the resident, so that user.me (every page's first call) can say so without another read.
      await tx.collection('residents').doc(resident._id).update({ suspendedUntil: until })
    }
    return entryId
  })
}

/** Carries a confirmed listing out for everyone it concerns; with the household wallet, a household's points move once. */
async function apply(ctx: MemberCtx, listing: ListingRecord, at: Date): Promise<void> {
  const settings = await readSettings(ctx.db, listing.communityId)
  const told: string[] = []
  for (const [i, residentId] of listing.residentIds.entries()) {
    const resident = ((await ctx.db.collection('residents').doc(residentId).get()).data as ResidentRecord[])[0]
    if (!resident) continue
    const withPoints = !settings.householdWallet || i === 0
    const entryId = await applyTo(ctx.db, listing, resident, at, { openid: ctx.openid, name: ctx.user.name }, settings, withPoints)
    if (entryId) await projectEntry(ctx.db, entryId)
    if (resident.openid) told.push(resident.openid)
  }
  // Each person it concerns is told (someone without a phone has no WeChat to tell).
  const black = listing.list === 'black'
  const name = black ? '黑榜' : '红榜'
  const points = listing.pointsTenths > 0 ? `${black ? '扣' : '加'} ${fromTenths(listing.pointsTenths)} 分` : ''
  const until = black && listing.until ? `暂停兑换到 ${inZone(listing.until).format('YYYY年M月D日')}` : ''
  const ids = await enqueue(
    ctx.db,
    told.map((openid) => ({
      to: openid,
      kind: 'listing' as const,
      title: `您被列入${name}`,
      body: [listing.reason, points, until].filter(Boolean).join('；').slice(0, 60),
      page: 'pages-governance/lists/index',
      fields: { list: name, reason: listing.reason, points, ...(listing.until && black ? { until: listing.until } : {}) },
    })),
    at,
  )
  await send(ctx.db, ids)
}

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
      status: admin ? 'confirmed' : 'proposed',
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
    if (saved === record && saved.status === 'confirmed') await apply(ctx, saved, now)
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
  input: z.object({ listingId: z.string().min(1).max(64), decision: z.enum(['confirm', 'reject']) }),
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
      if (current.status !== 'proposed') throw new DomainError('INPUT.INVALID', '这条提名已经处理过了')
      const changes =
        input.decision === 'confirm'
          ? { status: 'confirmed' as const, confirmedBy: ctx.openid, confirmedAt: now.toISOString(), from: now.toISOString(), ...(current.list === 'black' ? { until: addMonths(now, settings.suspensionMonths).toISOString() } : {}) }
          : { status: 'rejected' as const, confirmedBy: ctx.openid, confirmedAt: now.toISOString() }
      await tx.collection('listings').doc(current._id).update(changes)
      return { ...current, ...changes } as ListingRecord
    })
    if (saved.status === 'confirmed') await apply(ctx, saved, now)
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
  input: z.object({ list: z.enum(LISTS).optional(), status: z.enum(['proposed', 'confirmed']).optional() }),
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
