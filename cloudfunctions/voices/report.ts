/**
 * What the office reports of 说事: the summary (per kind: how many, how many closed, the median time to close, the
 * hazards waiting too long), the month in Excel for the monthly report, and the timer's flag of hazards waiting more
 * than three days (the admins are told once per report).
 */
import { inZone } from '../../src/core/period'
import { formatPoints, fromTenths } from '../../src/core/points'
import { PUBLIC, nameFor } from '../../src/core/visibility'
import { HAZARD_OVERDUE_DAYS, VOICE_KINDS, VOICE_KIND_NAMES, type VoiceSummaryRow, durationWords, hazardOverdue, isClosed, median, statusName, voiceLifecycle } from '../../src/core/voices'
import { exportInput, summaryInput } from '../../src/core/voices.schema'
import { type Db, readAll, transaction } from '../_shared/cloud'
import { administeredCommunity } from '../_shared/community'
import { saveExport, sheetOf, workbook } from '../_shared/exports'
import { action } from '../_shared/handler'
import { notifyHandlers } from './notify'
import type { VoiceRecord } from './records'

const hoursBetween = (from: string, to: string) => (new Date(to).getTime() - new Date(from).getTime()) / 3_600_000

/** The summary of `posts`, one row per kind. */
export function summarise(posts: readonly VoiceRecord[], now: Date): VoiceSummaryRow[] {
  return VOICE_KINDS.map((kind) => {
    const mine = posts.filter((p) => p.kind === kind)
    const closed = mine.filter((p) => isClosed(kind, p.status))
    return {
      kind,
      kindName: VOICE_KIND_NAMES[kind],
      total: mine.length,
      closed: closed.length,
      open: mine.length - closed.length,
      medianHours: median(closed.map((p) => hoursBetween(p.createdAt, p.closedAt ?? p.updatedAt))),
      overdue: kind === 'hazard' ? mine.filter((p) => hazardOverdue(p.status, p.createdAt, now)).length : 0,
      byStatus: voiceLifecycle(kind).statuses.map((status) => ({ status, name: statusName(kind, status), count: mine.filter((p) => p.status === status).length })),
    }
  })
}

/** 说事统计 (the admin): the community's posts of a month (by when they were posted), or all. */
const summary = action({
  input: summaryInput,
  access: ['admin'],
  handler: async ({ ctx, input }) => {
    const communityId = administeredCommunity(ctx)
    const posts = await readAll<VoiceRecord>(ctx.db, 'voices', { communityId, ...(input.month ? { month: input.month } : {}) })
    return { month: input.month ?? null, rows: summarise(posts, ctx.now()) }
  },
})

const time = (iso: string | undefined) => (iso ? inZone(iso).format('YYYY-MM-DD HH:mm') : '')

/** 说事台账: a month's posts, one sheet per kind, names masked as on anything that leaves the system. */
const exportMonth = action({
  input: exportInput,
  access: ['admin'],
  audit: true,
  handler: async ({ ctx, input }) => {
    const communityId = administeredCommunity(ctx)
    const posts = (await readAll<VoiceRecord>(ctx.db, 'voices', { communityId, month: input.month })).sort((a, b) => a.createdAt.localeCompare(b.createdAt))
    const now = ctx.now()
    const book = workbook()
    const totals = sheetOf(book, '汇总', { kind: ['种类', 12], total: ['件数', 8], closed: ['办结', 8], open: ['在办', 8], median: ['办结用时（中位数）', 20], overdue: ['超过 3 天未处理', 16] })
    for (const row of summarise(posts, now)) {
      totals.addRow({ kind: row.kindName, total: row.total, closed: row.closed, open: row.open, median: durationWords(row.medianHours), overdue: row.kind === 'hazard' ? row.overdue : '' })
    }
    for (const kind of VOICE_KINDS) {
      const sheet = sheetOf(book, VOICE_KIND_NAMES[kind], {
        at: ['提出时间', 18], title: ['标题', 24], place: ['地点', 20], courtyard: ['院落', 16], author: ['提出人', 10], status: ['状态', 14],
        handled: ['办理情况', 36], closedAt: ['办结时间', 18], hours: ['用时', 12],
        ...(kind === 'suggestion' ? { supports: ['附议', 8] } : {}),
        ...(kind === 'wish' ? { taker: ['认领人', 10], offer: ['心愿定制积分', 12], rating: ['评分', 8] } : {}),
      })
      for (const p of posts.filter((x) => x.kind === kind)) {
        const steps = p.history.filter((h) => h.step !== 'post' && h.by.role !== '居民').map((h) => `${h.by.role}${h.by.name}：${h.note ?? ''}`.trim())
        const person = (a: VoiceRecord['author']) => nameFor(PUBLIC, { kind: 'person', name: a.name, communityId: p.communityId, residentId: a.residentId })
        sheet.addRow({
          at: time(p.createdAt),
          title: p.title,
          place: p.place,
          courtyard: p.courtyardName,
          author: person(p.author),
          status: statusName(kind, p.status),
          handled: steps.join('；'),
          closedAt: time(p.closedAt),
          hours: p.closedAt ? durationWords(hoursBetween(p.createdAt, p.closedAt)) : '',
          supports: p.supports,
          taker: p.taker ? person(p.taker) : '',
          offer: p.offerTenths ? formatPoints(fromTenths(p.offerTenths)) : '',
          rating: p.rating ?? '',
        })
      }
    }
    ctx.audit({ target: { type: 'voices', id: input.month } })
    return { file: await saveExport(book, communityId, `voices-${input.month}`, `说事台账-${input.month}.xlsx`, ctx.openid) }
  },
})

/** Hazards waiting more than three days and not flagged yet, two hundred at a time (the timer's next tick takes the rest). */
export async function dueOverdue(db: Db, now: Date): Promise<VoiceRecord[]> {
  const _ = db.command
  const before = new Date(now.getTime() - HAZARD_OVERDUE_DAYS * 86_400_000).toISOString()
  const rows = (await db.collection('voices').where({ status: _.in(['reported', 'accepted']), createdAt: _.lt(before), kind: 'hazard' }).limit(200).get()).data as VoiceRecord[]
  return rows.filter((r) => !r.overdueFlaggedAt)
}

/** Flags one overdue hazard to the admins, once (the mark is set in a transaction before the message goes). */
export async function flagOverdue(db: Db, post: VoiceRecord, now: Date): Promise<boolean> {
  const flagged = await transaction(db, async (tx) => {
    const current = ((await tx.collection('voices').doc(post._id).get()).data ?? null) as VoiceRecord | null
    if (!current || current.overdueFlaggedAt || !hazardOverdue(current.status, current.createdAt, now)) return false
    await tx.collection('voices').doc(post._id).update({ overdueFlaggedAt: now.toISOString() })
    return true
  })
  if (flagged) await notifyHandlers(db, post, now, { overdue: true })
  return flagged
}

export const reportActions = { summary, export: exportMonth }
