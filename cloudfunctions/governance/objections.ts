/**
 * 异议: any member may object to a published entry while its month's publicity lasts, or to a red/black listing while
 * it is in force; the admin investigates and upholds (the entry is reversed and the scores corrected; an objection to
 * a listing, or to an entry a listing wrote, revokes the listing: all it deducted is returned and its suspension ends)
 * or dismisses, with a note. Both the objector and the resident concerned are told.
 */
import { DomainError } from '../../src/core/errors'
import { GLOSSARY } from '../../src/core/glossary'
import type { Objection } from '../../src/core/governance'
import { objectInput, objectionsInput, resolveInput } from '../../src/core/governance.schema'
import { reversalOf } from '../../src/core/ledger'
import { LISTINGS, listingInForce, nextListingStatus } from '../../src/core/listings'
import { allows } from '../../src/core/lifecycle'
import { assertObjectionsOpen } from '../../src/core/months'
import { monthKey } from '../../src/core/period'
import { nextObjectionStatus } from '../../src/core/objections'
import { formatPoints, fromTenths } from '../../src/core/points'
import { type Viewer, nameFor, viewerOf } from '../../src/core/visibility'
import { type ScreeningRecord, mayShowPhoto, photoStates } from '../../src/core/screening'
import { transaction } from '../_shared/cloud'
import { administeredCommunity, communityOf, isAdminOf } from '../_shared/community'
import { revokeDeductionIn } from '../_shared/deductions'
import { acceptEvidence, discardOnRefusal, pinFolder, servedPhotos, viewableLinks } from '../_shared/evidence'
import { action, type MemberCtx } from '../_shared/handler'
import { derivedId } from '../_shared/ids'
import { affectsScore, correctionAccount, type LedgerRecord, pendingOfCorrection, pickPlacement, postEntry, projectEntry, readAccount } from '../_shared/ledger'
import { checksOf, recordPhotoChecks } from '../_shared/media-results'
import { type ListingRecord, afterCommit, appliedOf, blackListingsInForce, concernedOf, listingEntryKey, undo } from '../_shared/listings'
import { getMonth } from '../_shared/months'
import { enqueue, send } from '../_shared/outbox'
import { getResident, holdersOf } from '../_shared/people'
import { admit, screen } from '../_shared/screening'
import { readSettings } from '../_shared/settings'

export interface ObjectionRecord {
  _id: string
  communityId: string
  /** The ledger entry objected to; for an objection to a listing, the key of its entry for the person (absent when it deducted nothing). */
  entryId: string
  /** An objection to a red/black listing itself (governance.object with `listingId`). */
  listingId?: string
  month: string
  /** The entry objected to; `name` is the resident's as the ledger has it, shown by the one rule (older records keep it masked). */
  entry: Objection['entry'] & { residentId: string; gridId?: string; courtyardId?: string }
  reason: string
  /** The uploads, as the app names them. */
  photos: string[]
  /** Their pinned copies (evidence.ts): what the admin is served and the platform checks; absent on objections stored before pinning. */
  pinned?: string[]
  status: Objection['status']
  objector: string
  objectorName: string
  createdAt: string
  note?: string
  resolvedBy?: string
  resolvedAt?: string
  reversalId?: string
  /** An unchecked reason, photos sent to the platform's check (see core/screening). */
  screening?: ScreeningRecord
}

/** An objection as `viewer` sees it: the entry's resident by the one rule of names (src/core/visibility). */
const toObjection = (r: ObjectionRecord, viewer: Viewer, admin: boolean): Objection => ({
  id: r._id,
  entryId: r.entryId,
  ...(r.listingId ? { listingId: r.listingId } : {}),
  month: r.month,
  entry: {
    name: nameFor(viewer, { kind: 'person', name: r.entry.name, communityId: r.communityId, gridId: r.entry.gridId, courtyardId: r.entry.courtyardId, residentId: r.entry.residentId }),
    item: r.entry.item,
    points: r.entry.points,
    courtyard: r.entry.courtyard,
  },
  reason: r.reason,
  photos: r.photos,
  status: r.status,
  // The admin sees who objected; residents see their own objections only.
  objector: admin ? nameFor(viewer, { kind: 'person', name: r.objectorName, communityId: r.communityId }) : '我',
  createdAt: r.createdAt,
  ...(r.note ? { note: r.note } : {}),
  ...(r.resolvedAt ? { resolvedAt: r.resolvedAt } : {}),
  ...(admin && r.screening?.text ? { screening: r.screening.text } : {}),
})

const OBJECTABLE = new Set(['credit', 'deduction', 'adjustment'])

