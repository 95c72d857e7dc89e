/**
 * 说事 (voices): three loops that run beside the points and feed them, one lifecycle table each.
 * - 居民说事 (suggestion): open → answered (staff answer in public) → adopted | closed. Members support (附议) once each;
 *   the most supported come first. Adopting it credits its author once, by the community's suggestion rule.
 * - 微心愿 (wish): pending (only the poster and the office see it: needy people's details stay private) → public → taken
 *   → fulfilled → confirmed; or rejected / withdrawn. Confirming credits the taker once by the wish rule, and moves the
 *   points the poster offered (心愿定制, held since posting) to the taker.
 * - 随手拍 (hazard): reported → accepted (credits the reporter once, by the hazard rule) → resolved (with the "after"
 *   photos) → confirmed by the reporter; or rejected (not a hazard, with a reason). It goes to the grid of the place.
 * The handlers ask these tables for the next status; none decides a status on its own.
 */
import { DomainError } from './errors'
import { type Lifecycle, isFinal, lifecycle, next } from './lifecycle'

export const VOICE_KINDS = ['suggestion', 'wish', 'hazard'] as const
export type VoiceKind = (typeof VOICE_KINDS)[number]
export const VOICE_KIND_NAMES: Record<VoiceKind, string> = { suggestion: '居民说事', wish: '微心愿', hazard: '随手拍' }

export const SUGGESTION_STATUS_NAMES = { open: '等回复', answered: '已回复', adopted: '已采纳', closed: '已办结' } as const
export const WISH_STATUS_NAMES = { pending: '等社区审核', public: '等人认领', taken: '已认领', fulfilled: '已完成，等确认', confirmed: '已圆梦', rejected: '未通过', withdrawn: '已撤回' } as const
export const HAZARD_STATUS_NAMES = { reported: '等网格员受理', accepted: '已受理，处理中', resolved: '已处理，等确认', confirmed: '已确认解决', rejected: '不是隐患' } as const

export type SuggestionStatus = keyof typeof SUGGESTION_STATUS_NAMES
export type WishStatus = keyof typeof WISH_STATUS_NAMES
export type HazardStatus = keyof typeof HAZARD_STATUS_NAMES
export type VoiceStatus = SuggestionStatus | WishStatus | HazardStatus

/** What moves a post: staff replies and decisions, and the wish's steps (take, fulfil, confirm, withdraw). */
export type SuggestionEvent = 'reply' | 'adopt' | 'close'
export type WishEvent = 'publish' | 'reject' | 'take' | 'fulfil' | 'confirm' | 'withdraw' | 'reply'
export type HazardEvent = 'accept' | 'resolve' | 'reject' | 'confirm' | 'reply'
export type VoiceEvent = SuggestionEvent | WishEvent | HazardEvent

export const VOICE_EVENT_NAMES: Record<VoiceEvent, string> = {
  reply: '回复',
  adopt: '采纳',
  close: '办结',
  publish: '公开',
  reject: '不通过',
  take: '认领',
  fulfil: '完成',
  confirm: '确认',
  withdraw: '撤回',
  accept: '受理',
  resolve: '处理完毕',
}

const refusal = <S extends string>(names: Record<S, string>, what: string) => (status: S | undefined, event: string) => {
  if (status === undefined) return new DomainError('NOT_FOUND', `没有找到这条${what}`)
  return new DomainError('VOICE.INVALID_TRANSITION', `这条${what}“${names[status]}”，不能${VOICE_EVENT_NAMES[event as VoiceEvent] ?? event}`)
}

export const SUGGESTIONS = lifecycle<SuggestionStatus, SuggestionEvent>(SUGGESTION_STATUS_NAMES, {
  transitions: {
    open: { reply: 'answered', adopt: 'adopted', close: 'closed' },
    answered: { reply: 'answered', adopt: 'adopted', close: 'closed' },
    adopted: {},
    closed: {},
  },
  // Staff answer in public (the admin, the grid worker or 院长 of the author's place); only the admin adopts or closes.
  actors: { reply: ['admin', 'grid', 'head'], adopt: ['admin'], close: ['admin'] },
  refuse: refusal(SUGGESTION_STATUS_NAMES, '建议'),
})

export const WISHES = lifecycle<WishStatus, WishEvent>(WISH_STATUS_NAMES, {
  transitions: {
    pending: { publish: 'public', reject: 'rejected', withdraw: 'withdrawn', reply: 'pending' },
    public: { take: 'taken', withdraw: 'withdrawn', reply: 'public' },
    // The taker fulfils; the poster may still withdraw while nothing was done (the taker is told).
    taken: { fulfil: 'fulfilled', withdraw: 'withdrawn', reply: 'taken' },
    fulfilled: { confirm: 'confirmed', reply: 'fulfilled' },
    confirmed: {},
    rejected: {},
    withdrawn: {},
  },
  // publish / reject: the admin. take: any member but the poster. fulfil: the taker. confirm: the poster, or staff for a
  // poster without a phone. withdraw: the poster (or the admin for them). `owner` is the member acting for themselves:
  // the taker takes and fulfils, the poster confirms.
  actors: { publish: ['admin'], reject: ['admin'], take: ['owner'], fulfil: ['owner'], confirm: ['owner', 'admin', 'grid', 'head'], withdraw: ['owner', 'admin'], reply: ['admin', 'grid', 'head'] },
  refuse: refusal(WISH_STATUS_NAMES, '心愿'),
})

