/** The inputs of the points function: balances, the ledger, rankings, and the admin's adjustments and corrections. */
import { z } from 'zod'
import { cursorInput, entryIdInput, freeText, idInput, isMonthInput, isYearInput, requestIdInput, withOneDecimal } from './inputs'
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
