/**
 * 卫生大检查: each month the grid worker scores each courtyard of their grid against the checklist, with photos;
 * the ranking shows on the board, and the admin awards the households of the best courtyards by rule.
 */
import { DomainError } from '../../src/core/errors'
import { INSPECTION_AWARDS, type Inspection } from '../../src/core/governance'
import { awardInspectionsInput, inspectInput, inspectionsInput } from '../../src/core/governance.schema'
import { monthKey } from '../../src/core/period'
import { fromTenths, toTenths } from '../../src/core/points'
import { transaction } from '../_shared/cloud'
import { administeredCommunity, communityOf } from '../_shared/community'
import { checkPhotos } from '../_shared/evidence'
import { action } from '../_shared/handler'
import { postEntry, projectEntry, readAccount, walletOf } from '../_shared/ledger'
import { getNode, type ResidentRecord } from '../_shared/org'
import { placementOf } from '../_shared/people'
import { readSettings } from '../_shared/settings'
import { type Grant, grantsOver } from '../../src/core/scope'

/** What is stored: the answer's fields (`inspector` is the inspector's openid here, their name in `inspectorName`), and where it sits. */
interface InspectionRecord extends Omit<Inspection, 'id'> {
  _id: string
  communityId: string
  gridId: string
  inspectorName: string
  awarded?: boolean
}

/**
 * An inspection as the board shows it. The inspector is named (an official act is signed); the photos' file ids lie
 * in the inspector's own folder, which is named by their openid, so only the officials over the courtyard — the
 * admin and the grid worker of its grid — get them.
 */
const toInspection = (r: InspectionRecord, roles: readonly Grant[]): Inspection => ({
  id: r._id,
  courtyardId: r.courtyardId,
  courtyardName: r.courtyardName,
  month: r.month,
  score: r.score,
  notes: r.notes,
  items: r.items,
  photos: grantsOver(roles, ['admin', 'grid'], { path: [r.communityId, r.gridId, r.courtyardId] }).length ? r.photos : [],
  inspector: r.inspectorName,
  at: r.at,
})

/** 检查打分 by the grid worker of the courtyard's grid: one per courtyard and month; inspecting again replaces it until it is awarded. */
export const inspect = action({
  input: inspectInput,
  access: ['grid'],
  audit: true,
  handler: async ({ ctx, input }) => {
    const communityId = communityOf(ctx)
    const courtyard = await getNode(ctx.db, input.courtyardId)
    if (!courtyard || courtyard.communityId !== communityId || courtyard.type !== 'courtyard') throw new DomainError('NOT_FOUND', '没有找到这个院落')
    if (grantsOver(ctx.roles, ['grid'], { path: courtyard.path }).length === 0) throw new DomainError('AUTH.FORBIDDEN', '只能检查本网格的院落')
    const now = ctx.now()
    if (input.month > monthKey(now)) throw new DomainError('INPUT.INVALID', '不能给还没到的月份打分')
    const photos = input.photos ?? []
    await checkPhotos(photos, [ctx.openid])
    const itemsTotal = (input.items ?? []).reduce((n, i) => n + i.score, 0)
    if (input.items?.length && itemsTotal !== input.score) throw new DomainError('INPUT.INVALID', `各项得分加起来是 ${itemsTotal}，和总分 ${input.score} 不一样`)
    const id = `${courtyard._id}:${input.month}`
    const record: InspectionRecord = {
      _id: id,
      communityId,
      gridId: courtyard.parentId!,
      courtyardId: courtyard._id,
      courtyardName: courtyard.name,
      month: input.month,
      score: input.score,
      notes: input.notes ?? '',
      items: input.items ?? [],
      photos,
      inspector: ctx.openid,
      inspectorName: ctx.user.name,
      at: now.toISOString(),
    }
    const before = await transaction(ctx.db, async (tx) => {
      const current = ((await tx.collection('inspections').doc(id).get()).data ?? null) as InspectionRecord | null
      if (current?.awarded) throw new DomainError('INPUT.INVALID', '这个月的检查已经评奖，不能再改')
      const { _id, ...fields } = record
      await tx.collection('inspections').doc(_id).set(fields)
      return current
    })
    ctx.audit({ target: { type: 'inspection', id }, before: before ? { score: before.score } : undefined, after: { score: record.score } })
    return { inspection: toInspection(record, ctx.roles) }
  },
})

