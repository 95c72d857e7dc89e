/** The inputs of the shop function (积分超市, 商居联盟), as the function validates them and the forms check them. */
import { z } from 'zod'
import { cursorInput, dayInput, freeText, idInput, isoDateTime, monthInput, noInput, pointsInput, requestIdInput, shortLabel } from './inputs'
import { OFFER_KINDS, OFFER_STATUSES, VOUCHER_STATUSES, eligibilitySchema, isCodeShape, normalizeCode } from './shop'

// ---- offers

/** The shop (a kind, if named); a clerk's own with `mine`; the admin's by `status`. */
export const offersInput = z.object({ kind: z.enum(OFFER_KINDS).optional(), mine: z.boolean().optional(), status: z.enum(OFFER_STATUSES).optional() })

export const offerInput = z.object({ offerId: idInput })

/** A new offer (no `id`; a retried `requestId` makes one) or a change of one. */
export const saveOfferInput = z.object({
  id: idInput.optional(),
  title: shortLabel('名称', 30, { minMessage: '名称至少 2 个字', maxMessage: '名称不超过 30 个字' }),
  description: freeText('说明', 200, { maxMessage: '说明不超过 200 个字' }).optional(),
  kind: z.enum(OFFER_KINDS),
  points: pointsInput(10_000),
  stock: z.number().int('库存是整数').min(0, '库存不能是负数').max(10_000, '库存不超过 10000'),
  perResidentLimit: z.number().int().min(1, '每人至少能兑 1 次').max(100),
  validFrom: isoDateTime().optional(),
  validUntil: isoDateTime(),
  eligibility: eligibilitySchema.optional(),
  /** The admin names the merchant; a clerk's offer is always their own merchant's. */
  merchantId: idInput.optional(),
  requestId: requestIdInput.optional(),
})
export type SaveOfferInput = z.input<typeof saveOfferInput>

/** 审核: a rejection says why. */
export const reviewOfferInput = z
  .object({ offerId: idInput, decision: z.enum(['approve', 'reject', 'retire']), note: freeText('原因', 200).optional() })
  .refine((i) => i.decision !== 'reject' || (i.note?.length ?? 0) >= 2, { message: '请写明不通过的原因', path: ['note'] })

// ---- vouchers

export const exchangeInput = z.object({ offerId: idInput, requestId: requestIdInput })

export const vouchersInput = z.object({ status: z.enum(VOUCHER_STATUSES).optional(), cursor: cursorInput.optional() })

const oneVoucher = z.object({ voucherId: idInput })
export const voucherInput = oneVoucher
/** A fresh redemption code for my voucher. */
export const codeInput = oneVoucher
export const cancelInput = oneVoucher

/** 核销: what a clerk typed or scanned (spaces, dashes and a "SZJF:" prefix are dropped). */
export const redeemInput = z.object({
  code: z.string().max(64).transform(normalizeCode).refine(isCodeShape, '券码是 16 位数字'),
})

// ---- settlement

/** One merchant's redemptions of a day or of a month. */
export const redemptionsInput = z
  .object({ day: dayInput.optional(), month: monthInput.optional(), merchantId: idInput.optional() })
  .refine((i) => !!i.day !== !!i.month, { message: '请选择一天或一个月', path: ['day'] })

export const settlementInput = z.object({ month: monthInput, merchantId: idInput.optional() })

export const exportSettlementInput = z.object({ month: monthInput })

// ---- merchants

export const merchantsInput = noInput

/** A new merchant (no `id`; a retried `requestId` adds once) or a change of one. */
export const saveMerchantInput = z.object({
  id: idInput.optional(),
  name: shortLabel('商家名称', 30, { minMessage: '商家名称至少 2 个字', maxMessage: '商家名称不超过 30 个字' }),
  address: shortLabel('地址', 60, { min: 0 }).optional(),
  contact: shortLabel('联系方式', 30, { min: 0 }).optional(),
  requestId: requestIdInput.optional(),
})

export const setMerchantStatusInput = z.object({ merchantId: idInput, status: z.enum(['active', 'suspended']) })

export const clerkInviteInput = z.object({ merchantId: idInput, days: z.number().int().min(1).max(30).default(7) })
