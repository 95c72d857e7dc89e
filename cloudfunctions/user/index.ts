/** 用户 — who the caller is, joining a community with an invite code, and one's own data (see, export, ask to delete). */
import { defineFunction } from '../_shared/handler'
import { join } from './join'
import { me } from './me'
import { exportMine, myData, requestDeletion } from './privacy'

/** The action table: `main` serves it, and the client's types (src/api/contract.ts) are read from it. */
export const actions = { me, join, myData, exportMine, requestDeletion }

export const main = defineFunction('user', actions)
