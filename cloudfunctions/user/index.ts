/** 用户 — who the caller is, joining a community with an invite code, one's own data (see, export, ask to delete) and preferences (长辈模式). */
import { defineFunction } from '../_shared/handler'
import { join } from './join'
import { me } from './me'
import { setPreferences } from './preferences'
import { exportMine, myData, requestDeletion } from './privacy'

/** The action table: `main` serves it, and the client's types (src/api/contract.ts) are read from it. */
export const actions = { me, join, myData, exportMine, requestDeletion, setPreferences }

export const main = defineFunction('user', actions)