/** A month's courtyard ranking by inspection score (ties share a rank), for the board. */
export const inspections = action({
  input: inspectionsInput,
  access: 'member',
  handler: async ({ ctx, input }) => {
    const communityId = communityOf(ctx)
    const rows = (await ctx.db.collection('inspections').where({ communityId, month: input.month }).limit(1000).get()).data as InspectionRecord[]
    rows.sort((a, b) => b.score - a.score || a.courtyardName.localeCompare(b.courtyardName, 'zh'))
    return { items: rows.map((r) => ({ ...toInspection(r, ctx.roles), rank: 1 + rows.filter((o) => o.score > r.score).length, awarded: !!r.awarded })) }
  },
})

/**
 * 评奖 (admin): the households of the courtyards ranked 1st, 2nd and 3rd earn 3, 2 and 1 points (each household
 * once: into the household wallet, or to each member when there is none). Awarding again changes nothing.
 */
export const awardInspections = action({
  input: awardInspectionsInput,
  access: ['admin'],
  audit: true,
  handler: async ({ ctx, input }) => {
    const communityId = administeredCommunity(ctx)
    const now = ctx.now()
    if (input.month >= monthKey(now)) throw new DomainError('INPUT.INVALID', '这个月还没过完，月底检查结束后再评奖')
    const rows = (await ctx.db.collection('inspections').where({ communityId, month: input.month }).limit(1000).get()).data as InspectionRecord[]
    if (rows.length === 0) throw new DomainError('NOT_FOUND', `${input.month} 还没有检查记录`)
    rows.sort((a, b) => b.score - a.score)
    const settings = await readSettings(ctx.db, communityId)
    const awards: { courtyard: string; rank: number; points: number; households: number }[] = []
    for (const r of rows) {
      const rank = 1 + rows.filter((o) => o.score > r.score).length
      const points = INSPECTION_AWARDS[rank - 1]
      if (!points) continue
      const residents = (await ctx.db.collection('residents').where({ courtyardId: r.courtyardId }).limit(1000).get()).data as ResidentRecord[]
      const paid = new Set<string>()
      for (const resident of residents) {
        if (settings.householdWallet && paid.has(resident.householdId)) continue
        paid.add(resident.householdId)
        const placement = await placementOf(ctx.db, resident)
        const accountId = walletOf(placement, settings.householdWallet)
        const key = `inspection:${r._id}:${settings.householdWallet ? resident.householdId : resident._id}`
        const entry = await transaction(ctx.db, async (tx) => {
          if ((await tx.collection('ledger').doc(key).get()).data) return null
          return postEntry(
            tx,
            { key, accountId, delta: toTenths(points), kind: 'credit', source: { type: 'inspection', id: r._id }, operator: ctx.openid, operatorName: ctx.user.name, note: `卫生检查第 ${rank} 名：${r.courtyardName}` },
            placement,
            now,
            { account: await readAccount(tx, accountId), ...(settings.settlement === 'monthly' ? { pendingMonth: monthKey(now) } : {}) },
          )
        })
        if (entry) await projectEntry(ctx.db, entry._id)
      }
      await ctx.db.collection('inspections').doc(r._id).update({ awarded: true })
      awards.push({ courtyard: r.courtyardName, rank, points: fromTenths(toTenths(points)), households: paid.size })
    }
    ctx.audit({ target: { type: 'month', id: `${communityId}:${input.month}` }, after: awards })
    return { awards }
  },
})

