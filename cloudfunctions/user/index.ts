/** 用户 — who the caller is, and joining a community with an invite code. */
import { defineFunction } from '../_shared/handler'
import { join } from './join'
import { me } from './me'

export const main = defineFunction('user', { me, join })
