/**
 * Points are integers of tenths inside (积分 1.5 is 15); the API speaks decimals with at most one
 * decimal place. Arithmetic happens only on tenths; these are the only two doors between the worlds.
 */
import { z } from 'zod'
import { DomainError } from './errors'

/** Decimal points → integer tenths; refuses more than one decimal place or an unsafe size. */
export function toTenths(points: number): number {
  if (typeof points !== 'number' || !Number.isFinite(points)) throw new DomainError('INPUT.INVALID', '积分必须是数字')
  const tenths = Math.round(points * 10)
  if (Math.abs(tenths - points * 10) > 1e-6) throw new DomainError('INPUT.INVALID', '积分最多保留一位小数')
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

/** Points as the API accepts them: positive, at most one decimal place, at most 1000. */
export const pointsInput = z
  .number()
  .positive('积分必须大于 0')
  .max(1000, '积分不能超过 1000')
  .refine((p) => Math.abs(Math.round(p * 10) - p * 10) < 1e-6, '积分最多保留一位小数')
