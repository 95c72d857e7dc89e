/** Who acts for which merchant, and reading offers and merchants as their callers may see them. */
import { DomainError } from '../../src/core/errors'
import { isAdminOf } from '../_shared/community'
import type { MemberCtx } from '../_shared/handler'
import type { MerchantRecord, OfferRecord } from '../_shared/vouchers'

/** The merchant a clerk works for (the node of their merchant role), or null. */
export function clerkOf(ctx: MemberCtx): string | null {
  return ctx.roles.find((r) => r.role === 'merchant')?.nodeId ?? null
}

export async function getMerchant(ctx: MemberCtx, merchantId: string): Promise<MerchantRecord> {
  const merchant = ((await ctx.db.collection('merchants').doc(merchantId).get()).data as MerchantRecord[])[0]
  if (!merchant || merchant.communityId !== ctx.user.communityId) throw new DomainError('NOT_FOUND', '没有找到这个商家')
  return merchant
}

/** Where a resident picks up what a merchant's offer gives (the merchant's address), or '' when it has none or is gone. */
export async function merchantAddress(ctx: MemberCtx, merchantId: string): Promise<string> {
  const merchant = ((await ctx.db.collection('merchants').doc(merchantId).get()).data as MerchantRecord[])[0]
  return merchant && merchant.communityId === ctx.user.communityId ? (merchant.address ?? '') : ''
}

/** The merchant whose offers and redemptions the caller may see: a clerk's own, or (admin) the one named. */
export async function merchantInReach(ctx: MemberCtx, merchantId: string | undefined): Promise<MerchantRecord> {
  const own = clerkOf(ctx)
  const communityId = ctx.user.communityId
  if (merchantId && merchantId !== own) {
    if (!communityId || !isAdminOf(ctx, communityId)) throw new DomainError('AUTH.FORBIDDEN', '只能查看本店的记录')
    return getMerchant(ctx, merchantId)
  }
  if (!own) throw new DomainError('AUTH.FORBIDDEN', '只有商家店员可以查看本店的记录')
  return getMerchant(ctx, own)
}

export async function getOffer(ctx: MemberCtx, offerId: string): Promise<OfferRecord> {
  const offer = ((await ctx.db.collection('offers').doc(offerId).get()).data as OfferRecord[])[0]
  if (!offer || offer.communityId !== ctx.user.communityId) throw new DomainError('NOT_FOUND', '没有找到这件商品')
  return offer
}

/** The community's merchants by id (tens: one read). */
export async function merchantsOf(ctx: MemberCtx): Promise<Map<string, MerchantRecord>> {
  const rows = (await ctx.db.collection('merchants').where({ communityId: ctx.user.communityId }).limit(1000).get()).data as MerchantRecord[]
  return new Map(rows.map((m) => [m._id, m]))
}
