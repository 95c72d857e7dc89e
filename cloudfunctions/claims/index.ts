/** 申报 — claims with photo evidence, the courtyard head's 初审 and the grid worker's 审核. */
import { defineFunction } from '../_shared/handler'
import { resubmit, withdraw } from './change'
import { checkPhoto } from './check-photo'
import { get, mine, queue } from './read'
import { review } from './review'
import { submit } from './submit'

/** The action table: `main` serves it, and the client's types (src/api/contract.ts) are read from it. */
export const actions = { submit, mine, queue, get, review, withdraw, resubmit, checkPhoto }

export const main = defineFunction('claims', actions)
