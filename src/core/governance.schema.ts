/** The inputs of the governance function (结月公示, 异议, 红黑榜, 卫生检查, reports, the audit log), as it validates them and the forms check them. */
import { z } from 'zod'
import { LISTS, OBJECTION_STATUSES } from './governance'
import { cursorInput, entryIdInput, freeText, idInput, isoDateTime, monthInput, quarterInput, requestIdInput, shortLabel, withOneDecimal, yearInput } from './inputs'

const ofMonth = z.object({ month: monthInput })
const ofYear = z.object({ year: yearInput })
const photos = z.array(z.string().min(1).max(300)).max(9)

// ---- months and publicity

/** 结月 (the admin; the timer does it on the 1st). */
export const closeMonthInput = ofMonth

/** 公示栏: `cursor` pages on; `entryId` asks for that one entry (the objection form); `summary` for the month's status alone. */
export const publicityInput = ofMonth.extend({ cursor: z.string().regex(/^\d{1,7}$/).optional(), entryId: entryIdInput.optional(), summary: z.boolean().optional() })

export const verifyInput = ofMonth

export const exportPublicityInput = ofMonth

// ---- objections

/** The reason of an objection (the form checks it as the function does). */
export const objectionReason = freeText('理由', 300, { min: 5, minMessage: '请写明异议的理由（至少 5 个字）', maxMessage: '理由不超过 300 字' })

/**
 * 提出异议 against an entry of a month in publicity, or against a red/black listing in force (`listingId`: one with no
 * ledger entry, a 0-point one, is objected to by itself); one of the two. A retried requestId files once.
 */
export const objectInput = z
  .object({
    entryId: entryIdInput.optional(),
    listingId: idInput.optional(),
    reason: objectionReason,
    photos: photos.optional(),
    requestId: requestIdInput,
  })
  .refine((i) => !!i.entryId !== !!i.listingId, { message: '请指明对哪条公示记录或哪条红黑榜记录提出异议', path: ['entryId'] })

/** The admin's queue by status, or with `mine` a member's own. */
export const objectionsInput = z.object({ status: z.enum(OBJECTION_STATUSES).optional(), mine: z.boolean().optional() })

/** 处理异议, with the note that says why. */
export const resolveInput = z.object({ objectionId: idInput, decision: z.enum(['uphold', 'dismiss']), note: freeText('处理意见', 300, { min: 2, minMessage: '请写明处理意见' }) })

// ---- the red and black lists

/** 提名: a resident or a household (one of them), the reason, points to deduct or award (0–100). */
export const proposeInput = z
  .object({
    list: z.enum(LISTS),
    residentId: idInput.optional(),
    householdId: idInput.optional(),
    reason: freeText('上榜理由', 200, { min: 4, minMessage: '请写明上榜理由（至少 4 个字）' }),
    points: withOneDecimal(z.number().min(0).max(100)).optional(),
    requestId: requestIdInput.optional(),
  })
  .refine((i) => !!i.residentId !== !!i.householdId, { message: '请选择一位居民或一户人家', path: ['residentId'] })

export const confirmInput = z.object({ listingId: idInput, decision: z.enum(['confirm', 'reject']) })

/** 撤销 (the admin) a confirmed or ended listing, with the reason the people concerned are told. */
export const revokeListingInput = z.object({ listingId: idInput, reason: freeText('撤销理由', 200, { min: 2, minMessage: '请写明撤销的理由' }) })

export const listsInput = z.object({ list: z.enum(LISTS).optional(), status: z.enum(['proposed', 'confirmed']).optional() })

// ---- inspections

/** 卫生检查 of a courtyard for a month, with the checklist's scores. */
export const inspectInput = z.object({
  courtyardId: idInput,
  month: monthInput,
  score: z.number().int('分数是整数').min(0).max(100),
  notes: freeText('检查意见', 300).optional(),
  /** Checklist items with their scores, e.g. 垃圾清运 18/20. */
  items: z.array(z.object({ name: shortLabel('检查项目', 20, { min: 1 }), score: z.number().int().min(0).max(100) })).max(20).optional(),
  photos: photos.optional(),
})

export const inspectionsInput = ofMonth

export const awardInspectionsInput = ofMonth

// ---- reports and the audit log

export const dashboardInput = ofYear

export const honoursInput = ofYear

/** 党员积分档案 of a quarter; `export` also makes the Excel. */
export const partyReportInput = z.object({ quarter: quarterInput, export: z.boolean().optional() })

/** The audit log, by operator, operation (`claims.review`, or `claims`), target and time. */
export const auditInput = z.object({
  operator: idInput.optional(),
  /** `claims.review`, or a whole function: `claims` (not `action`, which names the call itself). */
  operation: z.string().regex(/^[a-z]+(\.[A-Za-z]+)?$/, '操作写作 claims.review 或 claims').optional(),
  targetId: z.string().min(1).max(200).optional(),
  from: isoDateTime().optional(),
  to: isoDateTime().optional(),
  cursor: cursorInput.optional(),
})
