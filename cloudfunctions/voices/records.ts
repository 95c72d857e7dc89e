/**
 * How a 说事 post is stored, who sees it and what they may do with it, and how it reads through the API.
 * One record per post (`voices`), its steps in `history` (the timeline; staff replies are steps too); each member's
 * 附议 is its own document (`voiceSupports`, `<postId>:<openid>`), so supporting twice is refused by the key.
 */
import { DomainError } from '../../src/core/errors'
import { allows } from '../../src/core/lifecycle'
import { fromTenths } from '../../src/core/points'
import { grantsOver } from '../../src/core/scope'
import type { Role } from '../../src/core/user'
import { type Viewer, nameFor, viewerOf } from '../../src/core/visibility'
import {
  DECISIONS,
  VOICE_EVENT_NAMES,
  VOICE_KIND_NAMES,
  type Voice,
  type VoiceDecision,
  type VoiceEvent,
  type VoiceKind,
  type VoiceReply,
  type VoiceStatus,
  type VoiceStep,
  hazardOverdue,
  isClosed,
  isPublic,
  statusName,
  voiceLifecycle,
} from '../../src/core/voices'
import type { ScreeningRecord } from '../../src/core/screening'
import type { MemberCtx } from '../_shared/handler'
import type { ResidentRecord } from '../_shared/org'

/** Someone who acted, and where they live when a resident (their name is masked as anyone's). */
export interface Actor {
  openid: string
  name: string
  /** 居民, 院长, 网格员, 工作小组. */
  role: string
  residentId?: string | null
  gridId?: string | null
  courtyardId?: string | null
}

export interface VoiceHistoryItem {
  at: string
  by: Actor
  /** `post` for the first step; otherwise the event (reply, adopt, take…). */
  step: 'post' | VoiceEvent
  note?: string
  /** Pinned photos of the step (a reply's, the "after" photos of a resolved hazard, a fulfilled wish's). */
  pinned?: string[]
  rating?: number
}

export interface VoiceRecord {
  _id: string
  communityId: string
  kind: VoiceKind
  /** `<communityId>|<kind>`: what every list reads first. */
  communityKind: string
  title: string
  text: string
  place: string
  /** The uploads as the poster named them, and their pinned copies (what is served). */
  photos: string[]
  pinned: string[]
  /** Pinned photos the platform's check found risky: never served. */
  hidden?: string[]
  /** Where it is about: the grid handles it, the courtyard's head sees it. */
  gridId: string
  courtyardId: string
  courtyardName: string
  author: Actor
  /** The 院长, grid worker or admin who posted it for the author (a resident without a phone), if one did. */
  proxy?: Actor
  /** Whether members other than the poster and staff see it (src/core/voices isPublic), kept for the list's query. */
  visible: boolean
  status: VoiceStatus
  createdAt: string
  updatedAt: string
  month: string
  /** When the loop closed (a final status). */
  closedAt?: string
  supports: number
  /** `<supports, six digits>|<createdAt>`: the order of suggestions, most supported first. */
  rank: string
  /** 心愿定制: the points held on `heldOn` until the wish ends (0: none). */
  offerTenths: number
  heldOn?: string
  taker?: Actor
  takenAt?: string
  rating?: number
  /** The credit by the kind's rule, once written (its ledger key and points). */
  credit?: { key: string; tenths: number; residentId: string }
  /** Set when an overdue hazard was flagged to the admin. */
  overdueFlaggedAt?: string
  history: VoiceHistoryItem[]
  screening?: ScreeningRecord
}

export interface SupportRecord {
  _id: string
  postId: string
  openid: string
  at: string
}

export const supportId = (postId: string, openid: string) => `${postId}:${openid}`
export const rankOf = (supports: number, createdAt: string) => `${String(supports).padStart(6, '0')}|${createdAt}`
/** The ledger key of a post's credit by its rule: one per post, whoever it goes to. */
export const creditKey = (postId: string) => `voice:${postId}`
/** The two halves of a wish's transfer: one key, two entries. */
export const transferKeys = (postId: string) => ({ out: `transfer:${postId}:out`, in: `transfer:${postId}:in` })

const ROLE_NAMES: Record<Role, string> = { admin: '工作小组', grid: '网格员', head: '院长', merchant: '商家' }

/** Whether the caller holds one of `roles` over the post's place. */
export const staffOver = (ctx: MemberCtx, r: Pick<VoiceRecord, 'communityId' | 'gridId' | 'courtyardId'>, roles: readonly Role[]) =>
  grantsOver(ctx.roles, roles, { path: [r.communityId, r.gridId, r.courtyardId] }).length > 0

/**
 * The caller as an actor of a step: the strongest role they hold over the post's place, or 居民 (with where they live,
 * from `resident`, so that their name is masked as anyone's).
 */
export function actorOf(ctx: MemberCtx, r: Pick<VoiceRecord, 'communityId' | 'gridId' | 'courtyardId'> | null, resident?: Pick<ResidentRecord, '_id' | 'gridId' | 'courtyardId'> | null): Actor {
  const role = r ? (['admin', 'grid', 'head'] as const).find((x) => staffOver(ctx, r, [x])) : undefined
  return {
    openid: ctx.openid,
    name: ctx.user.name,
    role: role ? ROLE_NAMES[role] : '居民',
    residentId: resident?._id ?? ctx.user.residentId ?? null,
    gridId: resident?.gridId ?? null,
    courtyardId: resident?.courtyardId ?? null,
  }
}

/** Whether the caller posted it: as its author, or for its author (代说事). */
export const postedBy = (ctx: MemberCtx, r: Pick<VoiceRecord, 'author' | 'proxy'>) => !!ctx.openid && (r.author.openid === ctx.openid || r.proxy?.openid === ctx.openid)

