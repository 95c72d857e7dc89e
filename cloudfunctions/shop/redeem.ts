/** Redemption codes and 核销: the resident's QR, the clerk's scan. */
import { DomainError } from '../../src/core/errors'
import { formatCode, splitCode } from '../../src/core/shop'
import { codeInput, redeemInput } from '../../src/core/shop.schema'
import { assertShowable } from '../../src/core/vouchers'
import { viewerOf } from '../../src/core/visibility'
import { transaction } from '../_shared/cloud'
import { action } from '../_shared/handler'
import { checkCode, makeCode } from '../_shared/voucher-code'
import { redeemVoucher } from '../_shared/exchange'
import { type OfferRecord, type VoucherRecord, toVoucher } from '../_shared/vouchers'
import { clerkOf, getMerchant } from './access'

/** A fresh code for my unused voucher: good for 60 seconds, a new one on every ask. No write. */
export const code = action({
  input: codeInput,
  access: 'member',
  handler: async ({ ctx, input }) => {
    const voucher = ((await ctx.db.collection('vouchers').doc(input.voucherId).get()).data as VoucherRecord[])[0]
    if (!voucher || voucher.residentId !== ctx.user.residentId) throw new DomainError('NOT_FOUND', '没有找到这张券')
    const now = ctx.now()
    assertShowable(voucher, now.toISOString())
    const made = makeCode(voucher._id, voucher.ticket, now.getTime())
    return { code: made.code, display: formatCode(made.code), expiresAt: made.expiresAt }
  },
})

/**
 * 核销 by a clerk of the offering merchant. The code names the voucher by its ticket and proves it with a signature
 * made in the last 60 seconds; then one transaction marks it redeemed, so of any number of scans at once exactly one
 * succeeds and the others read "already redeemed". Refusals each have their code: a wrong or altered code
 * (VOUCHER.CODE_INVALID), an old one (VOUCHER.CODE_EXPIRED), another merchant's voucher (VOUCHER.WRONG_MERCHANT),
 * a used one (VOUCHER.ALREADY_REDEEMED), a cancelled or expired one (VOUCHER.NOT_REDEEMABLE).
 */
export const redeem = action({
  input: redeemInput,
  access: ['merchant'],
  audit: true,
  handler: async ({ ctx, input }) => {
    const merchantId = clerkOf(ctx)!
    const now = ctx.now()
    const [found, merchant] = await Promise.all([
      ctx.db.collection('vouchers').where({ ticket: splitCode(input.code).ticket }).limit(20).get(),
      getMerchant(ctx, merchantId),
    ])
    let match: { voucher: VoucherRecord; check: 'valid' | 'expired' } | null = null
    for (const voucher of found.data as VoucherRecord[]) {
      const check = checkCode(voucher._id, input.code, now.getTime())
      if (check !== 'invalid') match = { voucher, check }
    }
    if (!match) throw new DomainError('VOUCHER.CODE_INVALID')
    if (match.check === 'expired') throw new DomainError('VOUCHER.CODE_EXPIRED')
    if (match.voucher.merchantId !== merchantId) throw new DomainError('VOUCHER.WRONG_MERCHANT', `这张券是“${match.voucher.merchantName}”的，不能在本店核销`)
    if (merchant.status !== 'active') throw new DomainError('AUTH.FORBIDDEN', '本店已被社区暂停，暂时不能核销，请联系社区')
    const voucherId = match.voucher._id
    // The offer's condition (70 岁及以上), which the exchange checked against the resident, so that the clerk hands over
    // knowing it: read beside the transaction, no extra round trip.
    const [redeemed, offer] = await Promise.all([
      transaction(ctx.db, (tx) => redeemVoucher(tx, voucherId, { openid: ctx.openid, name: ctx.user.name }, now)),
      ctx.db.collection('offers').doc(match.voucher.offerId).get().then((r) => (r.data as OfferRecord[])[0]),
    ])
    ctx.audit({ target: { type: 'voucher', id: redeemed._id }, before: { status: 'issued' }, after: { status: 'redeemed', offer: redeemed.offerTitle, points: redeemed.pointsTenths / 10 } })
    return { voucher: toVoucher(redeemed, viewerOf(ctx)), eligibility: offer?.eligibility ?? {} }
  },
})
