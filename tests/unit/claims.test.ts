import { CLAIM_STATUSES, CLAIM_TRANSITIONS, type ClaimEvent, type ClaimStatus, firstStatus, nextStatus, requireReason, stepOf } from '../../src/core/claims'

const EVENTS: ClaimEvent[] = ['pass', 'reject', 'return', 'resubmit', 'withdraw']

/** The whole table, written out: every (status, event) pair and where it leads, or null when refused. */
const EXPECTED: [ClaimStatus, ClaimEvent, ClaimStatus | null][] = [
  ['submitted', 'pass', 'pre_approved'],
  ['submitted', 'reject', 'rejected'],
  ['submitted', 'return', 'returned'],
  ['submitted', 'resubmit', null],
  ['submitted', 'withdraw', 'withdrawn'],
  ['pre_approved', 'pass', 'approved'],
  ['pre_approved', 'reject', 'rejected'],
  ['pre_approved', 'return', 'returned'],
  ['pre_approved', 'resubmit', null],
  ['pre_approved', 'withdraw', 'withdrawn'],
  ['returned', 'pass', null],
  ['returned', 'reject', null],
  ['returned', 'return', null],
  ['returned', 'resubmit', 'submitted'],
  ['returned', 'withdraw', 'withdrawn'],
  ...(['approved', 'rejected', 'withdrawn'] as const).flatMap((s) => EVENTS.map((e) => [s, e, null] as [ClaimStatus, ClaimEvent, null])),
]

describe('the claim transition table', () => {
  test('covers every status and event', () => {
    expect(EXPECTED).toHaveLength(CLAIM_STATUSES.length * EVENTS.length)
    expect(Object.keys(CLAIM_TRANSITIONS).sort()).toEqual([...CLAIM_STATUSES].sort())
  })

  test.each(EXPECTED)('%s + %s → %s', (status, event, expected) => {
    if (expected) expect(nextStatus(status, event)).toBe(expected)
    else expect(() => nextStatus(status, event)).toThrow(expect.objectContaining({ code: 'CLAIM.INVALID_TRANSITION' }))
  })

  test('a refusal names the status in Chinese', () => {
    expect(() => nextStatus('approved', 'withdraw')).toThrow('已通过')
  })

  test('approved, rejected and withdrawn are final', () => {
    for (const s of ['approved', 'rejected', 'withdrawn'] as const) expect(CLAIM_TRANSITIONS[s]).toEqual({})
  })
})

describe('review steps', () => {
  test.each([
    ['submitted', 'head'],
    ['pre_approved', 'grid'],
    ['returned', null],
    ['approved', null],
    ['rejected', null],
    ['withdrawn', null],
  ] as const)('a %s claim waits for %s', (status, step) => {
    expect(stepOf(status)).toBe(step)
  })

  test.each([
    [{ isHeadOfOwnCourtyard: false }, { hasHead: true }, 'submitted'],
    [{ isHeadOfOwnCourtyard: true }, { hasHead: true }, 'pre_approved'],
    [{ isHeadOfOwnCourtyard: false }, { hasHead: false }, 'pre_approved'],
  ] as const)('claimant %j in courtyard %j starts %s', (claimant, courtyard, status) => {
    expect(firstStatus(claimant, courtyard)).toBe(status)
  })

  test('reject and return need a reason; pass does not', () => {
    expect(requireReason('pass', undefined)).toBeUndefined()
    expect(requireReason('reject', ' 照片不清楚 ')).toBe('照片不清楚')
    expect(() => requireReason('reject', '  ')).toThrow(expect.objectContaining({ code: 'INPUT.INVALID' }))
    expect(() => requireReason('return', undefined)).toThrow(expect.objectContaining({ code: 'INPUT.INVALID' }))
  })
})
