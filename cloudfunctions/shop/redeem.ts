/** Redemption codes and 核销: the resident's QR, the clerk's scan. */
import { z } from 'zod'
import { DomainError } from '../../src/core/errors'
import { dayKey, inZone, monthKey } from '../../src/core/period'
import { formatCode, redeemInput, splitCode } from '../../src/core/shop'
import { viewerOf } from '../../src/core/visibility'
import { transaction } from '../_shared/cloud'
import { action } from '../_shared/handler'
import { checkCode, makeCode } from '../_shared/voucher-code'
import { type VoucherRecord, debitReversed, toVoucher } from '../_shared/vouchers'
import { clerkOf, getMerchant } from './access'

/** A fresh code for my unused voucher: good for 60 seconds, a new one on every ask. No write. */
export const code = action({
  input: z.object({ voucherId: z.string().min(1).max(64) }),
  access: 'member',
  handler: async ({ ctx, input }) => {
    const voucher = ((await ctx.db.collection('vouchers').doc(input.voucherId).get()).data as VoucherRecord[])[0]
    if (!voucher || voucher.residentId !== ctx.user.residentId) throw new DomainError('NOT_FOUND', '没有找到这张券')
    if (voucher.status === 'redeemed') throw new DomainError('VOUCHER.ALREADY_REDEEMED', '这张券已经使用过了')
    const now = ctx.now()
    if (voucher.status !== 'issued' || voucher.validUntil <= now.toISOString()) throw new DomainError('VOUCHER.NOT_REDEEMABLE', '这张券已退回或已过期，不能再使用')
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
    const iso = now.toISOString()
    const redeemed = await transaction(ctx.db, async (tx) => {
      const voucher = ((await tx.collection('vouchers').doc(match!.voucher._id).get()).data ?? null) as VoucherRecord | null
      if (!voucher) throw new DomainError('NOT_FOUND', '没有找到这张券')
      if (voucher.status === 'redeemed') throw new DomainError('VOUCHER.ALREADY_REDEEMED', `这张券已经在 ${inZone(voucher.redeemedAt!).format('M月D日 HH:mm')} 核销过了`)
      if (voucher.status !== 'issued') throw new DomainError('VOUCHER.NOT_REDEEMABLE', '这张券已退回或已过期，不能核销')
      if (voucher.validUntil <= iso) throw new DomainError('VOUCHER.NOT_REDEEMABLE', '这张券已过兑换期，不能核销')
      // A voucher and its debit live and die together: one whose points came back (older data reversed the debit on
      // its own) is worth nothing any more.
      if (await debitReversed(tx, voucher)) throw new DomainError('VOUCHER.NOT_REDEEMABLE', '这张券的积分已经退回，不能核销，请让居民退回这张券')
      const changes = { status: 'redeemed' as const, redeemedAt: iso, redeemedDay: dayKey(now), redeemedMonth: monthKey(now), redeemedBy: ctx.openid, redeemedByName: ctx.user.name }
      await tx.collection('vouchers').doc(voucher._id).update(changes)
      return { ...voucher, ...changes }
    })
    ctx.audit({ target: { type: 'voucher', id: redeemed._id }, before: { status: 'issued' }, after: { status: 'redeemed', offer: redeemed.offerTitle, points: redeemed.pointsTenths / 10 } })
    return { voucher: toVoucher(redeemed, viewerOf(ctx)) }
  },
})
