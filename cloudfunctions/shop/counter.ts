/**
 * 柜台兑换 by points card: a resident without a phone shows their card at the counter and says their PIN; the clerk of
 * the offering merchant (or the admin) exchanges and hands the goods over at once — the voucher issued and redeemed in
 * one transaction, by every rule of shop.exchange (stock, the limit, eligibility, a suspension, the points) through
 * the same issueVoucher, and a retried requestId answers the first. Audited with the clerk as operator.
 */
import { DomainError } from '../../src/core/errors'
import { onSale } from '../../src/core/offers'
import { exchangeByCardInput } from '../../src/core/cards.schema'
import { fromTenths } from '../../src/core/points'
import { viewerOf } from '../../src/core/visibility'
import { cardOfToken, checkPin } from '../_shared/cards'
import { transaction } from '../_shared/cloud'
import { isAdminOf } from '../_shared/community'
import { issueVoucher, redeemVoucher } from '../_shared/exchange'
import { action } from '../_shared/handler'
import { derivedId } from '../_shared/ids'
import { type AccountRecord, spendable, walletOf } from '../_shared/ledger'
import type { ResidentRecord } from '../_shared/org'
import { readSettings } from '../_shared/settings'
import { type VoucherRecord, toVoucher } from '../_shared/vouchers'
import { clerkOf, getMerchant, getOffer } from './access'

export const exchangeByCard = action({
  input: exchangeByCardInput,
  access: ['merchant', 'admin'],
  audit: true,
  handler: async ({ ctx, input }) => {
    const communityId = ctx.user.communityId!
    const now = ctx.now()
    const iso = now.toISOString()
    const offer = await getOffer(ctx, input.offerId)
    const admin = isAdminOf(ctx, communityId)
    if (!admin && offer.merchantId !== clerkOf(ctx)) throw new DomainError('AUTH.FORBIDDEN', '只能兑换本店的商品')
    if ((await getMerchant(ctx, offer.merchantId)).status !== 'active') throw new DomainError('AUTH.FORBIDDEN', '这个商家已被社区暂停，暂时不能兑换')
    const card = await cardOfToken(ctx.db, input.token, communityId)
    const resident = ((await ctx.db.collection('residents').doc(card.residentId).get()).data as ResidentRecord[])[0]
    if (!resident || resident.status) throw new DomainError('CARD.REVOKED', '持卡的居民已经搬走或注销，这张卡不能再用')
    const voucherId = derivedId('v', ctx.openid, input.requestId)
    // A retry of a request that went through (its answer lost): the first voucher, without asking the PIN again.
    const done = ((await ctx.db.collection('vouchers').doc(voucherId).get()).data as VoucherRecord[])[0]
    if (done) {
      if (done.residentId !== resident._id) throw new DomainError('INPUT.INVALID', '这个请求号已经用过了，请重新办理')
      return { voucher: toVoucher(done, viewerOf(ctx)) }
    }
    await checkPin(ctx.db, card, input.pin, now)
    if (!onSale(offer, iso)) throw new DomainError('SHOP.OFFER_UNAVAILABLE')
    if (offer.stock <= 0) throw new DomainError('SHOP.OUT_OF_STOCK')
    const settings = await readSettings(ctx.db, communityId)
    const by = { openid: ctx.openid, name: ctx.user.name }
    const voucher = await transaction(ctx.db, async (tx) => {
      await issueVoucher(tx, ctx.db, { voucherId, offerId: offer._id, residentId: resident._id, householdId: resident.householdId, householdWallet: settings.householdWallet, openid: ctx.openid, holder: resident.openid ?? null, operatorName: ctx.user.name, at: now })
      return redeemVoucher(tx, voucherId, by, now)
    })
    const account = ((await ctx.db.collection('accounts').doc(walletOf({ residentId: resident._id, householdId: resident.householdId }, settings.householdWallet)).get()).data as AccountRecord[])[0]
    ctx.audit({ target: { type: 'voucher', id: voucher._id }, after: { offer: voucher.offerTitle, points: fromTenths(voucher.pointsTenths), card: card.number, status: 'redeemed' } })
    return { voucher: toVoucher(voucher, viewerOf(ctx)), balance: { available: fromTenths(spendable(account)) } }
  },
})
