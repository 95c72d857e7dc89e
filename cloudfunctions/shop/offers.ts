/** Offers of the 积分超市: listing, one offer with whether I may exchange it, saving, and the admin's review. */
import { DomainError } from '../../src/core/errors'
import { firstOfferStatus, nextOfferStatus, onSale } from '../../src/core/offers'
import { toTenths } from '../../src/core/points'
import type { Offer } from '../../src/core/shop'
import { offerInput, offersInput, reviewOfferInput, saveOfferInput } from '../../src/core/shop.schema'
import { transaction } from '../_shared/cloud'
import { administeredCommunity, isAdminOf } from '../_shared/community'
import { action } from '../_shared/handler'
import { exchangeRefusal } from '../_shared/exchange'
import { type AccountRecord, residentAccountId, walletOf } from '../_shared/ledger'
import { readSettings } from '../_shared/settings'
import type { ResidentRecord } from '../_shared/org'
import { type OfferRecord, countsAccountOf, toOffer } from '../_shared/vouchers'
import { clerkOf, getMerchant, getOffer, merchantAddress } from './access'
import { derivedId } from '../_shared/ids'

/**
 * A member sees the active, in-window offers of their community (a kind, if named); a clerk with `mine` sees all of
 * their merchant's; the admin with `status` sees the community's offers in that status (pending ones to approve).
 */
export const offers = action({
  input: offersInput,
  access: 'member',
  handler: async ({ ctx, input }) => {
    const communityId = ctx.user.communityId
    if (!communityId) return { items: [] as Offer[] }
    const where: Record<string, unknown> = { communityId }
    if (input.mine) {
      const own = clerkOf(ctx)
      if (!own) throw new DomainError('AUTH.FORBIDDEN', '只有商家店员可以查看本店的商品')
      where.merchantId = own
    } else if (input.status) {
      if (!isAdminOf(ctx, communityId)) throw new DomainError('AUTH.FORBIDDEN', '只有工作小组可以按状态查看商品')
      where.status = input.status
    } else {
      where.status = 'active'
    }
    if (input.kind) where.kind = input.kind
    const rows = await ctx.db.collection('offers').where(where).limit(1000).get()
    const at = ctx.now().toISOString()
    const shown = (rows.data as OfferRecord[]).filter((o) => input.mine || input.status || onSale(o, at))
    // Still in stock first, then the cheapest: what an older resident looks for.
    shown.sort((a, b) => Number(b.stock > 0) - Number(a.stock > 0) || a.pointsTenths - b.pointsTenths || a.title.localeCompare(b.title, 'zh'))
    return { items: shown.map(toOffer) }
  },
})

/** One offer, and for a resident how many they hold or used and whether they may exchange it now. */
export const offer = action({
  input: offerInput,
  access: 'member',
  handler: async ({ ctx, input }) => {
    const record = await getOffer(ctx, input.offerId)
    // Where to pick it up: the merchant's own name (offer.merchantName) and address, never a place written elsewhere.
    const address = await merchantAddress(ctx, record.merchantId)
    const { residentId, householdId } = ctx.user
    if (!residentId || !householdId) return { offer: toOffer(record), merchantAddress: address, used: 0, canExchange: false, reason: '只有本社区的居民可以兑换' }
    const _ = ctx.db.command
    const settings = await readSettings(ctx.db, record.communityId)
    const own = residentAccountId(residentId)
    const payId = walletOf({ residentId, householdId }, settings.householdWallet)
    const countsId = countsAccountOf({ perHousehold: !!record.eligibility?.perHousehold, residentId, householdId })
    const [accounts, resident] = await Promise.all([
      ctx.db.collection('accounts').where({ _id: _.in([...new Set([own, payId, countsId])]) }).limit(3).get(),
      ctx.db.collection('residents').doc(residentId).get(),
    ])
    const byId = new Map((accounts.data as AccountRecord[]).map((a) => [a._id, a]))
    const birthYear = ((resident.data as (ResidentRecord & { birthYear?: number })[])[0] ?? null)?.birthYear
    const reason = exchangeRefusal(record, ctx.now(), { pay: byId.get(payId) ?? null, person: byId.get(own) ?? null, counts: byId.get(countsId) ?? null }, birthYear)?.message
    const used = byId.get(countsId)?.offerCounts?.[record._id] ?? 0
    return { offer: toOffer(record), merchantAddress: address, used, canExchange: !reason, ...(reason ? { reason } : {}) }
  },
})

/**
 * Creates or changes an offer. A clerk's (their own merchant's) waits for the admin (`pending`, also after a change of
 * anything but the stock); the admin's, for any merchant of the community, is active at once. Saved in a transaction, so a change of stock
 * never loses an exchange made meanwhile.
 */