type Target = Pick<ObjectionRecord, 'entryId' | 'month' | 'entry'> & { listingId?: string }

/** A published entry of the community, while its month's publicity lasts (the month table, src/core/months). */
async function entryTarget(ctx: MemberCtx, entryId: string, now: Date): Promise<Target> {
  const communityId = communityOf(ctx)
  const entry = ((await ctx.db.collection('ledger').doc(entryId).get()).data as LedgerRecord[])[0]
  if (!entry || entry.communityId !== communityId || !OBJECTABLE.has(entry.kind) || !affectsScore(entry)) throw new DomainError('NOT_FOUND', '没有找到这条公示记录')
  const month = await getMonth(ctx.db, communityId, entry.month)
  // Only while the month is in publicity: not before it, nor after its window.
  assertObjectionsOpen(entry.month, month, now.toISOString())
  return {
    entryId: entry._id,
    month: entry.month,
    entry: { name: entry.residentName, item: entry.note ?? '', points: fromTenths(entry.delta), courtyard: entry.courtyardName, residentId: entry.residentId, gridId: entry.gridId, courtyardId: entry.courtyardId },
  }
}

/**
 * A listing of the community while it is in force (as the 红黑榜 shows it): the way to object to one that wrote no
 * ledger entry (0 points asked) or whose month's publicity is over. `points` is what it actually moved.
 */
async function listingTarget(ctx: MemberCtx, listingId: string, now: Date): Promise<Target> {
  const listing = ((await ctx.db.collection('listings').doc(listingId).get()).data as ListingRecord[])[0]
  if (!listing || listing.communityId !== communityOf(ctx) || listing.status === 'proposed' || listing.status === 'rejected') throw new DomainError('NOT_FOUND', '没有找到这条红黑榜记录')
  if (!listingInForce(listing, now.toISOString())) throw new DomainError('GOVERNANCE.WINDOW_CLOSED', '这条红黑榜记录已期满或已撤销，不能再提出异议')
  const applied = (await appliedOf(ctx.db, [listing._id])).get(listing._id) ?? 0
  const black = listing.list === 'black'
  const residentId = listing.residentId ?? listing.residentIds[0]
  return {
    entryId: listingEntryKey(listing._id, residentId),
    listingId: listing._id,
    month: monthKey(new Date(listing.from ?? listing.proposedAt)),
    entry: { name: listing.name, item: `${black ? '黑榜' : '红榜'}：${listing.reason}`, points: fromTenths(black ? -applied : applied), courtyard: listing.courtyardName, residentId, gridId: listing.gridId, courtyardId: listing.courtyardId },
  }
}

/** 提出异议 against an entry of a month in publicity, or a listing in force; a retried requestId files once. */
export const object = action({
  input: objectInput,
  access: 'member',
  handler: async ({ ctx, input }) => {
    const communityId = communityOf(ctx)
    const id = derivedId('ob', ctx.openid, input.requestId)
    // A retry answers what was filed (its photos are pinned already, and stay as they were).
    const filed = ((await ctx.db.collection('objections').doc(id).get()).data as ObjectionRecord[])[0]
    if (filed) return { objection: toObjection(filed, viewerOf(ctx), false) }
    const now = ctx.now()
    // What is objected to: a published entry (while its month is in publicity), or a listing (while it is in force).
    const target = input.listingId ? await listingTarget(ctx, input.listingId, now) : await entryTarget(ctx, input.entryId!, now)
    const photos = input.photos ?? []
    // The photos are pinned and checked as a claim's are (evidence.ts); the reason is screened beside it, the photos once pinned.
    const accepting = acceptEvidence(photos, { owners: [ctx.openid], pinTo: pinFolder('objections', id) })
    const screening = screen(ctx.openid, 'comment', { texts: { 异议理由: input.reason }, photos: accepting.then((e) => e.photos) }, now)
    let saved: ObjectionRecord
    let record: ObjectionRecord
    let screened: Awaited<typeof screening>
    try {
      const [evidence, done] = await Promise.all([accepting, screening])
      screened = done
      const screeningRecord = admit(screened)
      record = {
        _id: id,
        communityId,
        ...target,
        reason: input.reason,
        photos,
        pinned: evidence.photos.map((p) => p.pinned),
        status: 'open',
        objector: ctx.openid,
        objectorName: ctx.user.name,
        createdAt: now.toISOString(),
        ...(screeningRecord ? { screening: screeningRecord } : {}),
      }
      const draft = record
      saved = await transaction(ctx.db, async (tx) => {
        const again = ((await tx.collection('objections').doc(id).get()).data ?? null) as ObjectionRecord | null
        if (again) return again
        const { _id, ...fields } = draft
        await tx.collection('objections').doc(_id).set(fields)
        return draft
      })
    } catch (e) {
      return discardOnRefusal(accepting, e)
    }
    if (saved === record) {
      const [admins] = await Promise.all([holdersOf(ctx.db, 'admin', communityId), recordPhotoChecks(ctx.db, { type: 'objection', id }, ctx.openid, screened, now)])
      const ids = await enqueue(
        ctx.db,
        admins.map((a) => ({
          to: a._id,
          kind: 'objection' as const,
          title: `有人对${record.entry.name}的积分提出异议`,
          body: record.reason.slice(0, 20),
          page: 'pages-governance/objections/index',
          fields: { item: `${record.entry.name} ${record.entry.item}`, reason: record.reason },
        })),
        now,
      )
      await send(ctx.db, ids)
    }
    return { objection: toObjection(saved, viewerOf(ctx), false) }
  },
})

