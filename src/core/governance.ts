/**
 * The trust machinery (一月一审核一公示, 异议, 红黑榜): community settings, month closes and their publicity,
 * objections, list entries and inspections — the shapes and rules the functions, the pages and the tests share.
 */
import { z } from 'zod'
import type { ListingStatus } from './listings'
import type { MonthStatus } from './months'
import type { ObjectionStatus } from './objections'

// The three lifecycles, each a table in its own file: months (open → closed → final), objections (open → upheld,
// dismissed or set_aside) and listings (proposed → confirmed or rejected; confirmed → expired).
export { MONTH_STATUS_NAMES, type MonthStatus } from './months'
export { OBJECTION_STATUSES, OBJECTION_STATUS_NAMES, type ObjectionStatus } from './objections'
export { LISTING_STATUS_NAMES, type ListingStatus } from './listings'

export const settingsSchema = z.object({
  /** instant: approved points are spendable at once; monthly: pending until the month's publicity ends. */
  settlement: z.enum(['instant', 'monthly']),
  publicityDays: z.number().int().min(1).max(30),
  /** Members earn into, and spend from, one household balance (福禄 style). */
  householdWallet: z.boolean(),
  suspensionMonths: z.number().int().min(1).max(24),
  refundExpiredVouchers: z.boolean(),
  /** The monthly hygiene inspection's awards (top three courtyards) are paid when the month closes; off: by the admin's 发放奖励. */
  awardInspectionsAtClose: z.boolean(),
  /** The most learning points (学习) a resident is paid in a day, in whole points; 0: no cap. */
  learningDailyCap: z.number().int().min(0).max(100),
  /** 长辈模式 (large type, read aloud) on for residents aged 70 and over who have not chosen for themselves. */
  elderModeFrom70: z.boolean(),
})
export type Settings = z.infer<typeof settingsSchema>

export const DEFAULT_SETTINGS: Settings = { settlement: 'instant', publicityDays: 7, householdWallet: false, suspensionMonths: 3, refundExpiredVouchers: true, awardInspectionsAtClose: true, learningDailyCap: 5, elderModeFrom70: false }

/** A community's settings as stored (some never set, maybe none at all), with the defaults for the rest; nothing else of the document. */
export function settingsWithDefaults(stored: Partial<Settings> | null | undefined): Settings {
  const keys = Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[]
  return Object.fromEntries(keys.map((k) => [k, stored?.[k] ?? DEFAULT_SETTINGS[k]])) as Settings
}

export interface MonthClose {
  month: string
  status: MonthStatus
  digest?: string
  previousDigest?: string
  entryCount?: number
  closedAt?: string
  windowEndsAt?: string
  finalizedAt?: string
}

export interface PublicityItem {
  entryId: string
  /** Masked: 张*明. */
  name: string
  courtyard: string
  item: string
  points: number
  kind: string
  at: string
  /** 类别: the rule's category, or what the entry is (调整, 卫生检查, 红榜, 黑榜…; core/ledger `entryCategory`). */
  category: string
  /** Whether a correction (an upheld objection, an admin's reversal) reversed it. */
  reversed?: boolean
  /**
   * 已更正: the month was published (closed) before this changed — the entry was reversed after the close, or it is
   * itself a correction written after the close that counts in this month.
   */
  corrected?: boolean
}

/** A month corrected after its publication: how many corrections counted in it were written since the close, the last one's time, and a note in plain words. */
export interface MonthCorrections {
  count: number
  lastAt: string
  note: string
}

/** The note on a month corrected after its publication, as the board, its print and its export say it. */
export function correctionNote(count: number, lastDay: string): string {
  return `公示以后，有 ${count} 条记录查实有误，已经更正（最近一次在 ${lastDay}）。划掉的那条不再算分，排名和合计都按更正以后的分数计算。`
}

export interface Objection {
  id: string
  /** The ledger entry objected to; for an objection to a listing, the key of its entry for the person (none when it deducted nothing). */
  entryId: string
  /** An objection to a red/black listing (governance.object with `listingId`, or an entry the listing wrote): upheld, the listing is revoked. */
  listingId?: string
  month: string
  /** The entry objected to, as the board shows it. */
  entry: { name: string; item: string; points: number; courtyard: string }
  reason: string
  photos: string[]
  /** Viewable links of `photos` (half an hour), in the lists; empty for a photo the admin may not see (yet). */
  photoUrls?: string[]
  /** What the platform's content check says of each photo, for the admin (see core/screening). */
  photoChecks?: import('./screening').PhotoState[]
  /** The reason went through unchecked, or the platform asks for a person to look. */
  screening?: import('./screening').TextScreening
  status: ObjectionStatus
  objector: string
  createdAt: string
  note?: string
  resolvedAt?: string
}

export const LISTS = ['black', 'red'] as const
export type ListKind = (typeof LISTS)[number]
export const LIST_NAMES: Record<ListKind, string> = { black: '黑榜', red: '红榜' }

export interface Listing {
  id: string
  list: ListKind
  /** Masked for residents. */
  name: string
  target: 'resident' | 'household'
  reason: string
  /** What was actually deducted (black) or awarded (red), from its ledger entries: a deduction takes at most what the account held; 0 when none. */
  points: number
  /** The points asked for when it was proposed (a black one deducts at most what the account holds). */
  asked: number
  status: ListingStatus
  from?: string
  /** Black list: the end of the suspension. */
  until?: string
  courtyard: string
  /** For grid workers and the admin: who proposed it, when. */
  proposedBy?: string
  proposedAt?: string
  /** Revoked (status `revoked`): when and why. */
  revokedAt?: string
  revokeReason?: string
}

/** The checklist of a courtyard hygiene inspection (卫生大检查), 100 points in all. */
export const INSPECTION_CHECKLIST = [
  { name: '垃圾分类与清运', max: 25 },
  { name: '院落路面整洁', max: 25 },
  { name: '杂物堆放', max: 20 },
  { name: '绿化与门前三包', max: 15 },
  { name: '公共设施完好', max: 15 },
] as const

/** Points awarded to every household of the best courtyards of a month's inspection, by rank. */
export const INSPECTION_AWARDS = [3, 2, 1] as const

export interface Inspection {
  id: string
  courtyardId: string
  courtyardName: string
  month: string
  score: number
  notes: string
  items: { name: string; score: number }[]
  photos: string[]
  inspector: string
  at: string
}

export interface AuditEntry {
  id: string
  at: string
  operator: string
  operatorName: string
  action: string
  target?: { type: string; id: string }
  before?: unknown
  after?: unknown
  input?: Record<string, unknown>
}
