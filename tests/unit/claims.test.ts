import { CLAIM_STATUSES, CLAIM_TRANSITIONS, type ClaimEvent, type ClaimStatus, assertTwoReviewers, firstStatus, nextStatus, preApprovedBy, requireReason, stepOf } from '../../src/core/claims'

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

describe('separation of duties: the two steps of one claim are decided by two different people', () => {
  type Act = { by: string; step: 'submit' | 'head' | 'grid' | 'resident' | 'system'; decision: 'submit' | 'pass' | 'reject' | 'return' | 'resubmit' | 'withdraw' }
  const filed = (by: string): Act => ({ by, step: 'submit', decision: 'submit' })
  const headPass = (by: string): Act => ({ by, step: 'head', decision: 'pass' })
  const gridReturn = (by: string): Act => ({ by, step: 'grid', decision: 'return' })
  const resubmitted = (by: string): Act => ({ by, step: 'resident', decision: 'resubmit' })
  const refused = (history: Act[], step: 'head' | 'grid', openid: string) => () => assertTwoReviewers(history, step, openid)

  test('whoever passed 初审 may not decide 审核 (pass, reject or return)', () => {
    expect(refused([filed('r'), headPass('both')], 'grid', 'both')).toThrow(expect.objectContaining({ code: 'CLAIM.SAME_REVIEWER', message: expect.stringContaining('初审') }))
  })

  test('another person decides 审核', () => {
    expect(refused([filed('r'), headPass('head')], 'grid', 'grid')).not.toThrow()
  })

  test('初审 itself is anyone’s but the filer’s', () => {
    expect(refused([filed('r')], 'head', 'both')).not.toThrow()
    expect(refused([filed('proxy')], 'head', 'proxy')).toThrow(expect.objectContaining({ code: 'CLAIM.SAME_REVIEWER' }))
  })

  test('a claim that skipped 初审 on its filer’s word (a head’s own, or one a head filed) is not decided by the filer', () => {
    expect(refused([filed('head')], 'grid', 'head')).toThrow(expect.objectContaining({ code: 'CLAIM.SAME_REVIEWER' }))
    expect(refused([filed('head')], 'grid', 'grid')).not.toThrow()
  })

  test('only the current round counts: after a resubmit, the new 初审 decides who may not do 审核', () => {
    const earlier = [filed('r'), headPass('both'), gridReturn('grid'), resubmitted('r')]
    expect(refused([...earlier, headPass('head-2')], 'grid', 'both')).not.toThrow()
    expect(refused([...earlier, headPass('head-2')], 'grid', 'head-2')).toThrow(expect.objectContaining({ code: 'CLAIM.SAME_REVIEWER' }))
    expect(refused([...earlier, headPass('both')], 'grid', 'both')).toThrow(expect.objectContaining({ code: 'CLAIM.SAME_REVIEWER' }))
    // Who returned it as 审核 last round may do 初审 of this one.
    expect(refused(earlier, 'head', 'grid')).not.toThrow()
  })

  test('preApprovedBy names who passed 初审 of the current round, for the queue to leave out', () => {
    expect(preApprovedBy([filed('r')])).toBeNull()
    expect(preApprovedBy([filed('r'), headPass('head')])).toBe('head')
    expect(preApprovedBy([filed('r'), headPass('head'), gridReturn('grid'), resubmitted('r')])).toBeNull()
    expect(preApprovedBy([filed('r'), headPass('head'), gridReturn('grid'), resubmitted('r'), headPass('head-2')])).toBe('head-2')
  })
})