/** The admin's queue (by status, oldest first), or with `mine` a member's own objections. */
export const objections = action({
  input: objectionsInput,
  access: 'member',
  handler: async ({ ctx, input }) => {
    const communityId = communityOf(ctx)
    const admin = isAdminOf(ctx, communityId)
    if (!input.mine && !admin) throw new DomainError('AUTH.FORBIDDEN', '只有工作小组可以查看全部异议')
    const where: Record<string, unknown> = { communityId }
    if (input.mine) where.objector = ctx.openid
    if (input.status) where.status = input.status
    const rows = (await ctx.db.collection('objections').where(where).orderBy('createdAt', input.mine ? 'desc' : 'asc').limit(200).get()).data as ObjectionRecord[]
    const viewer = viewerOf(ctx)
    // The admin sees no photo the platform's check has not passed (yet); the objector sees their own.
    const screened = input.mine ? [] : rows.filter((r) => r.screening?.photosSentAt && r.photos.length)
    const checks = await checksOf(ctx.db, screened.map((r) => r._id))
    const states = new Map(screened.map((r) => [r._id, photoStates(r.photos, r.screening, checks.filter((c) => c.target?.id === r._id), ctx.now())]))
    // Viewable links of the photos (half an hour), for the admin who investigates and for the objector: of the pinned copies, the bytes that were filed.
    const links = await viewableLinks(rows.flatMap((r) => servedPhotos(r)))
    return {
      items: rows.map((r) => {
        const photoChecks = states.get(r._id)
        const photoUrls = servedPhotos(r).map((p, i) => (!photoChecks || mayShowPhoto(photoChecks[i]) ? (links.get(p) ?? '') : ''))
        return { ...toObjection(r, viewer, admin && !input.mine), photoUrls, ...(photoChecks ? { photoChecks } : {}) }
      }),
    }
  },
})

async function notify(ctx: MemberCtx, record: ObjectionRecord, upheld: boolean) {
  const resident = await getResident(ctx.db, record.entry.residentId)
  const to = [record.objector, resident?.openid].filter((o): o is string => !!o)
  // The residents' word for it (src/core/glossary.ts): 已撤销, not the office's 冲正.
  const verdict = upheld ? `异议成立，积分${GLOSSARY.reversed}` : '异议不成立'
  const ids = await enqueue(
    ctx.db,
    [...new Set(to)].map((openid) => ({
      to: openid,
      kind: 'objection_resolved' as const,
      title: `${record.entry.item}（${formatPoints(record.entry.points)} 分）`,
      body: `${verdict}：${record.note ?? ''}`,
      page: `pages-governance/publicity/index?month=${record.month}`,
      fields: { item: `${record.entry.item}（${formatPoints(record.entry.points)} 分）`, result: upheld ? '异议成立' : '异议不成立', note: record.note ?? '' },
    })),
    ctx.now(),
  )
  await send(ctx.db, ids)
}

/**
 * 处理异议 (admin): uphold writes the reversal of the entry (from the month's pending points while they are still
 * pending; at most what the account holds) and corrects that month's scores; for an objection to a listing or to an
 * entry a listing wrote, uphold revokes the listing instead, in the same transaction (every entry it wrote reversed,
 * a 0-point one included, its suspension ended). Dismiss closes it. A note says why.
 */
