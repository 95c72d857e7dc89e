/**
 * Vouchers and offers as stored, how they read, and the per-resident limit counts. What moves a voucher — the
 * exchange that issues it, and its inverse that cancels or expires it with its points refunded, its place in the
 * limit freed and its stock restored — is in ./exchange, step beside compensation.
 */
import { fromTenths } from '../../src/core/points'
import { type Subject, type Viewer, nameFor } from '../../src/core/visibility'
import type { Eligibility, Offer, OfferKind, OfferStatus, Voucher } from '../../src/core/shop'
import type { Transaction } from './cloud'
import { type AccountRecord, type Placement, householdAccountId, residentAccountId, writeAccount } from './ledger'

export interface OfferRecord {
  _id: string
  communityId: string
  merchantId: string
  /** Copied from the merchant (and renamed with it), so that listing and exchanging need no second read. */
  merchantName: string
  title: string
  description?: string
  kind: OfferKind
  pointsTenths: number
  stock: number
  perResidentLimit: number
  validFrom: string
  validUntil: string
  eligibility?: Eligibility
  status: OfferStatus
  /** Set while the merchant is suspended: the offer leaves the shop. */
  merchantSuspended?: boolean
  /** How many were exchanged (stock taken). */
  exchanged?: number
  note?: string
  createdBy?: string
  updatedAt?: string
}

export interface MerchantRecord {
  _id: string
  communityId: string
  name: string
  address?: string
  contact?: string
  status: 'active' | 'suspended'
}

export interface VoucherRecord extends Omit<Voucher, 'id' | 'points' | 'redeemedBy'> {
  _id: string
  communityId: string
  householdId: string
  /** The holder's WeChat account; null for a resident without a phone (exchanged at the counter by card). */
  openid: string | null
  pointsTenths: number
  /** The key of the exchange's debit entry (its refund is the reversal of it). */
  entryKey: string
  /** The limit this voucher counts in: the resident's own, or the household's (每户限兑). */
  perHousehold: boolean
  /** The account that paid (the resident's, or the household wallet's), and where the resident stood. A refund goes to the wallet that pays at refund time (see closeVoucher in ./exchange). */
  accountId?: string
  placement?: Placement
  ticket: string
  redeemedDay?: string
  redeemedMonth?: string
  /** The clerk's openid (the answer's `redeemedBy` is their name, from `redeemedByName`). */
  redeemedBy?: string
  redeemedByName?: string
  cancelledBy?: string
}


export function toOffer(r: OfferRecord): Offer {
  return {
    id: r._id,
    merchantId: r.merchantId,
    merchantName: r.merchantName,
    title: r.title,
    description: r.description ?? '',
    kind: r.kind,
    points: fromTenths(r.pointsTenths),
    stock: r.stock,
    perResidentLimit: r.perResidentLimit,
    validFrom: r.validFrom,
    validUntil: r.validUntil,
    eligibility: r.eligibility ?? {},
    status: r.status,
    ...(r.note ? { note: r.note } : {}),
  }
}

/** Whose a voucher is, for the one rule of names. */
export const holderOf = (r: VoucherRecord): Subject => ({
  kind: 'person',
  name: r.residentName,
  communityId: r.communityId,
  gridId: r.placement?.gridId,
  courtyardId: r.placement?.courtyardId,
  residentId: r.residentId,
})

/** A voucher as `viewer` sees it: the resident's name by the one rule (its owner and the admin see it whole, a clerk masked). */
export function toVoucher(r: VoucherRecord, viewer: Viewer): Voucher {
  return {
    id: r._id,
    offerId: r.offerId,
    offerTitle: r.offerTitle,
    kind: r.kind,
    merchantId: r.merchantId,
    merchantName: r.merchantName,
    residentId: r.residentId,
    residentName: nameFor(viewer, holderOf(r)),
    courtyardName: r.courtyardName,
    points: fromTenths(r.pointsTenths),
    status: r.status,
    issuedAt: r.issuedAt,
    validUntil: r.validUntil,
    ...(r.redeemedAt ? { redeemedAt: r.redeemedAt, redeemedBy: r.redeemedByName ?? '' } : {}),
    ...(r.cancelledAt ? { cancelledAt: r.cancelledAt } : {}),
    ...(r.expiredAt ? { expiredAt: r.expiredAt } : {}),
    ...(r.refunded !== undefined ? { refunded: r.refunded } : {}),
  }
}

/** The limit counts of an account, with `offerId`'s moved by `by`. */
export function countsWith(account: AccountRecord | null, offerId: string, by: number): Record<string, number> {
  const counts = { ...(account?.offerCounts ?? {}) }
  counts[offerId] = Math.max(0, (counts[offerId] ?? 0) + by)
  return counts
}

/** The account a voucher's limit counts in: the resident's, or the household's for 每户限兑. */
export const countsAccountOf = (v: { perHousehold: boolean; residentId: string; householdId: string }) =>
  v.perHousehold ? householdAccountId(v.householdId) : residentAccountId(v.residentId)

/** Writes an account's limit counts (its balance, if any, is kept; a new household account starts at zero). */
export async function writeCounts(tx: Transaction, accountId: string, account: AccountRecord | null, counts: Record<string, number>, placement: Placement, at: string) {
  await writeAccount(tx, accountId, account, { offerCounts: counts, updatedAt: at }, placement)
}
