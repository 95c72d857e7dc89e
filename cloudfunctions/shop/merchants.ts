/** 商居联盟, kept by the admin: merchants, suspending them, and binding clerks with an invite code. */
import { DomainError } from '../../src/core/errors'
import { formatInviteCode } from '../../src/core/invites'
import type { Merchant } from '../../src/core/shop'
import { clerkInviteInput, merchantsInput, saveMerchantInput, setMerchantStatusInput } from '../../src/core/shop.schema'
import { transaction } from '../_shared/cloud'
import { administeredCommunity } from '../_shared/community'
import { action, type MemberCtx, type UserRecord } from '../_shared/handler'
import type { MerchantRecord } from '../_shared/vouchers'
import { saveInvite } from '../org/issue-invite'
import { getMerchant } from './access'
import { derivedId } from '../_shared/ids'

async function clerksOf(ctx: MemberCtx, merchantIds: string[]): Promise<Map<string, { openid: string; name: string }[]>> {
  const byMerchant = new Map<string, { openid: string; name: string }[]>()
  if (merchantIds.length === 0) return byMerchant
  const _ = ctx.db.command
  const users = (await ctx.db.collection('users').where({ 'roles.nodeId': _.in(merchantIds) }).limit(1000).get()).data as UserRecord[]
  for (const u of users) {
    for (const r of u.roles ?? []) {
      if (r.role === 'merchant' && merchantIds.includes(r.nodeId)) byMerchant.set(r.nodeId, [...(byMerchant.get(r.nodeId) ?? []), { openid: u._id, name: u.name }])
    }
  }
  return byMerchant
}

const toMerchant = (m: MerchantRecord, clerks: { openid: string; name: string }[]): Merchant => ({
  id: m._id,
  name: m.name,
  address: m.address ?? '',
  contact: m.contact ?? '',
  status: m.status,
  clerks,
})

export const merchants = action({
  input: merchantsInput,
  access: ['admin'],
  handler: async ({ ctx }) => {
    const communityId = administeredCommunity(ctx)
    const rows = (await ctx.db.collection('merchants').where({ communityId }).limit(1000).get()).data as MerchantRecord[]
    const clerks = await clerksOf(ctx, rows.map((m) => m._id))
    rows.sort((a, b) => Number(a.status !== 'active') - Number(b.status !== 'active') || a.name.localeCompare(b.name, 'zh'))
    return { items: rows.map((m) => toMerchant(m, clerks.get(m._id) ?? [])) }
  },
})

/** Adds a merchant (no `id`; a retried `requestId` adds once) or changes one; a new name follows onto its offers. */
export const saveMerchant = action({
  input: saveMerchantInput,
  access: ['admin'],
  audit: true,
  handler: async ({ ctx, input }) => {
    const communityId = administeredCommunity(ctx)
    const id = input.id ?? derivedId('m', ctx.openid, input.requestId, 20)
    const at = ctx.now().toISOString()
    const saved = await transaction(ctx.db, async (tx) => {
      const existing = ((await tx.collection('merchants').doc(id).get()).data ?? null) as MerchantRecord | null
      if (input.id && (!existing || existing.communityId !== communityId)) throw new DomainError('NOT_FOUND', '没有找到这个商家')
      if (existing && !input.id) return existing
      const record = { communityId, status: existing?.status ?? ('active' as const), name: input.name, address: input.address ?? '', contact: input.contact ?? '', updatedAt: at, ...(existing ? {} : { createdAt: at }) }
      if (existing) await tx.collection('merchants').doc(id).update(record)
      else await tx.collection('merchants').doc(id).set(record)
      return { ...existing, ...record, _id: id } as MerchantRecord
    })
    // Offers carry their merchant's name: a renamed merchant's offers follow (outside the transaction, which allows no where()).
    await ctx.db.collection('offers').where({ merchantId: id }).update({ merchantName: saved.name })
    const clerks = await clerksOf(ctx, [id])
    return { merchant: toMerchant(saved, clerks.get(id) ?? []) }
  },
})

/**
 * 暂停 a merchant: its offers leave the shop and its clerks cannot redeem (vouchers already issued stay valid and
 * may be cancelled for a refund); 恢复 lets it trade again.
 */
export const setMerchantStatus = action({
  input: setMerchantStatusInput,
  access: ['admin'],
  audit: true,
  handler: async ({ ctx, input }) => {
    administeredCommunity(ctx)
    const merchant = await getMerchant(ctx, input.merchantId)
    await ctx.db.collection('merchants').doc(merchant._id).update({ status: input.status, updatedAt: ctx.now().toISOString() })
    ctx.audit({ target: { type: 'merchant', id: merchant._id }, before: { status: merchant.status }, after: { status: input.status } })
    await ctx.db.collection('offers').where({ merchantId: merchant._id }).update({ merchantSuspended: input.status === 'suspended' })
    const clerks = await clerksOf(ctx, [merchant._id])
    return { merchant: toMerchant({ ...merchant, status: input.status }, clerks.get(merchant._id) ?? []) }
  },
})

/** An invite code for a merchant's clerk: whoever joins with it (user.join) becomes a clerk of that merchant. */
export const clerkInvite = action({
  input: clerkInviteInput,
  access: ['admin'],
  audit: true,
  handler: async ({ ctx, input }) => {
    const communityId = administeredCommunity(ctx)
    const merchant = await getMerchant(ctx, input.merchantId)
    if (merchant.status !== 'active') throw new DomainError('INPUT.INVALID', '这个商家已暂停，请先恢复再邀请店员')
    const invite = await saveInvite(ctx, { communityId, gridId: null, courtyardId: null, householdId: null, merchantId: merchant._id, maxUses: 1, days: input.days })
    return { invite: { code: invite._id, display: formatInviteCode(invite._id), merchantName: merchant.name, expiresAt: invite.expiresAt } }
  },
})
