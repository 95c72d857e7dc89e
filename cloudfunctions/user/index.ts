/** 用户 — who the caller is. */
import { defineFunction } from '../_shared/handler'
import { me } from './me'

export const main = defineFunction('user', { me })