export const resolve = action({
  input: resolveInput,
  access: ['admin'],
  audit: true,
  handler: async ({ ctx, input }) => {
    const communityId = administeredCommunity(ctx)
    const seen = ((await ctx.db.collection('objections').doc(input.objectionId).get()).data as ObjectionRecord[])[0]
    if (!seen || seen.communityId !== communityId) throw new DomainError('NOT_FOUND', '没有找到这条异议')
    const now = ctx.now()
    const at = now.toISOString()
    const [found, settings] = await Promise.all([ctx.db.collection('ledger').doc(seen.entryId).get(), readSettings(ctx.db, communityId)])
    const { householdWallet } = settings
    const entry = ((found.data as LedgerRecord[])[0] ?? null) as LedgerRecord | null
    // An objection to a listing (or to an entry a listing wrote) is about the listing: upheld, it is revoked.
    const listingId = seen.listingId ?? (entry?.source.type === 'listing' ? entry.source.id : undefined)
    if (!entry && !listingId) throw new DomainError('NOT_FOUND', '被异议的积分记录不见了')
    const uphold = input.decision === 'uphold'
    const listing = uphold && listingId ? (((await ctx.db.collection('listings').doc(listingId).get()).data as ListingRecord[])[0] ?? null) : null
    if (uphold && listingId && !listing) throw new DomainError('NOT_FOUND', '被异议的红黑榜记录不见了')
    const [concerned, others] = listing ? await Promise.all([concernedOf(ctx.db, listing), blackListingsInForce(ctx.db, communityId, now)]) : [null, []]
    const by = { openid: ctx.openid, name: ctx.user.name }
    const { record, reversal, revoked } = await transaction(ctx.db, async (tx) => {
      const stored = ((await tx.collection('objections').doc(seen._id).get()).data ?? null) as ObjectionRecord | null
      // The objection table refuses one handled already (or gone): INPUT.INVALID.
      const status = nextObjectionStatus(stored?.status, input.decision)
      const current = stored!
      let reversal: LedgerRecord | null = null
      let revoked: Awaited<ReturnType<typeof undo>> | null = null
      if (status === 'upheld' && listing && concerned) {
        // The listing is undone with the uphold (unless it was revoked already): all it deducted returns, the suspension ends.
        const now2 = ((await tx.collection('listings').doc(listing._id).get()).data ?? null) as ListingRecord | null
        if (now2 && allows(LISTINGS, now2.status, 'revoke')) {
          const reason = `异议成立：${input.note}`
          const changes = { status: nextListingStatus(now2.status, 'revoke'), revokedBy: ctx.openid, revokedByName: ctx.user.name, revokedAt: at, revokeReason: reason, revokedFor: current._id }
          await tx.collection('listings').doc(now2._id).update(changes)
          revoked = await undo(tx, { ...now2, ...changes } as ListingRecord, concerned.people, others, settings, now, by, reason)
          reversal = revoked.entries.find((e) => e.reverses === current.entryId) ?? null
        }
      } else if (status === 'upheld' && entry) {
        // On the wallet that pays now (the household wallet may have been switched since the entry).
        const accountId = correctionAccount(entry, householdWallet)
        const draft = reversalOf({ key: entry._id, accountId, delta: entry.delta, source: { type: 'objection', id: current._id } }, ctx.openid)
        const done = ((await tx.collection('ledger').doc(draft.key).get()).data ?? null) as LedgerRecord | null
        if (!done && entry.delta !== 0) {
          const account = await readAccount(tx, accountId)
          reversal = await postEntry(tx, { ...draft, operatorName: ctx.user.name, note: `异议成立：${entry.note ?? ''}`, ...(entry.category ? { category: entry.category } : {}) }, pickPlacement(entry), now, {
            account,
            clampAtZero: true,
            scoreMonth: entry.scoreMonth ?? entry.month,
            ...pendingOfCorrection(entry, account),
          })
        }
        // A deduction item's entry (a 0-point one too): the deduction itself is undone with it.
        if (entry.source.type === 'deduction') await revokeDeductionIn(tx, entry.source.id, at, `异议成立：${input.note}`)
      }
      const changes = { status, note: input.note, resolvedBy: ctx.openid, resolvedAt: at, ...(reversal ? { reversalId: reversal._id } : {}) }
      await tx.collection('objections').doc(current._id).update(changes)
      return { record: { ...current, ...changes }, reversal, revoked }
    })
    if (revoked) await afterCommit(ctx.db, revoked)
    else if (reversal) await projectEntry(ctx.db, reversal._id)
    ctx.audit({ target: { type: 'objection', id: record._id }, before: { status: 'open' }, after: { status: record.status, note: record.note, ...(reversal ? { reversal: reversal._id } : {}), ...(revoked && listingId ? { revokedListing: listingId } : {}) } })
    await notify(ctx, record, record.status === 'upheld')
    return { objection: toObjection(record, viewerOf(ctx), true) }
  },
})
