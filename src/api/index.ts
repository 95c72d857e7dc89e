/**
 * The backend, as typed functions: `api.user.me()`. Pages never name a cloud function or an action themselves.
 * One entry per `function.action` of DESIGN.md "Functions and actions"; add them here as their issues land.
 */
import type { Me } from '@core/user'
import { call, type CallOptions } from './transport'

export const api = {
  user: {
    /** Who the caller is and where they stand in the org tree. An unknown caller: AUTH.UNAUTHENTICATED. */
    me: (options?: CallOptions) => call<Me>('user', 'me', {}, options),
  },
}

export type Api = typeof api
export { ApiError, type CallOptions } from './transport'
export { getDevOpenid, setDevOpenid, clearDevOpenid, IDENTITY_STORAGE_KEY } from './identity'
export type { Me } from '@core/user'
