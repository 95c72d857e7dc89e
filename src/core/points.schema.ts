/** The inputs of the points function: balances, the ledger, rankings, and the admin's adjustments and corrections. */
import { z } from 'zod'
import { DEDUCTION_STATUSES } from './deductions'
import { cursorInput, entryIdInput, freeText, idInput, isMonthInput, isYearInput, requestIdInput, shortLabel, withOneDecimal } from './inputs'
import { ENTRY_KINDS } from './ledger'

/** My balance, or (with `residentId`) that of a resident in the caller's charge: the admin's, their head's, their grid worker's. */
export const balanceInput = z.object({ residentId: idInput.optional() })

/** 居民查询: one resident in the caller's charge. */
export const residentInput = z.object({ residentId: idInput })

/** My ledger, or that of a resident in the caller's charge (the admin, their head, their grid worker). */
export const ledgerInput = z.object({ residentId: idInput.optional(), cursor: cursorInput.optional(), kind: z.enum(ENTRY_KINDS).optional() })

/** A ranking of a month (`key` 2026-11) or a year (`key` 2026). */
export const leaderboardInput = z
  .object({
    level: z.enum(['resident', 'household', 'courtyard', 'grid']),
    period: z.enum(['month', 'year']),
    key: z.string(),
    cursor: z.string().regex(/^\d{1,5}$/).optional(),
  })
  .refine((i) => (i.period === 'month' ? isMonthInput(i.key) : isYearInput(i.key)), { message: '月份写作 2026-11，年份写作 2026', path: ['key'] })

/** 调整: up or down, never 0, at most 1000, at most one decimal place. */
export const adjustInput = z.object({
  residentId: idInput,
  delta: withOneDecimal(z.number().refine((d) => d !== 0 && Math.abs(d) <= 1000, '调整的分数不能为 0，也不能超过 1000')),
  reason: freeText('调整原因', 200, { min: 2, minMessage: '请写明调整原因' }),
  requestId: requestIdInput,
})

/** 冲正 of one ledger entry, with the reason. */
export const reverseInput = z.object({ entryId: entryIdInput, reason: freeText('冲正原因', 200, { min: 2, minMessage: '请写明冲正原因' }) })

// ---- 扣分项 (src/core/deductions.ts)

/** 登记扣分 (a grid worker of the resident's grid, or the admin): what happened, how many points, and at least one photo. */
export const deductInput = z.object({
  residentId: idInput,
  item: shortLabel('扣分事项', 20, { minMessage: '请写明扣分事项（至少 2 个字）', maxMessage: '扣分事项不超过 20 个字' }),
  points: withOneDecimal(z.number().positive('扣分必须大于 0').max(100, '一次扣分不超过 100 分')),
  reason: freeText('经过', 200, { min: 5, minMessage: '请写明经过（至少 5 个字）', maxMessage: '经过不超过 200 字' }),
  photos: z.array(z.string().min(1).max(300)).min(1, '请拍一张照片作为证据').max(9, '照片最多 9 张'),
  requestId: requestIdInput,
})

/** 扣分复核: those waiting (`proposed`, the default) or handled, of the residents in the caller's charge; or one resident's. */
export const deductionsInput = z.object({ status: z.enum(DEDUCTION_STATUSES).optional(), residentId: idInput.optional() })

/** A second person passes (the points are taken) or turns down (with a note) a deduction; the recorder withdraws it. */
export const decideDeductionInput = z
  .object({
    deductionId: idInput,
    decision: z.enum(['pass', 'reject', 'withdraw']),
    note: freeText('复核意见', 200, { maxMessage: '复核意见不超过 200 字' }).optional(),
  })
  .refine((i) => i.decision !== 'reject' || (i.note ?? '').trim().length >= 2, { message: '请写明没有通过的原因', path: ['note'] })
