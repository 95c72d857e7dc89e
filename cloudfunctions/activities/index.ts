/**
 * 活动 — activities, their sign-up and on-site check-in, finishing (points for every attendee), party members' projects
 * (认领), and volunteer teams. The lifecycle is src/core/activities; the inputs src/core/activities.schema.
 *   save         the admin, a grid worker (for their grid), a team's leader (for the team): publish or change one
 *   list / get   members: upcoming or past, mine; one with my sign-up and the counts (the organiser: the attendance list)
 *   signup / cancelSignup / checkin            members (attend.ts)
 *   checkinCode / checkinFor / finish / exportAttendance   the organiser: the one who published it, or the admin
 *   teams / saveTeam / joinTeam / leaveTeam    members; the admin saves (teams.ts)
 */
import { nextActivityStatus, remindAt } from '../../src/core/activities'
import { getInput, listInput, saveInput } from '../../src/core/activities.schema'
import { DomainError } from '../../src/core/errors'
import { fromTenths, toTenths } from '../../src/core/points'
import { viewerOf } from '../../src/core/visibility'
import { transaction } from '../_shared/cloud'
import { communityOf, isAdminOf } from '../_shared/community'
import { type MemberCtx, action, defineFunction } from '../_shared/handler'
import { checkPhotos } from '../_shared/evidence'
import { derivedId } from '../_shared/ids'
import { pageBy } from '../_shared/paging'
import { admit, screen } from '../_shared/screening'
import { newTicket } from '../_shared/voucher-code'
import { attendActions } from './attend'
import { entryKey, finishActions } from './finish'
import type { LedgerRecord } from '../_shared/ledger'
import { type ActivityRecord, type SignupRecord, type TeamRecord, loadActivity, organises, signupId, signupsOf, toActivity, toAttendee } from './records'
import { teamActions } from './teams'

const PAGE = 20

/** Under whom a new activity is published: the admin (whole community), a team's leader (the team), a grid worker (their grid). */
async function publisher(ctx: MemberCtx, communityId: string, teamId: string | undefined): Promise<{ gridId: string | null; team: TeamRecord | null }> {
  const admin = isAdminOf(ctx, communityId)
  if (teamId) {
    const team = ((await ctx.db.collection('teams').doc(teamId).get()).data as TeamRecord[])[0]
    if (!team || team.communityId !== communityId) throw new DomainError('NOT_FOUND', '没有找到这支队伍')
    if (!admin && team.leaderId !== ctx.user.residentId) throw new DomainError('AUTH.FORBIDDEN', '只有队长或工作小组可以为这支队伍发布活动')
    return { gridId: null, team }
  }
  if (admin) return { gridId: null, team: null }
  const grid = ctx.roles.find((r) => r.role === 'grid')
  if (grid) return { gridId: grid.nodeId, team: null }
  throw new DomainError('AUTH.FORBIDDEN', '只有工作小组、网格员或志愿服务队队长可以发布活动')
}

/** 发布 a new activity (a retried requestId answers the first) or 修改 one (its organiser or the admin, while it runs). */
const save = action({
  input: saveInput,
  access: 'member',
  audit: true,
  handler: async ({ ctx, input }) => {
    const communityId = communityOf(ctx)
    const now = ctx.now()
    const iso = now.toISOString()
    const screening = screen(ctx.openid, 'forum', { texts: { 活动名称: input.title, 活动介绍: input.description, 地点: input.place } }, now)
    const existing = input.id ? await loadActivity(ctx, input.id) : null
    if (existing && !organises(ctx, existing)) throw new DomainError('AUTH.FORBIDDEN', '只有活动的发起人或工作小组可以修改这个活动')
    // A new activity, or a change of its team, is published under whoever the caller may publish for.
    const teamChanged = !existing || (input.teamId ?? null) !== existing.teamId
    const { gridId, team } = teamChanged ? await publisher(ctx, communityId, input.teamId) : { gridId: existing.gridId, team: null }
    // New photos are the caller's own uploads, and real photos (those it already holds stay as they are).
    await checkPhotos((input.photos ?? []).filter((p) => !existing?.photos.includes(p)), [ctx.openid])
    admit(await screening)
    const id = existing?._id ?? derivedId('act', ctx.openid, input.requestId)
    const fields = {
      title: input.title,
      description: input.description,
      place: input.place,
      startAt: new Date(input.startAt).toISOString(),
      endAt: new Date(input.endAt).toISOString(),
      signupUntil: new Date(input.signupUntil ?? input.startAt).toISOString(),
      capacity: input.capacity ?? null,
      pointsTenths: toTenths(input.points),
      partyProject: !!input.partyProject,
      photos: input.photos ?? existing?.photos ?? [],
      ...(teamChanged ? { teamId: team?._id ?? null, teamName: team?.name ?? '' } : {}),
      updatedAt: iso,
    }
    const activity = await transaction(ctx.db, async (tx) => {
      const current = ((await tx.collection('activities').doc(id).get()).data ?? null) as ActivityRecord | null
      if (!existing) {
        if (current) return current
        const record: ActivityRecord = { _id: id, communityId, ...fields, teamId: team?._id ?? null, teamName: team?.name ?? '', gridId: gridId ?? null, taken: 0, status: 'published', organiser: ctx.openid, organiserName: ctx.user.name, ticket: newTicket(), createdAt: iso }
        const { _id, ...rest } = record
        await tx.collection('activities').doc(_id).set(rest)
        return record
      }
      nextActivityStatus(current?.status, 'edit')
      if (fields.capacity !== null && fields.capacity < current!.taken) throw new DomainError('INPUT.INVALID', `已经有 ${current!.taken} 人报名，名额不能少于这个数`)
      await tx.collection('activities').doc(id).update(fields)
      return { ...current!, ...fields }
    })
    // A new start moves the reminders not sent yet.
    if (existing && existing.startAt !== activity.startAt) {
      await ctx.db.collection('activitySignups').where({ activityId: id, reminder: 'due' }).update({ remindAt: remindAt(activity.startAt, now) })
    }
    ctx.audit({ target: { type: 'activity', id }, ...(existing ? { before: { title: existing.title, startAt: existing.startAt } } : {}), after: { title: activity.title, startAt: activity.startAt } })
    return { activity: toActivity(activity, ctx) }
  },
})

