/**
 * The trust machinery (一月一审核一公示, 异议, 红黑榜): community settings, month closes and their publicity,
 * objections, list entries and inspections — the shapes and rules the functions, the pages and the tests share.
 */
import { z } from 'zod'
import { freeText, monthKeyInput, shortLabel } from './inputs'

export const settingsSchema = z.object({
  /** instant: approved points are spendable at once; monthly: pending until the month's publicity ends. */
  settlement: z.enum(['instant', 'monthly']),
  publicityDays: z.number().int().min(1).max(30),
  /** Members earn into, and spend from, one household balance (福禄 style). */
  householdWallet: z.boolean(),
  suspensionMonths: z.number().int().min(1).max(24),
  refundExpiredVouchers: z.boolean(),
})
export type Settings = z.infer<typeof settingsSchema>

export const DEFAULT_SETTINGS: Settings = { settlement: 'instant', publicityDays: 7, householdWallet: false, suspensionMonths: 3, refundExpiredVouchers: true }

export const updateSettingsInput = settingsSchema.partial().refine((s) => Object.keys(s).length > 0, '请至少修改一项设置')

export const monthInput = z.object({ month: monthKeyInput })

/** closed: frozen and in publicity, open to objections until `windowEndsAt`; final: the window ended, pending points released. */
export type MonthStatus = 'open' | 'closed' | 'final'
export const MONTH_STATUS_NAMES: Record<MonthStatus, string> = { open: '未结月', closed: '公示中', final: '已认定' }

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
  /** Whether an upheld objection reversed it. */
  reversed?: boolean
}

/** `set_aside`: not taken up, because a photo failed the platform's content check (the note says so). */
export const OBJECTION_STATUSES = ['open', 'upheld', 'dismissed', 'set_aside'] as const
export type ObjectionStatus = (typeof OBJECTION_STATUSES)[number]
export const OBJECTION_STATUS_NAMES: Record<ObjectionStatus, string> = { open: '调查中', upheld: '异议成立', dismissed: '异议不成立', set_aside: '未受理' }

export interface Objection {
  id: string
  entryId: string
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

export const objectInput = z.object({
  entryId: z.string().min(1).max(200),
  reason: freeText('理由', 300, { min: 5, minMessage: '请写明异议的理由（至少 5 个字）', maxMessage: '理由不超过 300 字' }),
  photos: z.array(z.string().min(1).max(300)).max(9).optional(),
  requestId: z.string().trim().min(8).max(64),
})

export const LISTS = ['black', 'red'] as const
export type ListKind = (typeof LISTS)[number]
export const LIST_NAMES: Record<ListKind, string> = { black: '黑榜', red: '红榜' }

export type ListingStatus = 'proposed' | 'confirmed' | 'rejected' | 'expired'
export const LISTING_STATUS_NAMES: Record<ListingStatus, string> = { proposed: '待确认', confirmed: '已公布', rejected: '未采纳', expired: '已期满' }

export interface Listing {
  id: string
  list: ListKind
  /** Masked for residents. */
  name: string
  target: 'resident' | 'household'
  reason: string
  /** Deducted (black) or awarded (red); 0 when none. */
  points: number
  status: ListingStatus
  from?: string
  /** Black list: the end of the suspension. */
  until?: string
  courtyard: string
  /** For grid workers and the admin: who proposed it, when. */
  proposedBy?: string
  proposedAt?: string
}

export const proposeInput = z
  .object({
    list: z.enum(LISTS),
    residentId: z.string().min(1).max(64).optional(),
    householdId: z.string().min(1).max(64).optional(),
    reason: freeText('上榜理由', 200, { min: 4, minMessage: '请写明上榜理由（至少 4 个字）' }),
    points: z.number().min(0).max(100).refine((p) => Number.isInteger(Math.round(p * 10)) && Math.abs(p * 10 - Math.round(p * 10)) < 1e-9, '积分最多一位小数').optional(),
    requestId: z.string().trim().min(8).max(64).optional(),
  })
  .refine((i) => !!i.residentId !== !!i.householdId, { message: '请选择一位居民或一户人家', path: ['residentId'] })

export const inspectInput = z.object({
  courtyardId: z.string().min(1).max(64),
  month: monthKeyInput,
  score: z.number().int('分数是整数').min(0).max(100),
  notes: freeText('检查意见', 300).optional(),
  /** Checklist items with their scores, e.g. 垃圾清运 18/20. */
  items: z.array(z.object({ name: shortLabel('检查项目', 20, { min: 1 }), score: z.number().int().min(0).max(100) })).max(20).optional(),
  photos: z.array(z.string().min(1).max(300)).max(9).optional(),
})

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
