/** 积分细则 — the rule catalogue: read by every member, kept by the community's admin. */
import { defineFunction } from '../_shared/handler'
import { disable } from './disable'
import { list } from './list'
import { save } from './save'

export const main = defineFunction('rules', { list, save, disable })
