/**
 * The client's contract, read from the functions' own action tables: an action's input is `z.input` of its schema and
 * its output is what its handler returns. Type imports only: nothing server-side enters a bundle (`import type` is
 * erased), so a handler that changes what it answers changes the client's types with it, and a page that still reads
 * the old shape fails `tsc`.
 */
import type { ActionInput, ActionOutput } from '../../cloudfunctions/_shared/handler'
import type { actions as activities } from '../../cloudfunctions/activities/index'
import type { actions as cards } from '../../cloudfunctions/cards/index'
import type { actions as claims } from '../../cloudfunctions/claims/index'
import type { actions as governance } from '../../cloudfunctions/governance/index'
import type { actions as learning } from '../../cloudfunctions/learning/index'
import type { actions as org } from '../../cloudfunctions/org/index'
import type { actions as points } from '../../cloudfunctions/points/index'
import type { actions as rules } from '../../cloudfunctions/rules/index'
import type { actions as shop } from '../../cloudfunctions/shop/index'
import type { actions as user } from '../../cloudfunctions/user/index'
import type { actions as voices } from '../../cloudfunctions/voices/index'

/** The functions a client calls, each its action table (`jobs` answers the platform, not people). */
export interface Functions {
  user: typeof user
  org: typeof org
  rules: typeof rules
  claims: typeof claims
  points: typeof points
  shop: typeof shop
  governance: typeof governance
  activities: typeof activities
  learning: typeof learning
  voices: typeof voices
  cards: typeof cards
}

export type FunctionName = keyof Functions
export type ActionName<F extends FunctionName> = keyof Functions[F] & string

/** What `F.A` takes. */
export type Input<F extends FunctionName, A extends ActionName<F>> = ActionInput<Functions[F][A]>

/** What `F.A` answers in `data`. */
export type Output<F extends FunctionName, A extends ActionName<F>> = ActionOutput<Functions[F][A]>
