/**
 * The exchange and its inverse, side by side, as a workflow keeps each step beside its compensation:
 *  - issueVoucher (兑换): one from the offer's stock, the points debited, the limit counted, a voucher `issued`;
 *  - closeVoucher (退回, 过期): the voucher `cancelled` or `expired`, its points refunded (the reversal of the debit),
 *    the limit freed, one back in stock — the same four things undone, in one transaction;
 *  - redeemVoucher (核销): the other way out of `issued`, which nothing undoes.
 * After the commit nothing of an exchange is left to finish (a debit changes no score, so it is written projected).
 * What the timer finishes later is the expiry of vouchers past their dates: expireVoucher, the same closeVoucher the
 * owner's cancel runs. Every status comes from the voucher table (src/core/vouchers).
 */
import { DomainError } from '../../src/core/errors'
import { insufficientPoints } from '../../src/core/glossary'
import { fromTenths } from '../../src/core/points'
import { reversalOf } from '../../src/core/ledger'
import { onSale } from '../../src/core/offers'
import { yearKey, dayKey, monthKey } from '../../src/core/period'
import { ageAllowed, ageIn } from '../../src/core/shop'
import { assertRedeemable, nextVoucherStatus, refusePointsBack } from '../../src/core/vouchers'
import { type Db, type Transaction, transaction } from './cloud'
import { type AccountRecord, type Placement, correctionAccount, pickPlacement, postEntry, readAccount, residentAccountId, spendable, walletOf } from './ledger'
import type { ResidentRecord } from './org'
import { getResident, placementOf } from './people'
import { readSettings } from './settings'
import { newTicket } from './voucher-code'
import { type OfferRecord, type VoucherRecord, countsAccountOf, countsWith, writeCounts } from './vouchers'

/**
 * Why a resident may not exchange an offer now, or null: the offer page shows it, and the exchange's transaction
 * refuses with it (checked again there, on what the transaction read).
 */
export function exchangeRefusal(
  offer: OfferRecord,
  at: Date,
  accounts: { pay: AccountRecord | null; person: AccountRecord | null; counts: AccountRecord | null },
  birthYear: number | null | undefined,
): DomainError | null {
  const iso = at.toISOString()
  if (!onSale(offer, iso)) return new DomainError('SHOP.OFFER_UNAVAILABLE')
  const suspendedUntil = accounts.person?.suspendedUntil
  if (suspendedUntil && suspendedUntil > iso) return new DomainError('ACCOUNT.SUSPENDED', `您的积分兑换已暂停，到 ${suspendedUntil.slice(0, 10)} 恢复`)
  if (offer.stock <= 0) return new DomainError('SHOP.OUT_OF_STOCK')
  const e = offer.eligibility
  if (!ageAllowed(e, ageIn(Number(yearKey(at)), birthYear))) {
    return new DomainError('SHOP.NOT_ELIGIBLE', birthYear ? '这件商品有年龄条件，您暂时不能兑换' : '这件商品有年龄条件，社区还没有登记您的出生年份，请联系社区')
  }
  const used = accounts.counts?.offerCounts?.[offer._id] ?? 0
  if (used >= offer.perResidentLimit) return new DomainError('SHOP.LIMIT_REACHED', e?.perHousehold ? '您家已达到这件商品的兑换次数上限' : undefined)
  const payable = spendable(accounts.pay)
  if (payable < offer.pointsTenths) {
    // How many are missing, in words (可用积分不足，还差 3 分) and as a number for the page.
    return new DomainError('POINTS.INSUFFICIENT', insufficientPoints(fromTenths(offer.pointsTenths), fromTenths(payable)), { missingPoints: fromTenths(offer.pointsTenths - payable) })
  }
  return null
}

/** Who exchanges which offer, when, for the voucher `voucherId` (derived from the request, so it is written once). */
export interface ExchangeRequest {
  voucherId: string
  offerId: string
  residentId: string
  householdId: string
  /** The community's setting, read before the transaction: who pays. */
  householdWallet: boolean
  /** Who exchanges: the resident, or the clerk at the counter (shop.exchangeByCard); the debit's operator. */
  openid: string
  /** The voucher holder's WeChat account when another exchanges for them (null: a resident without a phone). */
  holder?: string | null
  operatorName: string
  at: Date
}

/**
 * 兑换 inside `tx`: takes one from the offer's stock, reads the resident's account (and the household's, for the
 * household wallet or 每户限兑), checks the resident is not suspended, old enough (if the offer says so), under the
 * limit and rich enough; then issues the voucher and debits the points. Its inverse is closeVoucher, below.
 */
