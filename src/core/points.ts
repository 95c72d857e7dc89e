/**
 * Points are integers of tenths inside (积分 1.5 is 15); the API speaks decimals with at most one
 * decimal place. Arithmetic happens only on tenths; these are the only two doors between the worlds.
 */
import { DomainError } from './errors'

/** What a person is told of points with more than one decimal place (the schemas of core/inputs say it too). */
export const ONE_DECIMAL_MESSAGE = '积分最多一位小数'

/**
 * At most one decimal place (1.5, not 1.25): the one rule, and the one tolerance for binary fractions (0.1 + 0.2),
 * that every points input and `toTenths` apply.
 */
export const hasOneDecimal = (points: number) => Number.isFinite(points) && Math.abs(Math.round(points * 10) - points * 10) <= 1e-6

/** Decimal points → integer tenths; refuses more than one decimal place or an unsafe size. */
export function toTenths(points: number): number {
  if (typeof points !== 'number' || !Number.isFinite(points)) throw new DomainError('INPUT.INVALID', '积分必须是数字')
  if (!hasOneDecimal(points)) throw new DomainError('INPUT.INVALID', ONE_DECIMAL_MESSAGE)
  const tenths = Math.round(points * 10)
  if (!Number.isSafeInteger(tenths)) throw new DomainError('INPUT.INVALID', '积分数值过大')
  return tenths
}

/** Integer tenths → decimal points for the API (15 → 1.5). */
export function fromTenths(tenths: number): number {
  if (!Number.isSafeInteger(tenths)) throw new Error(`积分内部值必须是整数：${tenths}`)
  return tenths / 10
}

/** Shows points the way the office writes them: 1.5, 10, -0.5. */
export function formatPoints(points: number): string {
  return Number.isInteger(points) ? String(points) : points.toFixed(1)
}

