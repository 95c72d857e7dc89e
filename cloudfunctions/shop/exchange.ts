/** 兑换 and a resident's vouchers: exchange, list, read, cancel. */
import { DomainError } from '../../src/core/errors'
import { onSale } from '../../src/core/offers'
import { cancelInput, exchangeInput, voucherInput, vouchersInput } from '../../src/core/shop.schema'
import { viewerOf } from '../../src/core/visibility'
import { transaction } from '../_shared/cloud'
import { isAdminOf } from '../_shared/community'
import { action, type MemberCtx } from '../_shared/handler'
import { closeVoucher, issueVoucher } from '../_shared/exchange'
import { readSettings } from '../_shared/settings'
import { type VoucherRecord, toVoucher } from '../_shared/vouchers'
import { clerkOf, getOffer, merchantAddress } from './access'
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
 * the limit and rich enough; then issues the voucher and debits the points (issueVoucher, beside its inverse in
 * _shared/exchange). Eight requests from start to commit. Residents racing for the last one: the
 * database lets one commit, the others' retries find no stock, and they keep their points. A retried `requestId`
 * answers the voucher the first attempt issued (its id derives from the requestId, so it is written once).
 */
export const exchange = action({
  input: exchangeInput,
  access: 'member',
  handler: async ({ ctx, input }) => {
    const { residentId, householdId } = ctx.user
    if (!residentId || !householdId) throw new DomainError('AUTH.FORBIDDEN', '只有本社区的居民可以兑换')
    const voucherId = voucherIdFor(ctx.openid, input.requestId)
    const now = ctx.now()
    const iso = now.toISOString()
    try {
      // Read first, outside the transaction: a sold-out or closed offer is refused without one (and without
      // joining the queue for it).
      const [seen, settings] = await Promise.all([getOffer(ctx, input.offerId), readSettings(ctx.db, ctx.user.communityId!)])
      if (!onSale(seen, iso)) throw new DomainError('SHOP.OFFER_UNAVAILABLE')
      if (seen.stock <= 0) throw new DomainError('SHOP.OUT_OF_STOCK')
      const voucher = await transaction(ctx.db, (tx) =>
        issueVoucher(tx, ctx.db, { voucherId, offerId: seen._id, residentId, householdId, householdWallet: settings.householdWallet, openid: ctx.openid, operatorName: ctx.user.name, at: now }),
      )
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
  input: vouchersInput,
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
  input: voucherInput,
  access: 'member',
  handler: async ({ ctx, input }) => {
    const { voucher: v } = await voucherInReach(ctx, input.voucherId)
    // Where to use it: the merchant's address beside its name (voucher.merchantName).
    return { voucher: toVoucher(v, viewerOf(ctx)), merchantAddress: await merchantAddress(ctx, v.merchantId) }
  },
})

/** 退回 an unused voucher, by its owner or the admin: the points come back, the stock too, and the limit frees one. */
export const cancel = action({
  input: cancelInput,
  access: 'member',
  audit: 'roles',
  handler: async ({ ctx, input }) => {
    const { owner, admin } = await voucherInReach(ctx, input.voucherId)
    if (!owner && !admin) throw new DomainError('AUTH.FORBIDDEN', '只有券的主人或社区工作小组可以退回')
    const closed = await transaction(ctx.db, (tx) => closeVoucher(tx, input.voucherId, { event: 'cancel', refund: true, by: ctx.openid, byName: ctx.user.name, at: ctx.now() }))
    return { voucher: toVoucher(closed, viewerOf(ctx)) }
  },
})
