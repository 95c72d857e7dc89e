/** 积分细则 — the rule catalogue: read by every member, kept by the community's admin. */
import { defineFunction } from '../_shared/handler'
import { moveCategory, moveRule, removeCategory, saveCategory } from './categories'
import { disable } from './disable'
import { list } from './list'
import { save } from './save'

/** The action table: `main` serves it, and the client's types (src/api/contract.ts) are read from it. */
export const actions = { list, save, disable, saveCategory, moveCategory, removeCategory, moveRule }

export const main = defineFunction('rules', actions)
