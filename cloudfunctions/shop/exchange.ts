/** 兑换 and a resident's vouchers: exchange, list, read, cancel. */
import { z } from 'zod'
import { requestIdInput } from '../../src/core/claim-input'
import { DomainError } from '../../src/core/errors'
import { VOUCHER_STATUSES } from '../../src/core/shop'
import { viewerOf } from '../../src/core/visibility'
import { transaction } from '../_shared/cloud'
import { isAdminOf } from '../_shared/community'
import { action, type MemberCtx } from '../_shared/handler'
import { type AccountRecord, type Placement, pickPlacement, postEntry, readAccount, residentAccountId, walletOf } from '../_shared/ledger'
import { readSettings } from '../_shared/settings'
import type { ResidentRecord } from '../_shared/org'
import { getResident, placementOf } from '../_shared/people'
import { newTicket } from '../_shared/voucher-code'
import { type OfferRecord, type VoucherRecord, closeVoucher, countsAccountOf, countsWith, toVoucher, writeCounts } from '../_shared/vouchers'
import { clerkOf, getOffer, onSale } from './access'
import { refusal } from './offers'
import { derivedId } from '../_shared/ids'
import { pageBy } from '../_shared/paging'

const PAGE = 20

const voucherIdFor = (openid: string, requestId: string) => derivedId('v', openid, requestId)

async function readVoucher(ctx: MemberCtx, voucherId: string): Promise<VoucherRecord | null> {
  return ((await ctx.db.collection('vouchers').doc(voucherId).get()).data as VoucherRecord[])[0] ?? null
}

/**
 * 兑换: one transaction takes one from the offer's stock, reads the resident's account (and the household's, for
 * the household wallet or 每户限兑), checks the resident is not suspended, old enough (if the offer says so), under
 * the limit and rich enough; then issues the voucher and debits the points. Eight requests from start to commit. Residents racing for the last one: the
 * database lets one commit, the others' retries find no stock, and they keep their points. A retried `requestId`
 * answers the voucher the first attempt issued (its id derives from the requestId, so it is written once).
 */
export const exchange = action({
  input: z.object({ offerId: z.string().min(1).max(64), requestId: requestIdInput }),
  access: 'member',
  handler: async ({ ctx, input }) => {
    const { residentId, householdId } = ctx.user
    if (!residentId || !householdId) throw new DomainError('AUTH.FORBIDDEN', '只有本社区的居民可以兑换')
    const voucherId = voucherIdFor(ctx.openid, input.requestId)
    const now = ctx.now()
    const iso = now.toISOString()
    const _ = ctx.db.command
    try {
      // Read first, outside the transaction: a sold-out or closed offer is refused without one (and without
      // joining the queue for it).
      const [seen, settings] = await Promise.all([getOffer(ctx, input.offerId), readSettings(ctx.db, ctx.user.communityId!)])
      if (!onSale(seen, iso)) throw new DomainError('SHOP.OFFER_UNAVAILABLE')
      if (seen.stock <= 0) throw new DomainError('SHOP.OUT_OF_STOCK')
      const voucher = await transaction(ctx.db, async (tx) => {
        // One from stock, first and without reading: of many residents racing for one offer, one holds it and the
        // others learn at their second request to wait their turn, instead of each doing the whole exchange to
        // lose at the commit. Read back (with this change), it tells whether there was one to take.
        await tx.collection('offers').doc(seen._id).update({ stock: _.inc(-1), exchanged: _.inc(1) })
        const offer = ((await tx.collection('offers').doc(seen._id).get()).data ?? null) as OfferRecord
        if (!onSale(offer, iso)) throw new DomainError('SHOP.OFFER_UNAVAILABLE')
        if (offer.stock < 0) throw new DomainError('SHOP.OUT_OF_STOCK')
        // The resident's own account (suspension, where they stand), the one that pays (theirs, or the household
        // wallet), and the one the limit counts in (theirs, or the household's for 每户限兑): each read once.
        const perHousehold = !!offer.eligibility?.perHousehold
        const own = residentAccountId(residentId)
        const payId = walletOf({ residentId, householdId }, settings.householdWallet)
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
        // The stock was taken above: refusal() checks what is left of it before the taking.
        const refused = refusal({ ...offer, stock: offer.stock + 1 }, now, { pay, person: accounts.get(own)!, counts: countsAccount }, birthYear)
        if (refused) throw refused
        const placement: Placement = accounts.get(own)?.placement ?? (await placementOf(ctx.db, (await getResident(ctx.db, residentId))!))
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
          openid: ctx.openid,
          pointsTenths: offer.pointsTenths,
          entryKey,
          perHousehold,
          accountId: payId,
          placement: pickPlacement(placement),
          ticket: newTicket(),
          status: 'issued',
          issuedAt: iso,
          validUntil: offer.validUntil,
        }
        // First: a second attempt with the same requestId stops here (the id is taken) and answers the first voucher.
        await tx.collection('vouchers').add(record)
        await postEntry(
          tx,
          { key: entryKey, accountId: payId, delta: -offer.pointsTenths, kind: 'debit', source: { type: 'voucher', id: voucherId }, operator: ctx.openid, operatorName: ctx.user.name, note: `兑换：${offer.title}` },
          placement,
          now,
          { account: pay, accountFields: countsId === payId ? { offerCounts: counts } : {} },
        )
        if (countsId !== payId) await writeCounts(tx, countsId, countsAccount, counts, placement, iso)
        return record
      })
      return { voucher: toVoucher(voucher, viewerOf(ctx)) }
    } catch (e) {
      // The same request again (a retry after a lost answer, or two taps at once): the first one's voucher.
      const existing = await readVoucher(ctx, voucherId)
      if (existing && existing.residentId === residentId) return { voucher: toVoucher(existing, viewerOf(ctx)) }
      throw e
    }
  },
})

