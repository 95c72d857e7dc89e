/** Redemption codes and offer rules, without a database. */
import fc from 'fast-check'
import { checkCode, makeCode } from '../../cloudfunctions/_shared/voucher-code'
import { CODE_STEP_SECONDS, ageAllowed, describeEligibility, formatCode, isCodeShape, normalizeCode } from '../../src/core/shop'
import { redeemInput } from '../../src/core/shop.schema'

const KEY = process.env.VOUCHER_CODE_KEY
beforeAll(() => {
  process.env.VOUCHER_CODE_KEY = 'unit-test-key-0123456789abcdef'
})
afterAll(() => {
  if (KEY === undefined) delete process.env.VOUCHER_CODE_KEY
  else process.env.VOUCHER_CODE_KEY = KEY
})

const T0 = Date.parse('2026-11-29T06:00:00Z')

test('a code is good for its 60 seconds, expired after them, and wrong if any digit is changed', () => {
  fc.assert(
    fc.property(fc.string({ minLength: 1, maxLength: 30 }), fc.integer({ min: 0, max: 30 * 86_400_000 }), fc.integer({ min: 0, max: 15 }), (voucherId, offset, digit) => {
      const at = T0 + offset
      const { code, expiresAt } = makeCode(voucherId, '12345678', at)
      expect(isCodeShape(code)).toBe(true)
      const ttl = Date.parse(expiresAt) - at
      expect(ttl).toBeGreaterThan(60_000 - CODE_STEP_SECONDS * 1000)
      expect(ttl).toBeLessThanOrEqual(60_000)
      expect(checkCode(voucherId, code, at)).toBe('valid')
      expect(checkCode(voucherId, code, Date.parse(expiresAt) - 1)).toBe('valid')
      expect(checkCode(voucherId, code, Date.parse(expiresAt))).toBe('expired')
      expect(checkCode(voucherId, code, at + 6 * 3_600_000)).toBe('expired')
      // Another voucher's signature, or an altered mark or signature digit, does not pass (the ticket is only a lookup key).
      expect(checkCode(`${voucherId}x`, code, at)).not.toBe('valid')
      if (digit >= 8) {
        const altered = code.slice(0, digit) + String((Number(code[digit]) + 1) % 10) + code.slice(digit + 1)
        expect(checkCode(voucherId, altered, at)).not.toBe('valid')
      }
    }),
    { numRuns: 300 },
  )
})

test('without a configured key no code is made', () => {
  process.env.VOUCHER_CODE_KEY = ''
  try {
    expect(() => makeCode('v', '12345678', T0)).toThrow(/VOUCHER_CODE_KEY/)
  } finally {
    process.env.VOUCHER_CODE_KEY = 'unit-test-key-0123456789abcdef'
  }
})

test('what a clerk types or a scanner reads is read back as the 16 digits', () => {
  expect(normalizeCode(' 3829 1047-5248 2913 ')).toBe('3829104752482913')
  expect(normalizeCode('SZJF:3829104752482913')).toBe('3829104752482913')
  expect(formatCode('3829104752482913')).toBe('3829 1047 5248 2913')
  expect(redeemInput.safeParse({ code: '3829 1047 5248 2913' }).success).toBe(true)
  expect(redeemInput.safeParse({ code: '3829 1047 5248' }).success).toBe(false)
  expect(redeemInput.safeParse({ code: 'abcd1047524829131' }).success).toBe(false)
})

test('age rules and their plain words', () => {
  expect(ageAllowed({ minAge: 70 }, 73)).toBe(true)
  expect(ageAllowed({ minAge: 70 }, 40)).toBe(false)
  expect(ageAllowed({ minAge: 70 }, null)).toBe(false)
  expect(ageAllowed({ maxAge: 18 }, 12)).toBe(true)
  expect(ageAllowed({}, null)).toBe(true)
  expect(describeEligibility({ minAge: 70 }, 1)).toEqual(['70 岁及以上可兑换', '每人限兑 1 次'])
  expect(describeEligibility({ perHousehold: true }, 2)).toEqual(['每户限兑 2 次'])
})
