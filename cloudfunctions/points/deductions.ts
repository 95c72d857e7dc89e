/**
 * 扣分项 (src/core/deductions.ts): a grid worker of the resident's grid, or the admin, records one with photos; a second
 * person in charge passes it (one `deduction` entry, at most what the account holds, on the board like any entry) or
 * turns it down; the recorder may withdraw it while it waits. Both steps tell those concerned.
 */
import { type Deduction, nextDeductionStatus } from '../../src/core/deductions'
import { DomainError } from '../../src/core/errors'
import { formatPoints, fromTenths, toTenths } from '../../src/core/points'
import { decideDeductionInput, deductInput, deductionsInput } from '../../src/core/points.schema'
import { type Viewer, nameFor, viewerOf } from '../../src/core/visibility'
import { transaction } from '../_shared/cloud'
import { isAdminOf } from '../_shared/community'
import { type DeductionRecord, deductionEntryKey } from '../_shared/deductions'
import { acceptEvidence, discardOnRefusal, pinFolder, viewableLinks } from '../_shared/evidence'
import { type MemberCtx, action } from '../_shared/handler'
import { derivedId } from '../_shared/ids'
import { type LedgerRecord, postEntry, projectEntry, readAccount, walletOf } from '../_shared/ledger'
import { enqueue, send } from '../_shared/outbox'
import { actsFor, getResident, holdersOf, placementOf, residentInCommunity } from '../_shared/people'
import type { ResidentRecord } from '../_shared/org'
import { admit, screen } from '../_shared/screening'
import { readSettings } from '../_shared/settings'

/** Whether the caller is in charge of the resident as a deduction asks: the admin, or a grid worker of their grid. */
const inCharge = (ctx: MemberCtx, resident: Pick<ResidentRecord, 'communityId' | 'gridId' | 'courtyardId' | 'householdId'> & { _id?: string }) =>
  isAdminOf(ctx, resident.communityId) || actsFor(ctx, resident as ResidentRecord, ['grid'])

const placeOf = (r: DeductionRecord) => ({ _id: r.residentId, communityId: r.communityId, gridId: r.gridId, courtyardId: r.courtyardId, householdId: r.householdId }) as ResidentRecord

/** A deduction as `viewer` sees it; links to the photos come from `links` (staff only). */
function toDeduction(r: DeductionRecord, viewer: Viewer, ctx: MemberCtx, applied: number, links: Map<string, string>): Deduction {
  const staff = inCharge(ctx, placeOf(r))
  return {
    id: r._id,
    residentId: r.residentId,
    name: nameFor(viewer, { kind: 'person', name: r.name, communityId: r.communityId, gridId: r.gridId, courtyardId: r.courtyardId, residentId: r.residentId }),
    courtyard: r.courtyardName,
    item: r.item,
    reason: r.reason,
    asked: fromTenths(r.pointsTenths),
    points: fromTenths(applied),
    status: r.status,
    recordedBy: r.recordedByName,
    recordedAt: r.recordedAt,
    ...(r.decidedAt ? { decidedBy: r.decidedByName ?? '', decidedAt: r.decidedAt } : {}),
    ...(r.note || r.revokeReason ? { note: r.revokeReason ?? r.note } : {}),
    photoUrls: staff ? r.pinned.map((p) => links.get(p) ?? '') : [],
    mayDecide: staff && r.status === 'proposed' && r.recordedBy !== ctx.openid,
    mayWithdraw: r.status === 'proposed' && r.recordedBy === ctx.openid,
  }
}

/** Half-hour links to the pinned photos of `records`, for staff. */
const photoLinks = (records: DeductionRecord[]) => viewableLinks(records.flatMap((r) => r.pinned))

/** What each passed deduction actually took (its entry's delta; 0 for one never passed or taken from an empty account). */
async function appliedOf(ctx: MemberCtx, records: DeductionRecord[]): Promise<Map<string, number>> {
  const keys = records.filter((r) => r.entryId).map((r) => r.entryId!)
  if (keys.length === 0) return new Map()
  const _ = ctx.db.command
  const entries = (await ctx.db.collection('ledger').where({ _id: _.in(keys) }).limit(keys.length).get()).data as LedgerRecord[]
  return new Map(entries.map((e) => [e.source.id, -e.delta]))
}

