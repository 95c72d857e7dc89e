/**
 * 活动 (activities): the organiser — the admin, a grid worker in their grid, or a volunteer team's leader for the team —
 * publishes one; members sign up while places remain and sign-up is open; on site they check in by scanning the
 * organiser's rotating code; the organiser finishes it and every attendee is credited once. A `partyProject` is one
 * party members claim (认领 = sign up). The activity's status gates every action: one table, below.
 */
import { DomainError } from './errors'
import { lifecycle, next } from './lifecycle'

export const ACTIVITY_STATUSES = ['published', 'finished'] as const
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number]
export const ACTIVITY_STATUS_NAMES: Record<ActivityStatus, string> = { published: '进行中', finished: '已结束' }

/** edit (保存修改), signup (报名、取消报名), checkin (签到、代签到、签到码), finish (结束并发积分). */
export type ActivityEvent = 'edit' | 'signup' | 'checkin' | 'finish'

export const ACTIVITIES = lifecycle<ActivityStatus, ActivityEvent>(ACTIVITY_STATUS_NAMES, {
  transitions: {
    published: { edit: 'published', signup: 'published', checkin: 'published', finish: 'finished' },
    // Final. Finishing again is not a move: the handler answers it as the first time (allows() is false), and it awards
    // nothing more (each attendee's entry has its key).
    finished: {},
  },
  // edit / finish: the organiser (the one who published it) or the admin. signup / checkin: a member, of their own
  // sign-up (its owner); the organiser also checks in a resident without a phone (代签到).
  actors: { edit: ['owner', 'admin'], signup: ['owner'], checkin: ['owner', 'admin', 'grid'], finish: ['owner', 'admin'] },
  refuse: (status) => {
    if (status === undefined) return new DomainError('NOT_FOUND', '没有找到这个活动')
    return new DomainError('ACTIVITY.CLOSED', `这个活动${ACTIVITY_STATUS_NAMES[status]}，不能再报名、签到或修改`)
  },
})

/** The status after `event`, or the refusal (a finished activity). */
export const nextActivityStatus = (status: ActivityStatus | undefined, event: ActivityEvent): ActivityStatus => next(ACTIVITIES, status, event)

/** Check-in opens this long before the start, and closes at the end. */
export const CHECKIN_OPENS_MINUTES = 30
/** Residents signed up are reminded this long before the start (by the jobs timer). */
export const REMINDER_HOURS = 2

/** When sign-up closes: `signupUntil`, or the start (whichever comes first). */
export const signupClosesAt = (a: { startAt: string; signupUntil?: string | null }): string =>
  a.signupUntil && a.signupUntil < a.startAt ? a.signupUntil : a.startAt

/** Whether sign-up is open at `at` (ISO; compared as instants). */
export const signupOpen = (a: { startAt: string; signupUntil?: string | null }, at: Date): boolean => at.getTime() < new Date(signupClosesAt(a)).getTime()

/** Whether check-in is open at `at`: from 30 minutes before the start until the end. */
export function checkinOpen(a: { startAt: string; endAt: string }, at: Date): boolean {
  const t = at.getTime()
  return t >= new Date(a.startAt).getTime() - CHECKIN_OPENS_MINUTES * 60_000 && t < new Date(a.endAt).getTime()
}

/** When a signed-up resident is reminded: two hours before the start, or at once when they sign up later than that. */
export const remindAt = (startAt: string, signedAt: Date): string => {
  const at = new Date(new Date(startAt).getTime() - REMINDER_HOURS * 3600_000)
  return (at > signedAt ? at : signedAt).toISOString()
}

/** An activity as members see it. */
export interface Activity {
  id: string
  title: string
  description: string
  place: string
  startAt: string
  endAt: string
  signupUntil: string
  /** null: no limit. */
  capacity: number | null
  /** Places taken (sign-ups, and walk-ins who checked in). */
  taken: number
  points: number
  teamId: string | null
  teamName: string
  partyProject: boolean
  photos: string[]
  status: ActivityStatus
  organiserName: string
  /** Whether the caller is its organiser (or the admin): the organiser's buttons. */
  organiser: boolean
  finishedAt?: string
}

/** A volunteer team (志愿服务队) as members see it. */
export interface Team {
  id: string
  name: string
  description: string
  leaderId: string
  leaderName: string
  members: number
  joined: boolean
  leads: boolean
}
