/**
 * 卫生大检查: each month the grid worker scores each courtyard of their grid against the checklist, with photos;
 * the ranking shows on the board, and the households of the best courtyards are awarded by rule: when the month
 * closes (the community's `awardInspectionsAtClose`, on by default) or by the admin's 发放奖励 (_shared/inspection-awards).
 */
import { DomainError } from '../../src/core/errors'
import type { Inspection } from '../../src/core/governance'
import { awardInspectionsInput, inspectInput, inspectionsInput } from '../../src/core/governance.schema'
import { monthKey } from '../../src/core/period'
import { transaction } from '../_shared/cloud'
import { administeredCommunity, communityOf } from '../_shared/community'
import { checkPhotos } from '../_shared/evidence'
import { action } from '../_shared/handler'
import { type InspectionRecord, awardMonth, monthAwarded, rankedInspections } from '../_shared/inspection-awards'
import { getNode } from '../_shared/org'
import { type Grant, grantsOver } from '../../src/core/scope'

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
    // Once the month's awards are paid its ranking stands: a new or changed score would change who should have been paid.
    if (await monthAwarded(ctx.db, communityId, input.month)) throw new DomainError('INPUT.INVALID', '这个月的检查已经评奖，不能再改')
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
    const rows = await rankedInspections(ctx.db, communityId, input.month)
    return { items: rows.map((r) => ({ ...toInspection(r, ctx.roles), rank: r.rank, awarded: !!r.awarded })) }
  },
})

/**
 * 评奖 / 发放奖励 (admin): the households of the courtyards ranked 1st, 2nd and 3rd earn 3, 2 and 1 points (each household
 * once: into the household wallet, or to each member when there is none). Awarding again — by hand, or after the
 * month's close paid them — pays nothing more and answers the same awards.
 */
export const awardInspections = action({
  input: awardInspectionsInput,
  access: ['admin'],
  audit: true,
  handler: async ({ ctx, input }) => {
    const communityId = administeredCommunity(ctx)
    const now = ctx.now()
    if (input.month >= monthKey(now)) throw new DomainError('INPUT.INVALID', '这个月还没过完，月底检查结束后再评奖')
    const awards = await awardMonth(ctx.db, communityId, input.month, now, { openid: ctx.openid, name: ctx.user.name })
    if (awards.length === 0) throw new DomainError('NOT_FOUND', `${input.month} 还没有检查记录`)
    ctx.audit({ target: { type: 'month', id: `${communityId}:${input.month}` }, after: awards })
    return { awards }
  },
})