/** 登记扣分: by a grid worker of the resident's grid or the admin, with photos; it waits for a second person. A retried requestId records once. */
export const deduct = action({
  input: deductInput,
  access: ['grid', 'admin'],
  audit: true,
  handler: async ({ ctx, input }) => {
    const resident = await residentInCommunity(ctx, input.residentId)
    if (!inCharge(ctx, resident)) throw new DomainError('AUTH.FORBIDDEN', '只能给本网格的居民登记扣分')
    const id = derivedId('dd', ctx.openid, input.requestId)
    const filed = ((await ctx.db.collection('deductions').doc(id).get()).data as DeductionRecord[])[0]
    if (filed) return { deduction: toDeduction(filed, viewerOf(ctx), ctx, 0, await photoLinks([filed])) }
    const now = ctx.now()
    // The photos are pinned where no client may write (evidence.ts); the words are published with the entry: screened.
    const accepting = acceptEvidence(input.photos, { owners: [ctx.openid], pinTo: pinFolder('deductions', id) })
    const screening = screen(ctx.openid, 'comment', { texts: { 扣分事项: input.item, 经过: input.reason } }, now)
    let saved: DeductionRecord
    let record: DeductionRecord
    try {
      const [evidence, screened, placement] = await Promise.all([accepting, screening, placementOf(ctx.db, resident)])
      const screeningRecord = admit(screened)
      record = {
        _id: id,
        communityId: resident.communityId,
        gridId: resident.gridId,
        courtyardId: resident.courtyardId,
        householdId: resident.householdId,
        residentId: resident._id,
        name: resident.name,
        courtyardName: placement.courtyardName,
        item: input.item,
        reason: input.reason,
        pointsTenths: toTenths(input.points),
        photos: input.photos,
        pinned: evidence.photos.map((p) => p.pinned),
        status: 'proposed',
        recordedBy: ctx.openid,
        recordedByName: ctx.user.name,
        recordedAt: now.toISOString(),
        ...(screeningRecord ? { screening: screeningRecord } : {}),
      }
      const draft = record
      saved = await transaction(ctx.db, async (tx) => {
        const again = ((await tx.collection('deductions').doc(id).get()).data ?? null) as DeductionRecord | null
        if (again) return again
        const { _id, ...fields } = draft
        await tx.collection('deductions').doc(_id).set(fields)
        return draft
      })
    } catch (e) {
      return discardOnRefusal(accepting, e)
    }
    if (saved === record) {
      // The second pair of eyes: the grid's workers and the admins, but not the one who recorded it.
      const [grid, admins] = await Promise.all([holdersOf(ctx.db, 'grid', resident.gridId), holdersOf(ctx.db, 'admin', resident.communityId)])
      const to = [...new Set([...grid, ...admins].map((u) => u._id))].filter((o) => o !== ctx.openid)
      const ids = await enqueue(
        ctx.db,
        to.map((openid) => ({
          to: openid,
          kind: 'deduction_to_review' as const,
          title: `扣分待复核：${resident.name}`,
          body: `${input.item}，${formatPoints(input.points)} 分`,
          page: 'pages-review/deductions/index',
          fields: { person: resident.name, item: input.item, points: formatPoints(input.points) },
        })),
        now,
      )
      await send(ctx.db, ids)
    }
    ctx.audit({ target: { type: 'deduction', id: saved._id }, after: { name: saved.name, item: saved.item, points: fromTenths(saved.pointsTenths), status: saved.status } })
    return { deduction: toDeduction(saved, viewerOf(ctx), ctx, 0, await photoLinks([saved])) }
  },
})

/**
 * 扣分复核: the deductions of the residents in the caller's charge (the admin's community, a grid worker's grids), by
 * status (those waiting by default), newest first; or with `residentId` one resident's, for staff in charge of them
 * and for the resident themselves.
 */
export const deductions = action({
  input: deductionsInput,
  access: 'member',
  handler: async ({ ctx, input }) => {
    const communityId = ctx.user.communityId!
    const where: Record<string, unknown> = { communityId }
    const _ = ctx.db.command
    if (input.residentId) {
      const resident = await residentInCommunity(ctx, input.residentId, { readOnly: true })
      if (resident._id !== ctx.user.residentId && !inCharge(ctx, resident)) throw new DomainError('AUTH.FORBIDDEN', '只能查看自己的扣分，或您负责的网格里居民的扣分')
      where.residentId = resident._id
    } else if (!isAdminOf(ctx, communityId)) {
      const grids = ctx.roles.filter((r) => r.role === 'grid').map((r) => r.nodeId)
      if (grids.length === 0) throw new DomainError('AUTH.FORBIDDEN', '只有网格员和工作小组可以复核扣分')
      where.gridId = _.in(grids)
    }
    if (input.status) where.status = input.status
    else if (!input.residentId) where.status = 'proposed'
    const rows = (await ctx.db.collection('deductions').where(where).orderBy('recordedAt', 'desc').limit(100).get()).data as DeductionRecord[]
    const [applied, links] = await Promise.all([appliedOf(ctx, rows), photoLinks(rows.filter((r) => inCharge(ctx, placeOf(r))))])
    const viewer = viewerOf(ctx)
    return { items: rows.map((r) => toDeduction(r, viewer, ctx, applied.get(r._id) ?? 0, links)) }
  },
})

