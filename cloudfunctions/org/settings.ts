/** 社区设置: settlement, the publicity window, the household wallet, suspension months, refunds of expired vouchers. */
import { settingsInput, updateSettingsInput } from '../../src/core/org.schema'
import { transaction } from '../_shared/cloud'
import { administeredCommunity, communityOf } from '../_shared/community'
import { action } from '../_shared/handler'
import { readSettings } from '../_shared/settings'
import { moveWallets } from '../_shared/wallet'

/** The community's settings, for every member (the pages say "pending until the publicity ends" and the like). */
export const settings = action({
  input: settingsInput,
  access: 'member',
  handler: async ({ ctx }) => ({ settings: await readSettings(ctx.db, communityOf(ctx)) }),
})

/**
 * Changes some settings (admin). They apply from now on: points already pending stay pending until their month is
 * final. Turning the household wallet on or off moves what the accounts hold (into the household's account, or
 * shared out to its members), score-neutral, so no point is left where nobody can spend it.
 */
export const updateSettings = action({
  input: updateSettingsInput,
  access: ['admin'],
  audit: true,
  handler: async ({ ctx, input }) => {
    const communityId = administeredCommunity(ctx)
    const before = await readSettings(ctx.db, communityId)
    const after = { ...before, ...input }
    await transaction(ctx.db, async (tx) => {
      await tx.collection('settings').doc(communityId).set({ communityId, ...after, updatedAt: ctx.now().toISOString(), updatedBy: ctx.openid })
    })
    const now = ctx.now()
    const moved =
      after.householdWallet !== before.householdWallet
        ? await moveWallets(ctx.db, communityId, after.householdWallet, { id: `${communityId}:${now.toISOString()}`, by: ctx.openid, byName: ctx.user.name, at: now })
        : 0
    ctx.audit({ target: { type: 'settings', id: communityId }, before, after: { ...after, ...(moved ? { accountsMoved: moved } : {}) } })
    return { settings: after, ...(moved ? { accountsMoved: moved } : {}) }
  },
})
