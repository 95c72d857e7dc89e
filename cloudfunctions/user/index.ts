/** 用户 — who the caller is, joining a community with an invite code, and one's own data (see, export, ask to delete). */
import { defineFunction } from '../_shared/handler'
import { join } from './join'
import { me } from './me'
import { exportMine, myData, requestDeletion } from './privacy'

export const main = defineFunction('user', { me, join, myData, exportMine, requestDeletion })