export const saveOffer = action({
  input: saveOfferInput,
  access: ['merchant', 'admin'],
  audit: true,
  handler: async ({ ctx, input }) => {
    const communityId = ctx.user.communityId!
    const admin = isAdminOf(ctx, communityId)
    const merchantId = admin ? input.merchantId : clerkOf(ctx)
    if (!merchantId) throw new DomainError('INPUT.INVALID', '请选择商家', { issues: [{ path: ['merchantId'], message: '请选择商家' }] })
    if (!admin && input.merchantId && input.merchantId !== merchantId) throw new DomainError('AUTH.FORBIDDEN', '只能发布本店的商品')
    const merchant = await getMerchant(ctx, merchantId)
    if (merchant.status !== 'active') throw new DomainError('AUTH.FORBIDDEN', '这个商家已暂停，不能发布商品')
    const now = ctx.now()
    const validUntil = new Date(input.validUntil).toISOString()
    const id =
      input.id ?? derivedId('of', ctx.openid, input.requestId, 20)
    const common = {
      communityId,
      merchantId,
      merchantName: merchant.name,
      title: input.title,
      description: input.description ?? '',
      kind: input.kind,
      pointsTenths: toTenths(input.points),
      stock: input.stock,
      perResidentLimit: input.perResidentLimit,
      validUntil,
      eligibility: input.eligibility ?? {},
      note: '',
      updatedAt: now.toISOString(),
      updatedBy: ctx.openid,
    }
    const saved = await transaction(ctx.db, async (tx) => {
      const existing = ((await tx.collection('offers').doc(id).get()).data ?? null) as OfferRecord | null
      if (input.id && !existing) throw new DomainError('NOT_FOUND', '没有找到这件商品')
      if (existing && (existing.communityId !== communityId || (!admin && existing.merchantId !== merchantId))) throw new DomainError('AUTH.FORBIDDEN', '只能修改本店的商品')
      // A retried create answers what the first one saved.
      if (existing && !input.id) return existing
      // Without a start date an offer starts now, or keeps the start it had.
      const validFrom = input.validFrom ? new Date(input.validFrom).toISOString() : (existing?.validFrom ?? now.toISOString())
      if (validUntil <= validFrom) throw new DomainError('INPUT.INVALID', '截止日期要晚于开始日期', { issues: [{ path: ['validUntil'], message: '截止日期要晚于开始日期' }] })
      const fields = { ...common, validFrom }
      // The admin's save puts the offer on sale; a clerk restocking (or changing nothing the admin approved) keeps its
      // status; any other change of a clerk's waits for the admin again (the offer table, src/core/offers).
      const approvedAsIs = !!existing && APPROVED_FIELDS.every((k) => JSON.stringify(existing[k] ?? null) === JSON.stringify(fields[k] ?? null))
      const status = existing ? nextOfferStatus(existing.status, admin ? 'publish' : approvedAsIs ? 'restock' : 'edit') : firstOfferStatus(admin ? 'admin' : 'merchant')
      const record = { ...(existing ?? { createdAt: now.toISOString(), createdBy: ctx.openid, exchanged: 0, merchantSuspended: false }), ...fields, status }
      const { _id: _ignored, ...body } = record as OfferRecord
      await tx.collection('offers').doc(id).set(body)
      ctx.audit({ target: { type: 'offer', id }, before: existing, after: body })
      return { ...body, _id: id } as OfferRecord
    })
    return { offer: toOffer(saved) }
  },
})

/** What the admin approved of an offer: changing any of it (not the stock) sends a clerk's offer back for approval. */
const APPROVED_FIELDS = ['title', 'description', 'kind', 'pointsTenths', 'perResidentLimit', 'validFrom', 'validUntil', 'eligibility'] as const

/** 审核 by the admin: approve or reject a merchant's offer (a rejection says why), or retire one from the shop. */
export const reviewOffer = action({
  input: reviewOfferInput,
  access: ['admin'],
  audit: true,
  handler: async ({ ctx, input }) => {
    administeredCommunity(ctx)
    const seen = await getOffer(ctx, input.offerId)
    const saved = await transaction(ctx.db, async (tx) => {
      const found = ((await tx.collection('offers').doc(seen._id).get()).data ?? null) as OfferRecord | null
      // The offer table refuses a decision its status does not allow (NOT_FOUND for one gone meanwhile).
      const status = nextOfferStatus(found?.status, input.decision)
      const current = found!
      const changes = { status, note: input.note ?? '', reviewedBy: ctx.openid, reviewedAt: ctx.now().toISOString() }
      await tx.collection('offers').doc(current._id).update(changes)
      ctx.audit({ target: { type: 'offer', id: current._id }, before: { status: current.status }, after: changes })
      return { ...current, ...changes }
    })
    return { offer: toOffer(saved) }
  },
})