export async function issueVoucher(tx: Transaction, db: Db, request: ExchangeRequest): Promise<VoucherRecord> {
  const { voucherId, residentId, householdId, at: now } = request
  const _ = db.command
  const iso = now.toISOString()
  // One from stock, first and without reading: of many residents racing for one offer, one holds it and the
  // others learn at their second request to wait their turn, instead of each doing the whole exchange to
  // lose at the commit. Read back (with this change), it tells whether there was one to take.
  await tx.collection('offers').doc(request.offerId).update({ stock: _.inc(-1), exchanged: _.inc(1) })
  const offer = ((await tx.collection('offers').doc(request.offerId).get()).data ?? null) as OfferRecord
  if (!onSale(offer, iso)) throw new DomainError('SHOP.OFFER_UNAVAILABLE')
  if (offer.stock < 0) throw new DomainError('SHOP.OUT_OF_STOCK')
  // The resident's own account (suspension, where they stand), the one that pays (theirs, or the household
  // wallet), and the one the limit counts in (theirs, or the household's for 每户限兑): each read once.
  const perHousehold = !!offer.eligibility?.perHousehold
  const own = residentAccountId(residentId)
  const payId = walletOf({ residentId, householdId }, request.householdWallet)
  const countsId = countsAccountOf({ perHousehold, residentId, householdId })
  const accounts = new Map<string, AccountRecord | null>()
  for (const id of new Set([own, payId, countsId])) accounts.set(id, await readAccount(tx, id))
  const pay = accounts.get(payId)!
  const countsAccount = accounts.get(countsId)!
  const e = offer.eligibility
  const birthYear =
    e?.minAge !== undefined || e?.maxAge !== undefined
      ? (((await tx.collection('residents').doc(residentId).get()).data ?? null) as (ResidentRecord & { birthYear?: number }) | null)?.birthYear
      : null
  // The stock was taken above: the refusal checks what is left of it before the taking.
  const refused = exchangeRefusal({ ...offer, stock: offer.stock + 1 }, now, { pay, person: accounts.get(own)!, counts: countsAccount }, birthYear)
  if (refused) throw refused
  const placement: Placement = accounts.get(own)?.placement ?? (await placementOf(db, (await getResident(db, residentId))!))
  const entryKey = `voucher:${voucherId}`
  const counts = countsWith(countsAccount, offer._id, 1)
  const record: VoucherRecord = {
    _id: voucherId,
    communityId: offer.communityId,
    offerId: offer._id,
    offerTitle: offer.title,
    kind: offer.kind,
    merchantId: offer.merchantId,
    merchantName: offer.merchantName,
    residentId,
    residentName: placement.residentName,
    householdId,
    courtyardName: placement.courtyardName,
    openid: request.holder !== undefined ? request.holder : request.openid,
    pointsTenths: offer.pointsTenths,
    entryKey,
    perHousehold,
    accountId: payId,
    placement: pickPlacement(placement),
    ticket: newTicket(),
    // Every voucher starts here (src/core/vouchers).
    status: 'issued',
    issuedAt: iso,
    validUntil: offer.validUntil,
  }
  // First: a second attempt with the same requestId stops here (the id is taken) and answers the first voucher.
  await tx.collection('vouchers').add(record)
  await postEntry(
    tx,
    { key: entryKey, accountId: payId, delta: -offer.pointsTenths, kind: 'debit', source: { type: 'voucher', id: voucherId }, operator: request.openid, operatorName: request.operatorName, note: `兑换：${offer.title}` },
    placement,
    now,
    { account: pay, accountFields: countsId === payId ? { offerCounts: counts } : {} },
  )
  if (countsId !== payId) await writeCounts(tx, countsId, countsAccount, counts, placement, iso)
  return record
}

/**
 * The inverse of issueVoucher: closes an unused voucher inside `tx` — `cancel` (always refunded) or `expire`
 * (refunded when `refund`). Refuses a voucher that is no longer unused (the voucher table's refusal). The refund
 * goes to the wallet that pays *now* (the community's householdWallet read here, at refund time: a voucher bought
 * before the wallet was switched would otherwise refund into an account nobody sees or spends). A voucher whose debit
 * older data reversed on its own (before points.reverse refused that) has had its points back already: it is closed
 * without a second refund. About eleven requests: the voucher, its debit's reversal, the settings, the account that
 * pays, the entry, the offer (and the account the limit counts in, when that is another one).
 */
