/**
 * 结束: the organiser finishes the activity and every attendee is credited once — an entry keyed by activity and
 * resident (`activity:<activityId>:<residentId>`), into the wallet the community pays into, pending until the month's
 * publicity ends under monthly settlement (as an approved claim), then projected onto the scores so it shows on the
 * board. Finishing again answers the same and awards nothing more (it only completes what a stopped call left).
 * The attendance list exports to Excel: the sign-in sheet offices file.
 */
import { nextActivityStatus } from '../../src/core/activities'
import { exportAttendanceInput, finishInput } from '../../src/core/activities.schema'
import { DomainError } from '../../src/core/errors'
import { inZone, monthKey } from '../../src/core/period'
import { formatPoints, fromTenths } from '../../src/core/points'
import { viewerOf } from '../../src/core/visibility'
import { type Db, transaction } from '../_shared/cloud'
import { saveExport, sheetOf, workbook } from '../_shared/exports'
import { action } from '../_shared/handler'
import { type Placement, postEntry, projectEntry, walletOf } from '../_shared/ledger'
import type { OrgNodeRecord, ResidentRecord } from '../_shared/org'
import { readSettings } from '../_shared/settings'
import { type ActivityRecord, type SignupRecord, loadOrganised, signupsOf, toActivity, toAttendee } from './records'

export const entryKey = (activityId: string, residentId: string) => `activity:${activityId}:${residentId}`

/** Where each attendee stands, with the names an entry keeps: their residents and the org nodes, read a hundred at a time. */
async function placements(db: Db, attendees: SignupRecord[]): Promise<Map<string, Placement>> {
  const _ = db.command
  const byId = async <T extends { _id: string }>(collection: string, ids: string[]) => {
    const out = new Map<string, T>()
    for (let i = 0; i < ids.length; i += 100) {
      for (const d of (await db.collection(collection).where({ _id: _.in(ids.slice(i, i + 100)) }).limit(100).get()).data as T[]) out.set(d._id, d)
    }
    return out
  }
  const residents = await byId<ResidentRecord>('residents', attendees.map((s) => s.residentId))
  const nodes = await byId<OrgNodeRecord>('orgNodes', [...new Set([...residents.values()].flatMap((r) => [r.courtyardId, r.householdId]))])
  const out = new Map<string, Placement>()
  for (const r of residents.values()) {
    out.set(r._id, {
      communityId: r.communityId,
      gridId: r.gridId,
      courtyardId: r.courtyardId,
      householdId: r.householdId,
      residentId: r._id,
      residentName: r.name,
      courtyardName: nodes.get(r.courtyardId)?.name ?? '',
      householdName: nodes.get(r.householdId)?.name ?? '',
    })
  }
  return out
}

/** Credits every attendee not credited yet, eight at a time; answers how many it credited now. */
async function creditAttendees(db: Db, a: ActivityRecord, by: { openid: string; name: string }, now: Date): Promise<number> {
  const attendees = (await signupsOf(db, a._id)).filter((s) => s.status === 'signed' && s.attendedAt)
  const credited = new Set(
    ((await db.collection('ledger').where({ 'source.id': a._id }).limit(1000).get()).data as { _id: string }[]).map((e) => e._id),
  )
  const due = attendees.filter((s) => !credited.has(entryKey(a._id, s.residentId)))
  if (due.length === 0 || a.pointsTenths <= 0) return 0
  const settings = await readSettings(db, a.communityId)
  const places = await placements(db, due)
  let awarded = 0
  const one = async (s: SignupRecord) => {
    const placement = places.get(s.residentId)
    if (!placement) return
    const key = entryKey(a._id, s.residentId)
    const entry = await transaction(db, async (tx) => {
      // Another finish at the same moment may have written it: the key is the guard.
      if ((await tx.collection('ledger').doc(key).get()).data) return null
      return postEntry(
        tx,
        { key, accountId: walletOf(placement, settings.householdWallet), delta: a.pointsTenths, kind: 'credit', source: { type: 'activity', id: a._id }, operator: by.openid, operatorName: by.name, note: `活动：${a.title}` },
        placement,
        now,
        settings.settlement === 'monthly' ? { pendingMonth: monthKey(now) } : {},
      )
    })
    if (entry) {
      awarded++
      await projectEntry(db, entry._id)
    }
  }
  for (let i = 0; i < due.length; i += 8) await Promise.all(due.slice(i, i + 8).map(one))
  return awarded
}

const finish = action({
  input: finishInput,
  access: 'member',
  audit: true,
  handler: async ({ ctx, input }) => {
    const seen = await loadOrganised(ctx, input.activityId)
    const now = ctx.now()
    if (now.getTime() < new Date(seen.startAt).getTime()) throw new DomainError('INPUT.INVALID', '活动还没有开始，不能结束')
    const activity = await transaction(ctx.db, async (tx) => {
      const a = ((await tx.collection('activities').doc(seen._id).get()).data ?? null) as ActivityRecord | null
      // Finished already: answered as it is (what a stopped call left uncredited is credited below).
      if (a?.status === 'finished') return a
      const status = nextActivityStatus(a?.status, 'finish')
      const changes = { status, finishedAt: now.toISOString(), finishedBy: ctx.openid, updatedAt: now.toISOString() }
      await tx.collection('activities').doc(a!._id).update(changes)
      return { ...a!, ...changes }
    })
    const awarded = await creditAttendees(ctx.db, activity, { openid: ctx.openid, name: ctx.user.name }, now)
    ctx.audit({ target: { type: 'activity', id: activity._id }, before: { status: seen.status }, after: { status: activity.status, awarded } })
    return { activity: toActivity(activity, ctx), awarded }
  },
})

const time = (iso: string | null) => (iso ? inZone(iso).format('YYYY-MM-DD HH:mm') : '')

/** 签到表: everyone signed up or checked in, as Excel. */
const exportAttendance = action({
  input: exportAttendanceInput,
  access: 'member',
  audit: true,
  handler: async ({ ctx, input }) => {
    const a = await loadOrganised(ctx, input.activityId)
    const signups = (await signupsOf(ctx.db, a._id)).filter((s) => s.status === 'signed')
    if (signups.length === 0) throw new DomainError('NOT_FOUND', '还没有人报名或签到')
    const viewer = viewerOf(ctx)
    const book = workbook()
    const sheet = sheetOf(book, '签到表', { no: ['序号', 6], name: ['姓名', 12], signedAt: ['报名时间', 18], attendedAt: ['签到时间', 18], how: ['方式', 12], points: ['积分', 8] })
    signups.forEach((s, i) => {
      const row = toAttendee(s, viewer)
      const how = !s.attendedAt ? '未签到' : s.walkIn ? '现场签到' : row.byOrganiser ? '代签到' : '扫码签到'
      sheet.addRow({ no: i + 1, name: row.name, signedAt: s.walkIn ? '' : time(s.signedAt), attendedAt: time(s.attendedAt), how, points: s.attendedAt ? formatPoints(fromTenths(a.pointsTenths)) : '' })
    })
    ctx.audit({ target: { type: 'activity', id: a._id } })
    return { file: await saveExport(book, a.communityId, `activity-${a._id}`, `签到表-${a.title}.xlsx`, ctx.openid) }
  },
})

export const finishActions = { finish, exportAttendance }
