/**
 * 积分超市 and 商居联盟: offers, vouchers and redemption codes — the shapes and rules the functions, the pages and
 * the tests share. Signing a code needs the secret key and lives in the functions (`_shared/voucher-code.ts`); how
 * a code is written, read back and shown lives here.
 */
import { z } from 'zod'
import type { OfferStatus } from './offers'
import type { VoucherStatus } from './vouchers'

// The two lifecycles, each a table in its own file: offers (pending → active → retired; or rejected) and vouchers
// (issued → redeemed, cancelled or expired).
export { OFFER_STATUSES, OFFER_STATUS_NAMES, type OfferStatus } from './offers'
export { VOUCHER_STATUSES, VOUCHER_STATUS_NAMES, type VoucherStatus } from './vouchers'

export const OFFER_KINDS = ['goods', 'coupon', 'service'] as const
export type OfferKind = (typeof OFFER_KINDS)[number]
export const OFFER_KIND_NAMES: Record<OfferKind, string> = { goods: '物品', coupon: '优惠券', service: '服务' }

/** Who may exchange an offer, beyond being a resident: an age range (爱心义剪 for 70 and over), and a limit per household instead of per person. */
export const eligibilitySchema = z
  .object({
    minAge: z.number().int().min(1).max(120).optional(),
    maxAge: z.number().int().min(1).max(120).optional(),
    /** The per-resident limit counts the whole household's vouchers (每户限兑). */
    perHousehold: z.boolean().optional(),
  })
  .refine((e) => e.minAge === undefined || e.maxAge === undefined || e.minAge <= e.maxAge, { message: '最小年龄不能大于最大年龄', path: ['maxAge'] })
export type Eligibility = z.infer<typeof eligibilitySchema>

/** Plain words for a person: "70 岁及以上", "每户限兑 1 次". */
export function describeEligibility(e: Eligibility | undefined, limit: number): string[] {
  const lines: string[] = []
  if (e?.minAge && e.maxAge) lines.push(`${e.minAge}–${e.maxAge} 岁可兑换`)
  else if (e?.minAge) lines.push(`${e.minAge} 岁及以上可兑换`)
  else if (e?.maxAge) lines.push(`${e.maxAge} 岁及以下可兑换`)
  lines.push(e?.perHousehold ? `每户限兑 ${limit} 次` : `每人限兑 ${limit} 次`)
  return lines
}

/** A resident's age this year (from the birth year the community keeps), or null when it is not known. */
export const ageIn = (year: number, birthYear: number | null | undefined) => (birthYear ? year - birthYear : null)

/** Whether an age meets an offer's range; an unknown age meets no age rule. */
export function ageAllowed(e: Eligibility | undefined, age: number | null): boolean {
  if (!e || (e.minAge === undefined && e.maxAge === undefined)) return true
  if (age === null) return false
  return (e.minAge === undefined || age >= e.minAge) && (e.maxAge === undefined || age <= e.maxAge)
}

export interface Offer {
  id: string
  merchantId: string
  merchantName: string
  title: string
  description: string
  kind: OfferKind
  points: number
  stock: number
  perResidentLimit: number
  validFrom: string
  validUntil: string
  eligibility: Eligibility
  status: OfferStatus
  /** Why the admin rejected it. */
  note?: string
}

export interface Voucher {
  id: string
  offerId: string
  offerTitle: string
  kind: OfferKind
  merchantId: string
  merchantName: string
  residentId: string
  /** The owner sees their own name; a clerk sees it masked (张*英). */
  residentName: string
  courtyardName: string
  points: number
  status: VoucherStatus
  issuedAt: string
  validUntil: string
  redeemedAt?: string
  redeemedBy?: string
  cancelledAt?: string
  expiredAt?: string
  /** Whether the points came back (cancel, or an expiry the community refunds). */
  refunded?: boolean
}

export interface Merchant {
  id: string
  name: string
  address: string
  contact: string
  status: 'active' | 'suspended'
  clerks: { openid: string; name: string }[]
}

export interface SettlementRow {
  merchantId: string
  merchantName: string
  count: number
  points: number
  offers: { offerId: string; title: string; count: number; points: number }[]
}

export interface Settlement {
  month: string
  merchants: SettlementRow[]
  /** For one merchant: the month day by day. */
  days?: { day: string; count: number; points: number }[]
  total: { count: number; points: number }
}

// ---- Redemption codes -------------------------------------------------------------------------------------------
/**
 * A redemption code is 16 digits, shown as four groups ("3829 1047 5248 2913") under the QR and typed on a number pad
 * when a camera fails: the voucher's 8-digit ticket, a 2-digit time mark (5-second steps, modulo 100), and a 6-digit
 * signature over the voucher and the step. A new one comes every few seconds; each is good for 60 seconds.
 */
export const CODE_STEP_SECONDS = 5
export const CODE_VALID_SECONDS = 60
export const CODE_DIGITS = 16

/** What a clerk typed or a scanner read: digits only (spaces, dashes and a "SZJF:" prefix are dropped). */
export function normalizeCode(input: string): string {
  return input.replace(/^\s*SZJF:/i, '').replace(/[\s-]/g, '')
}

export const isCodeShape = (code: string) => code.length === CODE_DIGITS && /^\d+$/.test(code)

export const formatCode = (code: string) => code.replace(/(\d{4})(?=\d)/g, '$1 ')

export function splitCode(code: string): { ticket: string; mark: number; signature: string } {
  return { ticket: code.slice(0, 8), mark: Number(code.slice(8, 10)), signature: code.slice(10) }
}
