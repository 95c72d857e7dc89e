/**
 * The backend, as typed functions: `api.user.me()`. Pages never name a cloud function or an action themselves.
 * One entry per `function.action` of DESIGN.md "Functions and actions"; add them here as their issues land.
 */
import type { RuleCategory, RuleItem, RuleSaveInput } from '@core/rules'
import type { Me } from '@core/user'
import { call, type CallOptions } from './transport'

export const api = {
  user: {
    /** Who the caller is and where they stand in the org tree. An unknown caller: AUTH.UNAUTHENTICATED. */
    me: (options?: CallOptions) => call<Me>('user', 'me', {}, options),
  },
  rules: {
    /**
     * The rule catalogue (积分细则) of the caller's community, categories in order with their enabled items.
     * `includeDisabled` (admin only) also lists the items taken out of the catalogue.
     */
    list: (input: { includeDisabled?: boolean } = {}, options?: CallOptions) =>
      call<{ categories: RuleCategory[] }>('rules', 'list', input, options),
    /** Creates (no `id`) or changes an item (admin). `requestId` makes a retried create write once. */
    save: (input: RuleSaveInput & { requestId?: string }, options?: CallOptions) =>
      call<{ rule: RuleItem; categoryId: string }>('rules', 'save', input, options),
    /** Takes an item out of the catalogue (admin), or puts it back with `enabled: true`. */
    disable: (input: { ruleId: string; enabled?: boolean }, options?: CallOptions) =>
      call<{ rule: RuleItem }>('rules', 'disable', input, options),
  },
}

export type Api = typeof api
export { ApiError, type CallOptions } from './transport'
export { getDevOpenid, setDevOpenid, clearDevOpenid, IDENTITY_STORAGE_KEY } from './identity'
export type { Me } from '@core/user'
export type { RuleCategory, RuleItem, RuleSaveInput } from '@core/rules'
