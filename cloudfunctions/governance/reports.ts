/** 数据看板, 年度荣誉 and 党员积分档案: read from the period scores the ledger projects, never from the whole ledger. */
import { DomainError } from '../../src/core/errors'
import { dashboardInput, honoursInput, partyReportInput } from '../../src/core/governance.schema'
import { fromTenths } from '../../src/core/points'
import { nameFor, viewerOf } from '../../src/core/visibility'
import { type Db, readAll } from '../_shared/cloud'
import { administeredCommunity, communityOf, isAdminOf } from '../_shared/community'
import { saveExport, sheetOf, workbook } from '../_shared/exports'
import { action } from '../_shared/handler'
import { affectsScore, type LedgerRecord, scoreBucket, scoreId } from '../_shared/ledger'
import { suspendedAt } from '../_shared/months'
import { rankedNames } from '../_shared/visibility'
import type { OrgNodeRecord, ResidentRecord } from '../_shared/org'

interface ScoreDoc {
  _id: string
  nodeId: string
  name: string
  scoreTenths: number
}


/**
 * How many approved claims of each of `months` were reversed since (an upheld objection, an admin's reversal): they no
 * longer count as the month's activity, as their points no longer count in its scores (the correction counts in the
 * month of the claim, `scoreMonth`, whenever it was written).
 */
async function reversedClaims(db: Db, communityId: string, months: string[]): Promise<Map<string, number>> {
  const _ = db.command
  const reversals = await readAll<LedgerRecord>(db, 'ledger', { communityId, kind: 'reversal', scoreMonth: _.in(months) })
  const ids = [...new Set(reversals.map((r) => r.reverses!).filter(Boolean))]
  const claims = new Set<string>()
  for (let i = 0; i < ids.length; i += 100) {
    for (const e of (await db.collection('ledger').where({ _id: _.in(ids.slice(i, i + 100)) }).limit(100).get()).data as LedgerRecord[]) {
      if (e.kind === 'credit' && e.source.type === 'claim') claims.add(e._id)
    }
  }
  const out = new Map<string, number>()
  for (const r of reversals) if (claims.has(r.reverses!)) out.set(r.scoreMonth!, (out.get(r.scoreMonth!) ?? 0) + 1)
  return out
}