export const HAZARDS = lifecycle<HazardStatus, HazardEvent>(HAZARD_STATUS_NAMES, {
  transitions: {
    reported: { accept: 'accepted', reject: 'rejected', reply: 'reported' },
    accepted: { resolve: 'resolved', reply: 'accepted' },
    resolved: { confirm: 'confirmed', reply: 'resolved' },
    confirmed: {},
    rejected: {},
  },
  // The grid worker of the place's grid (or the admin) handles it; the reporter, and only they, confirm the result.
  actors: { accept: ['grid', 'admin'], resolve: ['grid', 'admin'], reject: ['grid', 'admin'], confirm: ['owner'], reply: ['admin', 'grid', 'head'] },
  refuse: refusal(HAZARD_STATUS_NAMES, '隐患报告'),
})

// The three tables behind one door: the kind picks the table.
const TABLES = { suggestion: SUGGESTIONS, wish: WISHES, hazard: HAZARDS } as unknown as Record<VoiceKind, Lifecycle<VoiceStatus, VoiceEvent>>

export const voiceLifecycle = (kind: VoiceKind): Lifecycle<VoiceStatus, VoiceEvent> => TABLES[kind]

/** The status after `event` on a post of `kind`, or the table's refusal. */
export const nextVoiceStatus = (kind: VoiceKind, status: VoiceStatus | undefined, event: VoiceEvent): VoiceStatus => next(TABLES[kind], status, event)

/** Where each kind starts. */
export const FIRST_STATUS: Record<VoiceKind, VoiceStatus> = { suggestion: 'open', wish: 'pending', hazard: 'reported' }

const STATUS_NAMES: Record<VoiceKind, Record<string, string>> = { suggestion: SUGGESTION_STATUS_NAMES, wish: WISH_STATUS_NAMES, hazard: HAZARD_STATUS_NAMES }

/** A status in words, by the kind's own table (a wish's 已圆梦, a hazard's 已确认解决: the same key, other words). */
export const statusName = (kind: VoiceKind, status: VoiceStatus): string => STATUS_NAMES[kind][status] ?? status

/** Whether nothing more happens to a post: the loop is closed. */
export const isClosed = (kind: VoiceKind, status: VoiceStatus): boolean => isFinal(TABLES[kind], status)

/** Whether a post of `kind` in `status` may be seen by members other than its poster and staff. */
export function isPublic(kind: VoiceKind, status: VoiceStatus): boolean {
  if (kind === 'suggestion') return true
  if (kind === 'wish') return status === 'public' || status === 'taken' || status === 'fulfilled' || status === 'confirmed'
  return false
}

/** The decisions `voices.decide` takes, by kind, and the event each one is. */
export const DECISIONS = {
  suggestion: ['adopt', 'close'],
  wish: ['publish', 'reject'],
  hazard: ['accept', 'resolve', 'reject'],
} as const satisfies Record<VoiceKind, readonly VoiceEvent[]>
export type VoiceDecision = (typeof DECISIONS)[VoiceKind][number]

/** A report waiting this long for the grid worker is flagged to the admin. */
export const HAZARD_OVERDUE_DAYS = 3

/** Whether a hazard reported at `reportedAt` and still `reported` or `accepted` at `now` is overdue. */
export const hazardOverdue = (status: VoiceStatus, reportedAt: string, now: Date): boolean =>
  (status === 'reported' || status === 'accepted') && now.getTime() - new Date(reportedAt).getTime() > HAZARD_OVERDUE_DAYS * 86_400_000

/** The most a wish may offer from the poster's own points (心愿定制). */
export const MAX_OFFER_POINTS = 500

/** One step of a post's timeline. */
export interface VoiceStep {
  at: string
  /** Who did it, as the viewer may see them. */
  by: string
  /** 提交, 回复, 采纳, 认领…. */
  step: string
  note?: string
  /** Links to the photos of the step ("after" photos of a resolved hazard, a fulfilled wish's photos). */
  photoUrls?: string[]
}

/** A post as a member sees it. */
export interface Voice {
  id: string
  kind: VoiceKind
  kindName: string
  title: string
  text: string
  place: string
  status: VoiceStatus
  statusName: string
  /** The poster, by the one rule of names (张*英 for those not in the viewer's charge). */
  author: string
  /** Who posted it for the author (代说事: a 院长 or grid worker, for a resident without a phone). */
  proxy?: string
  courtyard: string
  mine: boolean
  createdAt: string
  updatedAt: string
  supports: number
  supported: boolean
  /** 心愿定制: the points the poster offers the taker (0: none). */
  offerPoints: number
  taker?: string
  takenByMe: boolean
  rating?: number
  /** Points credited by the kind's rule (to the author, the taker, the reporter), once it happened. */
  credited?: number
  /** A hazard waiting more than three days. */
  overdue: boolean
  closed: boolean
  photoCount: number
  /** What the caller may do now: the buttons. */
  may: { reply: boolean; support: boolean; decide: VoiceDecision[]; take: boolean; fulfil: boolean; confirm: boolean; withdraw: boolean }
}

export interface VoiceReply {
  id: string
  by: string
  role: string
  text: string
  at: string
  photoUrls: string[]
}

/** The admin's summary: per kind, how many, how many closed, and the median days to close. */
export interface VoiceSummaryRow {
  kind: VoiceKind
  kindName: string
  total: number
  closed: number
  open: number
  /** Median hours from posting to the last step, over the closed ones; null when none closed. */
  medianHours: number | null
  overdue: number
  byStatus: { status: VoiceStatus; name: string; count: number }[]
}

/** The median of `values` (null for none). */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

/** "3 天 4 小时", "5 小时", "不到 1 小时": a duration in hours, in words. */
export function durationWords(hours: number | null): string {
  if (hours === null) return '—'
  if (hours < 1) return '不到 1 小时'
  const h = Math.round(hours)
  const days = Math.floor(h / 24)
  const rest = h % 24
  if (days === 0) return `${h} 小时`
  return rest ? `${days} 天 ${rest} 小时` : `${days} 天`
}