/** Whether the caller sees party projects: a registered party member (who alone claim them), or the community's staff. */
async function seesPartyProjects(ctx: MemberCtx): Promise<boolean> {
  if (ctx.roles.some((r) => r.role === 'admin' || r.role === 'grid')) return true
  if (!ctx.user.residentId) return false
  const r = ((await ctx.db.collection('residents').doc(ctx.user.residentId).get()).data as { partyMember?: boolean }[])[0]
  return !!r?.partyMember
}

/**
 * Upcoming (not ended, soonest first) or past (newest first); `mine`: those I signed up for (newest sign-up first);
 * `partyProject`: party projects only. Party projects are listed for party members (and the admin and grid workers) only.
 */
const list = action({
  input: listInput,
  access: 'member',
  handler: async ({ ctx, input }) => {
    const communityId = communityOf(ctx)
    const _ = ctx.db.command
    const seesParty = await seesPartyProjects(ctx)
    if (input.mine) {
      if (!ctx.user.residentId) return { items: [] }
      const page = await pageBy<SignupRecord>(ctx.db, 'activitySignups', { residentId: ctx.user.residentId, status: 'signed' }, { field: 'signedAt', direction: 'desc', cursor: input.cursor, size: PAGE })
      const ids = page.items.map((s) => s.activityId)
      const found = ids.length ? ((await ctx.db.collection('activities').where({ _id: _.in(ids) }).limit(PAGE).get()).data as ActivityRecord[]) : []
      const byId = new Map(found.map((a) => [a._id, a]))
      const items = ids.map((i) => byId.get(i)).filter((a): a is ActivityRecord => !!a && (!input.partyProject || a.partyProject))
      return { items: items.map((a) => toActivity(a, ctx)), ...(page.cursor ? { cursor: page.cursor } : {}) }
    }
    const iso = ctx.now().toISOString()
    const past = input.when === 'past'
    const where = {
      communityId,
      endAt: past ? _.lte(iso) : _.gt(iso),
      ...(input.partyProject ? { partyProject: true } : seesParty ? {} : { partyProject: false }),
    }
    if (input.partyProject && !seesParty) return { items: [] }
    const page = await pageBy<ActivityRecord>(ctx.db, 'activities', where, { field: 'startAt', direction: past ? 'desc' : 'asc', cursor: input.cursor, size: PAGE })
    return { items: page.items.map((a) => toActivity(a, ctx)), ...(page.cursor ? { cursor: page.cursor } : {}) }
  },
})

/**
 * One activity: my sign-up, and how many signed up and checked in; once I was credited, what I got (`credit`: the
 * points, and whether they wait for the month's publicity under monthly settlement); its organiser also gets the
 * attendance list.
 */
const get = action({
  input: getInput,
  access: 'member',
  handler: async ({ ctx, input }) => {
    const a = await loadActivity(ctx, input.activityId)
    if (a.partyProject && !organises(ctx, a) && !(await seesPartyProjects(ctx))) throw new DomainError('NOT_FOUND', '没有找到这个活动')
    const signups = (await signupsOf(ctx.db, a._id)).filter((s) => s.status === 'signed')
    const mine = ctx.user.residentId ? signups.find((s) => s._id === signupId(a._id, ctx.user.residentId!)) : undefined
    const viewer = viewerOf(ctx)
    const entry = mine?.attendedAt && a.status === 'finished' ? ((await ctx.db.collection('ledger').doc(entryKey(a._id, mine.residentId)).get()).data as LedgerRecord[])[0] : undefined
    return {
      activity: toActivity(a, ctx),
      signedUp: !!mine,
      attended: !!mine?.attendedAt,
      ...(entry ? { credit: { points: fromTenths(entry.delta), pending: !!entry.pendingMonth } } : {}),
      counts: { signups: signups.length, attended: signups.filter((s) => s.attendedAt).length },
      ...(organises(ctx, a) ? { attendees: signups.map((s) => toAttendee(s, viewer)) } : {}),
    }
  },
})

export const actions = { save, list, get, ...attendActions, ...finishActions, ...teamActions }

export const main = defineFunction('activities', actions)
