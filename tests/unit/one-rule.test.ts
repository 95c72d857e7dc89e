/**
 * The facts that used to be written in several places, each with its one rule in the core that the forms and the
 * functions both call: the requestId, a points value, the claim time window, whether a month may close, the settings.
 */
import { CLAIM_TIME_MESSAGES, MAX_CLAIM_AHEAD_MS, claimTimeProblem } from '../../src/core/claim-input'
import { DEFAULT_SETTINGS, settingsWithDefaults } from '../../src/core/governance'
import { monthInput, pointsInput, requestIdInput } from '../../src/core/inputs'
import { monthCloseProblem } from '../../src/core/months'
import { hasOneDecimal, toTenths } from '../../src/core/points'

test('a requestId is trimmed before its 8 to 64 characters are counted', () => {
  expect(requestIdInput.parse('  abcdefgh  ')).toBe('abcdefgh')
  expect(requestIdInput.safeParse(' abcdefg ').success).toBe(false)
  expect(requestIdInput.safeParse('x'.repeat(65)).success).toBe(false)
})

test('points have at most one decimal place, by one tolerance for the schema and the ledger alike', () => {
  for (const ok of [1, 0.5, 2.5, 999.9, 0.1 + 0.2]) {
    expect(hasOneDecimal(ok)).toBe(true)
    expect(() => toTenths(ok)).not.toThrow()
  }
  for (const bad of [1.25, 0.05, 3.333]) {
    expect(hasOneDecimal(bad)).toBe(false)
    expect(() => toTenths(bad)).toThrow()
    expect(pointsInput(1000).safeParse(bad).success).toBe(false)
  }
  expect(pointsInput(1000).safeParse(1000.1).success).toBe(false)
  expect(pointsInput(1000).safeParse(0).success).toBe(false)
})

test('a month is a string everywhere', () => {
  expect(monthInput.parse('2026-11')).toBe('2026-11')
  expect(monthInput.safeParse({ month: '2026-11' }).success).toBe(false)
  expect(monthInput.safeParse('2026-13').success).toBe(false)
})

test('a claim may be up to five minutes ahead of the clock (a phone a little fast), and not older than the window', () => {
  const now = new Date('2026-11-30T08:00:00Z')
  expect(claimTimeProblem(new Date(now.getTime() + MAX_CLAIM_AHEAD_MS), now)).toBeNull()
  expect(claimTimeProblem(new Date(now.getTime() + MAX_CLAIM_AHEAD_MS + 1), now)).toBe('future')
  expect(claimTimeProblem(new Date('2026-10-01T00:00:00Z'), now)).toBe('too_old')
  expect(CLAIM_TIME_MESSAGES.future).toBe('时间不能晚于现在')
})

test('a month may close once it is over, and not behind a later closed month', () => {
  expect(monthCloseProblem('2026-11', '2026-11')).toBe('not_over')
  expect(monthCloseProblem('2026-12', '2026-11')).toBe('not_over')
  expect(monthCloseProblem('2026-10', '2026-11')).toBeNull()
  expect(monthCloseProblem('2026-09', '2026-11', '2026-10')).toBe('later_closed')
  expect(monthCloseProblem('2026-10', '2026-11', '2026-09')).toBeNull()
})

test('settings read back with the defaults filled in, stored values kept, unknown fields dropped', () => {
  expect(settingsWithDefaults(null)).toEqual(DEFAULT_SETTINGS)
  const stored = { settlement: 'monthly' as const, publicityDays: 5, junk: 1 } as unknown as Partial<typeof DEFAULT_SETTINGS>
  expect(settingsWithDefaults(stored)).toEqual({ ...DEFAULT_SETTINGS, settlement: 'monthly', publicityDays: 5 })
})