/** Whether the caller may see the post: its poster, its taker, staff over its place, or anyone once it is public. */
export function sees(ctx: MemberCtx, r: VoiceRecord): boolean {
  return postedBy(ctx, r) || r.taker?.openid === ctx.openid || staffOver(ctx, r, ['admin', 'grid', 'head']) || isPublic(r.kind, r.status)
}

/** Loads a post the caller may see; NOT_FOUND otherwise (no hint that a private one exists). */
export async function loadVoice(ctx: MemberCtx, postId: string): Promise<VoiceRecord> {
  const r = ((await ctx.db.collection('voices').doc(postId).get()).data as VoiceRecord[])[0]
  if (!r || r.communityId !== ctx.user.communityId || !sees(ctx, r)) throw new DomainError('NOT_FOUND', '没有找到这条说事')
  return r
}

/** Who decides each decision: the admin for suggestions and wishes; for hazards the grid worker of the place (or the admin). */
export function decides(ctx: MemberCtx, r: VoiceRecord, decision: VoiceDecision): boolean {
  if (!(DECISIONS[r.kind] as readonly string[]).includes(decision)) return false
  return staffOver(ctx, r, r.kind === 'hazard' ? ['grid', 'admin'] : ['admin'])
}

/** An actor's name as `viewer` may see it: staff by their name and role, residents by the one rule of names. */
function actorName(viewer: Viewer, communityId: string, a: Actor): string {
  if (a.role !== '居民') return `${a.role}${a.name}`
  return nameFor(viewer, { kind: 'person', name: a.name, communityId, gridId: a.gridId, courtyardId: a.courtyardId, residentId: a.residentId })
}

/** The served photos of a step or a post (those the platform found risky left out). */
const served = (r: VoiceRecord, pinned: readonly string[] | undefined) => (pinned ?? []).filter((p) => !(r.hidden ?? []).includes(p))

/** Every pinned photo of a post a viewer may be served: the post's and its steps'. */
export const photosOf = (r: VoiceRecord) => [...served(r, r.pinned), ...r.history.flatMap((h) => served(r, h.pinned))]

/** A post as the caller sees it. */
export function toVoice(r: VoiceRecord, ctx: MemberCtx, options: { supported: boolean; now: Date }): Voice {
  const viewer = viewerOf(ctx)
  const table = voiceLifecycle(r.kind)
  const mine = postedBy(ctx, r)
  const closed = isClosed(r.kind, r.status)
  const staff = staffOver(ctx, r, ['admin', 'grid', 'head'])
  const canAct = (event: VoiceEvent) => allows(table, r.status, event)
  return {
    id: r._id,
    kind: r.kind,
    kindName: VOICE_KIND_NAMES[r.kind],
    title: r.title,
    text: r.text,
    place: r.place,
    status: r.status,
    statusName: statusName(r.kind, r.status),
    author: actorName(viewer, r.communityId, r.author),
    ...(r.proxy ? { proxy: actorName(viewer, r.communityId, r.proxy) } : {}),
    courtyard: r.courtyardName,
    mine,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    supports: r.supports,
    supported: options.supported,
    offerPoints: fromTenths(r.offerTenths),
    ...(r.taker ? { taker: actorName(viewer, r.communityId, r.taker) } : {}),
    takenByMe: r.taker?.openid === ctx.openid,
    ...(r.rating ? { rating: r.rating } : {}),
    ...(r.credit ? { credited: fromTenths(r.credit.tenths) } : {}),
    overdue: r.kind === 'hazard' && hazardOverdue(r.status, r.createdAt, options.now),
    closed,
    photoCount: served(r, r.pinned).length,
    may: {
      reply: staff && !closed,
      support: r.kind === 'suggestion' && !mine && !options.supported && !closed,
      decide: DECISIONS[r.kind].filter((d) => canAct(d) && decides(ctx, r, d)),
      take: r.kind === 'wish' && canAct('take') && !mine && !!ctx.user.residentId,
      fulfil: r.kind === 'wish' && canAct('fulfil') && r.taker?.openid === ctx.openid,
      confirm: canAct('confirm') && (mine || (r.kind === 'wish' && staff)),
      withdraw: r.kind === 'wish' && canAct('withdraw') && (mine || staffOver(ctx, r, ['admin'])),
    },
  }
}

/** The timeline of a post, oldest first, and the replies among its steps, with links to their photos. */
export function stepsOf(r: VoiceRecord, ctx: MemberCtx, links: Map<string, string>): { timeline: VoiceStep[]; replies: VoiceReply[] } {
  const viewer = viewerOf(ctx)
  const urls = (pinned: readonly string[] | undefined) => served(r, pinned).map((p) => links.get(p) ?? '').filter(Boolean)
  const timeline = r.history.map((h): VoiceStep => ({
    at: h.at,
    by: actorName(viewer, r.communityId, h.by),
    step: h.step === 'post' ? '提交' : VOICE_EVENT_NAMES[h.step],
    ...(h.note ? { note: h.note } : {}),
    ...(h.pinned?.length ? { photoUrls: urls(h.pinned) } : {}),
  }))
  const replies = r.history
    .map((h, i) => ({ h, i }))
    .filter(({ h }) => h.step === 'reply')
    .map(({ h, i }): VoiceReply => ({ id: `${r._id}:${i}`, by: actorName(viewer, r.communityId, h.by), role: h.by.role, text: h.note ?? '', at: h.at, photoUrls: urls(h.pinned) }))
  return { timeline, replies }
}
