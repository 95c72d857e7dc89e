/**
 * Vouchers and offers as stored, and the one way a voucher is closed without being used — cancelled by its owner
 * or the admin, or expired by the timer — with its points refunded (a reversal of the exchange's debit), its place
 * in the per-resident limit freed and its stock restored, all in one transaction.
 */
import { DomainError } from '../../src/core/errors'
import { reversalOf } from '../../src/core/ledger'
import { fromTenths } from '../../src/core/points'
import { type Subject, type Viewer, nameFor } from '../../src/core/visibility'
import type { Eligibility, Offer, OfferKind, OfferStatus, Voucher, VoucherStatus } from '../../src/core/shop'
import type { Transaction } from './cloud'
import { DEFAULT_SETTINGS, type Settings } from '../../src/core/governance'
import { type AccountRecord, type Placement, correctionAccount, householdAccountId, postEntry, readAccount, residentAccountId } from './ledger'

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

export interface VoucherRecord {
  _id: string
  communityId: string
  offerId: string
  offerTitle: string
  kind: OfferKind
  merchantId: string
  merchantName: string
  residentId: string
  residentName: string
  householdId: string
  courtyardName: string
  openid: string
  pointsTenths: number
  /** The key of the exchange's debit entry (its refund is the reversal of it). */
  entryKey: string
  /** The limit this voucher counts in: the resident's own, or the household's (每户限兑). */
  perHousehold: boolean
  /** The account that paid (the resident's, or the household wallet's), and where the resident stood. A refund goes to the wallet that pays at refund time (see closeVoucher). */
  accountId?: string
  placement?: Placement
  ticket: string
  status: VoucherStatus
  issuedAt: string
  validUntil: string
  redeemedAt?: string
  redeemedDay?: string
  redeemedMonth?: string
  redeemedBy?: string
  redeemedByName?: string
  cancelledAt?: string
  cancelledBy?: string
  expiredAt?: string
  refunded?: boolean
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
  const { _id: _ignored, ...kept } = account ?? ({} as Partial<AccountRecord>)
  const household = accountId.startsWith('hh:')
  await tx.collection('accounts').doc(accountId).set({
    balanceTenths: 0,
    pendingTenths: 0,
    ...kept,
    kind: household ? 'household' : 'resident',
    communityId: placement.communityId,
    ownerId: household ? placement.householdId : placement.residentId,
    offerCounts: counts,
    updatedAt: at,
  })
}

/**
 * Closes an unused voucher inside `tx`: `cancelled` (always refunded) or `expired` (refunded when `refund`).
 * Refuses a voucher that is no longer unused. The refund goes to the wallet that pays *now* (the community's
 * householdWallet read here, at refund time: a voucher bought before the wallet was switched would otherwise refund
 * into an account nobody sees or spends). A voucher whose debit older data reversed on its own (before points.reverse
 * refused that) has had its points back already: it is closed without a second refund. About eleven requests: the
 * voucher, its debit's reversal, the settings, the account that pays, the entry, the offer (and the account the limit
 * counts in, when that is another one).
 */
export async function closeVoucher(
  tx: Transaction,
  voucherId: string,
  close: { status: 'cancelled' | 'expired'; refund: boolean; by: string; byName: string; at: Date },
): Promise<VoucherRecord> {
  const voucher = ((await tx.collection('vouchers').doc(voucherId).get()).data ?? null) as VoucherRecord | null
  if (!voucher) throw new DomainError('NOT_FOUND', '没有找到这张券')
  if (voucher.status === 'redeemed') throw new DomainError('VOUCHER.ALREADY_REDEEMED', '这张券已经使用过了，不能退回')
  if (voucher.status !== 'issued') throw new DomainError('VOUCHER.NOT_REDEEMABLE', `这张券已经${voucher.status === 'cancelled' ? '退回' : '过期'}了`)
  const iso = close.at.toISOString()
  const refundedBefore = await debitReversed(tx, voucher)
  const refund = close.refund && !refundedBefore
  const settings = refund ? (((await tx.collection('settings').doc(voucher.communityId).get()).data ?? null) as Partial<Settings> | null) : null
  const placement = voucher.placement ?? (await readAccount(tx, residentAccountId(voucher.residentId)))?.placement
  if (!placement) throw new Error(`兑换券 ${voucherId} 没有归属信息`)
  const payId = refund ? correctionAccount({ accountId: voucher.accountId ?? residentAccountId(voucher.residentId), ...placement }, settings?.householdWallet ?? DEFAULT_SETTINGS.householdWallet) : null
  const countsId = countsAccountOf(voucher)
  const pay = payId ? await readAccount(tx, payId) : null
  const countsAccount = countsId === payId ? pay : await readAccount(tx, countsId)
  const counts = countsWith(countsAccount, voucher.offerId, -1)
  if (payId) {
    const draft = reversalOf({ key: voucher.entryKey, accountId: payId, delta: -voucher.pointsTenths, source: { type: 'voucher', id: voucher._id } }, close.by)
    const note = `${close.status === 'cancelled' ? '退回' : '过期退还'}：${voucher.offerTitle}`
    await postEntry(tx, { ...draft, operatorName: close.byName, note }, placement, close.at, { account: pay, accountFields: countsId === payId ? { offerCounts: counts } : {} })
  }
  if (countsId !== payId) await writeCounts(tx, countsId, countsAccount, counts, placement, iso)
  const offer = ((await tx.collection('offers').doc(voucher.offerId).get()).data ?? null) as OfferRecord | null
  if (offer) await tx.collection('offers').doc(offer._id).update({ stock: offer.stock + 1, exchanged: Math.max(0, (offer.exchanged ?? 1) - 1) })
  // Refunded: now, or before (older data's bare reversal gave the points back).
  const refunded = refund || refundedBefore
  const changes =
    close.status === 'cancelled'
      ? { status: 'cancelled' as const, cancelledAt: iso, cancelledBy: close.by, refunded }
      : { status: 'expired' as const, expiredAt: iso, refunded }
  await tx.collection('vouchers').doc(voucher._id).update(changes)
  return { ...voucher, ...changes }
}

/**
 * Whether a voucher's debit has been reversed (the key reversalOf gives it): by its own refund, or — older data,
 * before points.reverse refused it — on its own while the voucher stayed issued. Such a voucher's points are back:
 * it can no longer be used, and closing it refunds nothing more.
 */
export async function debitReversed(tx: Transaction, voucher: Pick<VoucherRecord, 'entryKey'>): Promise<boolean> {
  return !!(await tx.collection('ledger').doc(`reversal:${voucher.entryKey}`).get()).data
}