export async function closeVoucher(
  tx: Transaction,
  voucherId: string,
  close: { event: 'cancel' | 'expire'; refund: boolean; by: string; byName: string; at: Date },
): Promise<VoucherRecord> {
  const found = ((await tx.collection('vouchers').doc(voucherId).get()).data ?? null) as VoucherRecord | null
  const status = nextVoucherStatus(found, close.event)
  const voucher = found!
  const iso = close.at.toISOString()
  const refundedBefore = await debitReversed(tx, voucher)
  const refund = close.refund && !refundedBefore
  const settings = refund ? await readSettings(tx, voucher.communityId) : null
  const placement = voucher.placement ?? (await readAccount(tx, residentAccountId(voucher.residentId)))?.placement
  if (!placement) throw new Error(`兑换券 ${voucherId} 没有归属信息`)
  const payId = settings ? correctionAccount({ accountId: voucher.accountId ?? residentAccountId(voucher.residentId), ...placement }, settings.householdWallet) : null
  const countsId = countsAccountOf(voucher)
  const pay = payId ? await readAccount(tx, payId) : null
  const countsAccount = countsId === payId ? pay : await readAccount(tx, countsId)
  const counts = countsWith(countsAccount, voucher.offerId, -1)
  if (payId) {
    const draft = reversalOf({ key: voucher.entryKey, accountId: payId, delta: -voucher.pointsTenths, source: { type: 'voucher', id: voucher._id } }, close.by)
    const note = `${close.event === 'cancel' ? '退回' : '过期退还'}：${voucher.offerTitle}`
    await postEntry(tx, { ...draft, operatorName: close.byName, note }, placement, close.at, { account: pay, accountFields: countsId === payId ? { offerCounts: counts } : {} })
  }
  if (countsId !== payId) await writeCounts(tx, countsId, countsAccount, counts, placement, iso)
  const offer = ((await tx.collection('offers').doc(voucher.offerId).get()).data ?? null) as OfferRecord | null
  if (offer) await tx.collection('offers').doc(offer._id).update({ stock: offer.stock + 1, exchanged: Math.max(0, (offer.exchanged ?? 1) - 1) })
  // Refunded: now, or before (older data's bare reversal gave the points back).
  const refunded = refund || refundedBefore
  const changes = close.event === 'cancel' ? { status, cancelledAt: iso, cancelledBy: close.by, refunded } : { status, expiredAt: iso, refunded }
  await tx.collection('vouchers').doc(voucher._id).update(changes)
  return { ...voucher, ...changes }
}

/** The vouchers the timer expires: still issued (the only status `expire` leaves), their dates over; two hundred at a time. */
export async function dueVouchers(db: Db, now: Date): Promise<VoucherRecord[]> {
  const _ = db.command
  return (await db.collection('vouchers').where({ status: 'issued', validUntil: _.lte(now.toISOString()) }).limit(200).get()).data as VoucherRecord[]
}

/**
 * The timer's step, after the fact: a voucher past its dates is closed as expired (refunded when `refund`), in its own
 * transaction. One redeemed or cancelled since it was read is left as it is (nothing to do, and nothing wrong).
 * Answers whether it expired it.
 */
export async function expireVoucher(db: Db, voucherId: string, refund: boolean, at: Date): Promise<boolean> {
  try {
    await transaction(db, (tx) => closeVoucher(tx, voucherId, { event: 'expire', refund, by: 'system', byName: '系统', at }))
    return true
  } catch (e) {
    if (e instanceof DomainError && (e.code === 'VOUCHER.ALREADY_REDEEMED' || e.code === 'VOUCHER.NOT_REDEEMABLE')) return false
    throw e
  }
}

/**
 * 核销 inside `tx`: marks an issued voucher redeemed, so of any number of scans at once exactly one succeeds and the
 * others read "already redeemed". Refuses a used, returned or expired voucher (the table), one past its dates, and
 * one whose points came back.
 */
export async function redeemVoucher(tx: Transaction, voucherId: string, by: { openid: string; name: string }, now: Date): Promise<VoucherRecord> {
  const iso = now.toISOString()
  const found = ((await tx.collection('vouchers').doc(voucherId).get()).data ?? null) as VoucherRecord | null
  const status = nextVoucherStatus(found, 'redeem')
  const voucher = found!
  assertRedeemable(voucher, iso)
  if (await debitReversed(tx, voucher)) throw refusePointsBack()
  const changes = { status, redeemedAt: iso, redeemedDay: dayKey(now), redeemedMonth: monthKey(now), redeemedBy: by.openid, redeemedByName: by.name }
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