/**
 * 复核: a second person in charge of the resident (not the recorder) passes — the record and its one ledger entry are
 * written in one transaction, the entry taking at most what the account holds — or turns it down with a note; the
 * recorder may withdraw it while it waits. The lifecycle table refuses one handled already.
 */
export const decideDeduction = action({
  input: decideDeductionInput,
  access: ['grid', 'admin'],
  audit: true,
  handler: async ({ ctx, input }) => {
    const seen = ((await ctx.db.collection('deductions').doc(input.deductionId).get()).data as DeductionRecord[])[0]
    if (!seen || seen.communityId !== ctx.user.communityId || !inCharge(ctx, placeOf(seen))) throw new DomainError('NOT_FOUND', '没有找到这条扣分记录')
    if (input.decision === 'withdraw' && seen.recordedBy !== ctx.openid) throw new DomainError('AUTH.FORBIDDEN', '只有登记的人可以撤回')
    if (input.decision !== 'withdraw' && seen.recordedBy === ctx.openid) throw new DomainError('AUTH.FORBIDDEN', '扣分要由另一位网格员或工作小组复核，登记的人不能自己通过')
    const now = ctx.now()
    const at = now.toISOString()
    const resident = await getResident(ctx.db, seen.residentId)
    const [placement, settings] = await Promise.all([resident ? placementOf(ctx.db, resident) : null, readSettings(ctx.db, seen.communityId)])
    const { saved, entry } = await transaction(ctx.db, async (tx) => {
      const current = ((await tx.collection('deductions').doc(seen._id).get()).data ?? null) as DeductionRecord | null
      const status = nextDeductionStatus(current?.status, input.decision)
      let entry: LedgerRecord | null = null
      if (status === 'applied') {
        if (!placement || resident?.status === 'deleted') throw new DomainError('NOT_FOUND', '这位居民的信息已注销，不能再扣分')
        const accountId = walletOf(placement, settings.householdWallet)
        const key = deductionEntryKey(seen._id)
        entry = ((await tx.collection('ledger').doc(key).get()).data ?? null) as LedgerRecord | null
        entry ??= await postEntry(
          tx,
          { key, accountId, delta: -seen.pointsTenths, kind: 'deduction', source: { type: 'deduction', id: seen._id }, operator: ctx.openid, operatorName: ctx.user.name, note: `扣分：${seen.item}` },
          placement,
          now,
          { account: await readAccount(tx, accountId), clampAtZero: true },
        )
      }
      const changes = { status, decidedBy: ctx.openid, decidedByName: ctx.user.name, decidedAt: at, ...(input.note ? { note: input.note } : {}), ...(entry ? { entryId: entry._id } : {}) }
      await tx.collection('deductions').doc(seen._id).update(changes)
      return { saved: { ...current!, ...changes } as DeductionRecord, entry }
    })
    if (entry) await projectEntry(ctx.db, entry._id)
    const applied = entry ? -entry.delta : 0
    if (entry && resident?.openid) {
      const ids = await enqueue(
        ctx.db,
        [
          {
            to: resident.openid,
            kind: 'deduction' as const,
            title: `扣分：${saved.item}`,
            body: `扣 ${formatPoints(fromTenths(applied))} 分。有不同意见，可在公示期内提出异议`,
            page: 'pages-resident/points/index',
            fields: { item: saved.item, points: formatPoints(fromTenths(applied)), result: '已扣分' },
          },
        ],
        now,
      )
      await send(ctx.db, ids)
    }
    ctx.audit({ target: { type: 'deduction', id: saved._id }, before: { status: 'proposed' }, after: { status: saved.status, ...(entry ? { points: fromTenths(applied), entry: entry._id } : {}), ...(input.note ? { note: input.note } : {}) } })
    return { deduction: toDeduction(saved, viewerOf(ctx), ctx, applied, await photoLinks([saved])) }
  },
})