const monthsOf = (year: string) => Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`)

/**
 * 数据看板 of a year: points by month, by category, and households taking part by courtyard — the period scores, which
 * every correction counted in its month updates (the same numbers as the board and the leaderboard); a month's approved
 * claims leave out those reversed since.
 */
export const dashboard = action({
  input: dashboardInput,
  access: ['admin', 'grid'],
  handler: async ({ ctx, input }) => {
    const communityId = communityOf(ctx)
    const admin = isAdminOf(ctx, communityId)
    const grids = ctx.roles.filter((r) => r.role === 'grid').map((r) => r.nodeId)
    const _ = ctx.db.command
    const months = monthsOf(input.year)
    const [monthScores, claimCounts, withdrawn, categories, courtyards, households, householdScores, courtyardScores] = await Promise.all([
      ctx.db.collection('accounts').where({ _id: _.in(months.map((m) => scoreId(m, 'community', communityId))) }).limit(12).get(),
      Promise.all(months.map((m) => ctx.db.collection('ledger').where({ communityMonth: `${communityId}|${m}`, kind: 'credit', 'source.type': 'claim' }).count())),
      reversedClaims(ctx.db, communityId, months),
      readAll<ScoreDoc>(ctx.db, 'accounts', { bucket: scoreBucket(communityId, 'category', input.year) }),
      readAll<OrgNodeRecord>(ctx.db, 'orgNodes', { communityId, type: 'courtyard' }),
      readAll<OrgNodeRecord>(ctx.db, 'orgNodes', { communityId, type: 'household' }),
      readAll<ScoreDoc>(ctx.db, 'accounts', { bucket: scoreBucket(communityId, 'household', input.year) }),
      readAll<ScoreDoc>(ctx.db, 'accounts', { bucket: scoreBucket(communityId, 'courtyard', input.year) }),
    ])
    const byMonth = new Map((monthScores.data as ScoreDoc[]).map((d) => [d._id, d.scoreTenths]))
    const scored = new Set(householdScores.filter((h) => h.scoreTenths > 0).map((h) => h.nodeId))
    const courtyardPoints = new Map(courtyardScores.map((c) => [c.nodeId, c.scoreTenths]))
    const inReach = (c: OrgNodeRecord) => admin || grids.includes(c.parentId ?? '')
    return {
      year: input.year,
      months: months.map((m, i) => ({ month: m, points: fromTenths(byMonth.get(scoreId(m, 'community', communityId)) ?? 0), claims: Number(claimCounts[i].total ?? 0) - (withdrawn.get(m) ?? 0) })),
      categories: categories.sort((a, b) => b.scoreTenths - a.scoreTenths).map((c) => ({ categoryId: c.nodeId, name: c.name, points: fromTenths(c.scoreTenths) })),
      courtyards: courtyards
        .filter(inReach)
        .map((c) => {
          const own = households.filter((h) => h.parentId === c._id)
          return { courtyardId: c._id, name: c.name, households: own.length, participating: own.filter((h) => scored.has(h._id)).length, points: fromTenths(courtyardPoints.get(c._id) ?? 0) }
        })
        .sort((a, b) => b.points - a.points || a.name.localeCompare(b.name, 'zh')),
    }
  },
})

/** 年度荣誉: the year's 积分冠军 (top ten residents, the suspended left out, names as src/core/visibility says) and 荣誉小区. */
export const honours = action({
  input: honoursInput,
  access: 'member',
  handler: async ({ ctx, input }) => {
    const communityId = communityOf(ctx)
    const [excluded, residents, courtyards] = await Promise.all([
      suspendedAt(ctx.db, communityId, ctx.now()),
      ctx.db.collection('accounts').where({ bucket: scoreBucket(communityId, 'resident', input.year) }).orderBy('scoreTenths', 'desc').limit(40).get(),
      ctx.db.collection('accounts').where({ bucket: scoreBucket(communityId, 'courtyard', input.year) }).orderBy('scoreTenths', 'desc').limit(1).get(),
    ])
    const top10 = (residents.data as ScoreDoc[]).filter((r) => !excluded.has(r.nodeId) && r.scoreTenths > 0).slice(0, 10)
    const names = await rankedNames(ctx.db, viewerOf(ctx), communityId, 'resident', top10.map((r) => ({ id: r.nodeId, name: r.name })))
    const champions = top10.map((r, i) => ({ rank: i + 1, id: r.nodeId, name: names[i], score: fromTenths(r.scoreTenths) }))
    const top = (courtyards.data as ScoreDoc[])[0]
    return { year: input.year, champions, courtyard: top && top.scoreTenths > 0 ? { id: top.nodeId, name: top.name, score: fromTenths(top.scoreTenths) } : null }
  },
})

const QUARTER = /^(\d{4})-Q([1-4])$/

/** 党员积分档案 of a quarter: each party member's points (earned minus deducted) and activities (approved claims, attended activities); `export` also makes the Excel. */
export const partyReport = action({
  input: partyReportInput,
  access: ['admin'],
  audit: { when: (input) => !!input.export },
  handler: async ({ ctx, input }) => {
    const communityId = administeredCommunity(ctx)
    const [, year, q] = QUARTER.exec(input.quarter)!
    const months = [1, 2, 3].map((i) => `${year}-${String((Number(q) - 1) * 3 + i).padStart(2, '0')}`)
    const members = (await ctx.db.collection('residents').where({ communityId, partyMember: true }).limit(1000).get()).data as (ResidentRecord & { partyUnit?: string })[]
    const viewer = viewerOf(ctx)
    const _ = ctx.db.command
    const courtyardNames = new Map<string, string>()
    const courtyardIds = [...new Set(members.map((m) => m.courtyardId))]
    for (let i = 0; i < courtyardIds.length; i += 100) {
      for (const n of (await ctx.db.collection('orgNodes').where({ _id: _.in(courtyardIds.slice(i, i + 100)) }).limit(100).get()).data as OrgNodeRecord[]) courtyardNames.set(n._id, n.name)
    }
    const items = []
    for (const m of members) {
      // A party member's own entries of the quarter (their ledger, not the household wallet's).
      const entries = (await ctx.db.collection('ledger').where({ residentId: m._id, month: _.in(months) }).limit(1000).get()).data as LedgerRecord[]
      const counted = entries.filter(affectsScore)
      items.push({
        residentId: m._id,
        // The admin's report: by the same rule as every name (the admin sees them whole).
        name: nameFor(viewer, { kind: 'person', name: m.name, communityId: m.communityId, gridId: m.gridId, courtyardId: m.courtyardId, residentId: m._id }),
        unit: m.partyUnit ?? '',
        courtyard: courtyardNames.get(m.courtyardId) ?? '',
        points: fromTenths(counted.reduce((n, e) => n + e.delta, 0)),
        // Approved claims and attended activities (party projects among them: 认领项目).
        activities: entries.filter((e) => e.kind === 'credit' && (e.source.type === 'claim' || e.source.type === 'activity')).length,
      })
    }
    items.sort((a, b) => a.unit.localeCompare(b.unit, 'zh') || b.points - a.points)
    if (!input.export) return { items }
    if (items.length === 0) throw new DomainError('NOT_FOUND', '还没有登记党员')
    const book = workbook()
    const sheet = sheetOf(book, `${input.quarter} 党员积分`, {
      name: ['姓名', 10], unit: ['工作单位', 24], courtyard: ['居住院落', 22], points: ['本季度积分', 12],
      activities: ['参与活动（次）', 14]
    })
    for (const i of items) sheet.addRow(i)
    return { items, file: await saveExport(book, communityId, `party-${input.quarter}`, `党员积分档案-${input.quarter}.xlsx`, ctx.openid) }
  },
})