/** My vouchers, newest first; `status` narrows them (待使用 = issued). */
export const vouchers = action({
  input: z.object({ status: z.enum(VOUCHER_STATUSES).optional(), cursor: z.string().max(200).optional() }),
  access: 'member',
  handler: async ({ ctx, input }) => {
    const residentId = ctx.user.residentId
    if (!residentId) return { items: [] }
    const where: Record<string, unknown> = { residentId }
    if (input.status) where.status = input.status
    // By (issuedAt, _id): two exchanges in one instant must not fall between two pages.
    const page = await pageBy<VoucherRecord>(ctx.db, 'vouchers', where, { field: 'issuedAt', direction: 'desc', cursor: input.cursor, size: PAGE })
    return { items: page.items.map((v) => toVoucher(v, viewerOf(ctx))), ...(page.cursor ? { cursor: page.cursor } : {}) }
  },
})

/** A voucher its caller may see: the owner's, the admin's of its community, or a clerk's of its merchant (name masked). */
async function voucherInReach(ctx: MemberCtx, voucherId: string): Promise<{ voucher: VoucherRecord; owner: boolean; admin: boolean }> {
  const voucher = await readVoucher(ctx, voucherId)
  const owner = !!voucher && voucher.residentId === ctx.user.residentId
  const admin = !!voucher && isAdminOf(ctx, voucher.communityId)
  if (!voucher || !(owner || admin || clerkOf(ctx) === voucher.merchantId)) throw new DomainError('NOT_FOUND', '没有找到这张券')
  return { voucher, owner, admin }
}

export const voucher = action({
  input: z.object({ voucherId: z.string().min(1).max(64) }),
  access: 'member',
  handler: async ({ ctx, input }) => {
    const { voucher: v } = await voucherInReach(ctx, input.voucherId)
    return { voucher: toVoucher(v, viewerOf(ctx)) }
  },
})

/** 退回 an unused voucher, by its owner or the admin: the points come back, the stock too, and the limit frees one. */
export const cancel = action({
  input: z.object({ voucherId: z.string().min(1).max(64) }),
  access: 'member',
  audit: 'roles',
  handler: async ({ ctx, input }) => {
    const { owner, admin } = await voucherInReach(ctx, input.voucherId)
    if (!owner && !admin) throw new DomainError('AUTH.FORBIDDEN', '只有券的主人或社区工作小组可以退回')
    const closed = await transaction(ctx.db, (tx) => closeVoucher(tx, input.voucherId, { status: 'cancelled', refund: true, by: ctx.openid, byName: ctx.user.name, at: ctx.now() }))
    return { voucher: toVoucher(closed, viewerOf(ctx)) }
  },
})
