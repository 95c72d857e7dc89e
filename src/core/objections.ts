/**
 * Objections (异议) and their one transition table. An objection is filed `open` while its month's publicity lasts
 * (see objectionsOpen in ./months); the admin upholds it (`upheld`: the entry is reversed) or dismisses it
 * (`dismissed`), with a note; a photo that fails the platform's content check sets it aside (`set_aside`: not taken
 * up). Each of the three is final.
 */
import { DomainError } from './errors'
import { lifecycle, next } from './lifecycle'

/** `set_aside`: not taken up, because a photo failed the platform's content check (the note says so). */
export const OBJECTION_STATUSES = ['open', 'upheld', 'dismissed', 'set_aside'] as const
export type ObjectionStatus = (typeof OBJECTION_STATUSES)[number]
export const OBJECTION_STATUS_NAMES: Record<ObjectionStatus, string> = { open: '调查中', upheld: '异议成立', dismissed: '异议不成立', set_aside: '未受理' }

export type ObjectionEvent = 'uphold' | 'dismiss' | 'setAside'

export const OBJECTIONS = lifecycle<ObjectionStatus, ObjectionEvent>(OBJECTION_STATUS_NAMES, {
  transitions: {
    open: { uphold: 'upheld', dismiss: 'dismissed', setAside: 'set_aside' },
    upheld: {},
    dismissed: {},
    set_aside: {},
  },
  // setAside: the platform's photo check, pushed to jobs (or found by the write that records the check).
  actors: { uphold: ['admin'], dismiss: ['admin'], setAside: ['system'] },
  // One that vanished from under the transaction reads as handled too.
  refuse: () => new DomainError('INPUT.INVALID', '这条异议已经处理过了'),
})

/** The status after `event`, or INPUT.INVALID (an objection handled already). */
export const nextObjectionStatus = (status: ObjectionStatus | undefined, event: ObjectionEvent): ObjectionStatus => next(OBJECTIONS, status, event)
