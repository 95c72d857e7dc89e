/** How activities, sign-ups and teams are stored, how members see them, and who organises which. */
import type { Activity, ActivityStatus, Team } from '../../src/core/activities'
import { DomainError } from '../../src/core/errors'
import { fromTenths } from '../../src/core/points'
import { type Viewer, nameFor, viewerOf } from '../../src/core/visibility'
import type { Db } from '../_shared/cloud'
import { isAdminOf } from '../_shared/community'
import type { MemberCtx } from '../_shared/handler'

export interface ActivityRecord {
  _id: string
  communityId: string
  title: string
  description: string
  place: string
  startAt: string
  endAt: string
  /** When sign-up closes (the input's `signupUntil`, or the start). */
  signupUntil: string
  capacity: number | null
  /** Places taken: sign-ups and walk-ins; taken inside the transaction that signs up, as shop.exchange takes stock. */
  taken: number
  pointsTenths: number
  teamId: string | null
  teamName: string
  /** The grid a grid worker published it for (null: the admin's or a team's). */
  gridId: string | null
  partyProject: boolean
  photos: string[]
  status: ActivityStatus
  /** The organiser: the openid of the one who published it. */
  organiser: string
  organiserName: string
  /** The first 8 digits of every check-in code (not secret: the signature is). */
  ticket: string
  createdAt: string
  updatedAt: string
  finishedAt?: string
  finishedBy?: string
}

/** One resident's sign-up and check-in (`<activityId>:<residentId>`). */
export interface SignupRecord {
  _id: string
  activityId: string
  communityId: string
  residentId: string
  openid: string | null
  name: string
  gridId: string
  courtyardId: string
  householdId: string
  status: 'signed' | 'cancelled'
  signedAt: string
  /** Checked in without having signed up (a place taken at check-in). */
  walkIn: boolean
  attendedAt: string | null
  /** Who checked them in: themselves, or the organiser (代签到). */
  checkedInBy?: string
  /** The reminder before the start (jobs): due at `remindAt`, then sent or skipped — once per sign-up. */
  reminder: 'due' | 'sent' | 'skipped'
  remindAt: string
}

export interface TeamRecord {
  _id: string
  communityId: string
  name: string
  description: string
  leaderId: string
  leaderName: string
  memberIds: string[]
  createdAt: string
  updatedAt: string
}

export const signupId = (activityId: string, residentId: string) => `${activityId}:${residentId}`

/** Whether the caller organises `a`: the one who published it, or the admin of its community. */
export const organises = (ctx: MemberCtx, a: ActivityRecord) => a.organiser === ctx.openid || isAdminOf(ctx, a.communityId)

export function toActivity(a: ActivityRecord, ctx: MemberCtx): Activity {
  return {
    id: a._id,
    title: a.title,
    description: a.description,
    place: a.place,
    startAt: a.startAt,
    endAt: a.endAt,
    signupUntil: a.signupUntil,
    capacity: a.capacity,
    taken: a.taken,
    points: fromTenths(a.pointsTenths),
    teamId: a.teamId,
    teamName: a.teamName,
    partyProject: a.partyProject,
    photos: a.photos,
    status: a.status,
    organiserName: a.organiserName,
    organiser: organises(ctx, a),
    ...(a.finishedAt ? { finishedAt: a.finishedAt } : {}),
  }
}

export function toTeam(t: TeamRecord, ctx: MemberCtx): Team {
  const viewer = viewerOf(ctx)
  return {
    id: t._id,
    name: t.name,
    description: t.description,
    leaderId: t.leaderId,
    leaderName: nameFor(viewer, { kind: 'person', name: t.leaderName, communityId: t.communityId, residentId: t.leaderId }),
    members: t.memberIds.length,
    joined: !!ctx.user.residentId && t.memberIds.includes(ctx.user.residentId),
    leads: !!ctx.user.residentId && t.leaderId === ctx.user.residentId,
  }
}

/** A sign-up as the organiser's attendance list shows it, the name by the one rule of names. */
export function toAttendee(s: SignupRecord, viewer: Viewer) {
  return {
    residentId: s.residentId,
    name: nameFor(viewer, { kind: 'person', name: s.name, communityId: s.communityId, gridId: s.gridId, courtyardId: s.courtyardId, residentId: s.residentId }),
    signedAt: s.signedAt,
    attendedAt: s.attendedAt,
    walkIn: s.walkIn,
    byOrganiser: !!s.attendedAt && !!s.checkedInBy && s.checkedInBy !== s.openid,
  }
}

/** An activity of the caller's community, or NOT_FOUND (never a hint about other communities). */
export async function loadActivity(ctx: MemberCtx, activityId: string): Promise<ActivityRecord> {
  const a = ((await ctx.db.collection('activities').doc(activityId).get()).data as ActivityRecord[])[0]
  if (!a || a.communityId !== ctx.user.communityId) throw new DomainError('NOT_FOUND', '没有找到这个活动')
  return a
}

/** The activity, for its organiser (or the admin) only. */
export async function loadOrganised(ctx: MemberCtx, activityId: string): Promise<ActivityRecord> {
  const a = await loadActivity(ctx, activityId)
  if (!organises(ctx, a)) throw new DomainError('AUTH.FORBIDDEN', '只有活动的发起人或工作小组可以做这件事')
  return a
}

/** Every sign-up of an activity (cancelled ones included), oldest first. */
export async function signupsOf(db: Db, activityId: string): Promise<SignupRecord[]> {
  const out: SignupRecord[] = []
  for (let offset = 0; ; offset += 1000) {
    const page = (await db.collection('activitySignups').where({ activityId }).skip(offset).limit(1000).get()).data as SignupRecord[]
    out.push(...page)
    if (page.length < 1000) return out.sort((a, b) => a.signedAt.localeCompare(b.signedAt) || a._id.localeCompare(b._id))
  }
}

/** Whether a party project may be claimed by this resident: only party members claim them. */
export function assertMayJoin(a: ActivityRecord, resident: { partyMember?: boolean }): void {
  if (a.partyProject && !resident.partyMember) throw new DomainError('AUTH.FORBIDDEN', '这是党员认领项目，只有登记的党员可以认领')
}
