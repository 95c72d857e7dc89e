/** 我的 → 大字模式（长辈模式）: the member's own choice, kept on their account. */
import { setPreferencesInput } from '../../src/core/user.schema'
import { action } from '../_shared/handler'

/** What a member chose for themselves (`users/<openid>.preferences`); nothing chosen: the community's default applies. */
export interface Preferences {
  elderMode?: boolean
}

/** Turns 长辈模式 on or off for the caller; from then on their choice wins over the community's 70-and-over default. */
export const setPreferences = action({
  input: setPreferencesInput,
  access: 'member',
  handler: async ({ ctx, input }) => {
    await ctx.db.collection('users').doc(ctx.openid).update({ preferences: { elderMode: input.elderMode } })
    return { elderMode: input.elderMode, elderModeChosen: true }
  },
})
