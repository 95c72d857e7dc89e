/**
 * What every lifecycle of the app is: a table. Claims, offers, vouchers, listings (红黑榜), objections and months
 * each have one, in its own file of the core: its statuses, the events that move them, who may cause each event,
 * the next status, and the refusal (an error code with a Chinese message) when the table has no such move. The
 * handlers ask the table for the next status and write it; none decides a status on its own.
 */
import type { DomainError } from './errors'
import type { Role } from './user'

/** Who causes an event: a role, the record's owner (a resident's own voucher or claim), or the system (the timer, the platform's push). */
export type Actor = Role | 'owner' | 'system'

/** status → event → next status. A pair not listed is refused. */
export type TransitionTable<S extends string, E extends string> = Readonly<Record<S, Readonly<Partial<Record<E, S>>>>>

export interface Lifecycle<S extends string, E extends string, C = undefined> {
  readonly statuses: readonly S[]
  readonly events: readonly E[]
  readonly transitions: TransitionTable<S, E>
  /** Who may cause each event (the handler's access rule says the same: this is the table's word for it). */
  readonly actors: Readonly<Record<E, readonly Actor[]>>
  /** The refusal of `event` in `status`; `undefined` is a record gone from under the transaction. `context`: what a message quotes (a time, say). */
  readonly refuse: (status: S | undefined, event: E, context?: C) => DomainError
}

/**
 * A lifecycle from its tables: its statuses are those its `names` (the Chinese a person reads) name, its events those
 * its `actors` say who may cause — each table complete, so neither list can miss one.
 */
export function lifecycle<S extends string, E extends string, C = undefined>(
  names: Readonly<Record<S, string>>,
  tables: Pick<Lifecycle<S, E, C>, 'transitions' | 'actors' | 'refuse'>,
): Lifecycle<S, E, C> {
  return { statuses: Object.keys(names) as S[], events: Object.keys(tables.actors) as E[], ...tables }
}

/** The status after `event`, or the lifecycle's refusal. */
export function next<S extends string, E extends string, C>(lifecycle: Lifecycle<S, E, C>, status: S | undefined, event: E, context?: C): S {
  const to = status === undefined ? undefined : lifecycle.transitions[status]?.[event]
  if (!to) throw lifecycle.refuse(status, event, context)
  return to
}

/** Whether the table has `event` from `status` (for a step that, when it does not apply, quietly does nothing). */
export const allows = <S extends string, E extends string, C>(lifecycle: Lifecycle<S, E, C>, status: S | undefined, event: E): boolean =>
  status !== undefined && !!lifecycle.transitions[status]?.[event]

/** Whether no event leaves `status`. */
export const isFinal = <S extends string, E extends string, C>(lifecycle: Lifecycle<S, E, C>, status: S): boolean => Object.keys(lifecycle.transitions[status] ?? {}).length === 0
