/**
 * Month and quarter keys for the office's pages, in Beijing time (through `beijingParts`, which needs no Intl
 * time-zone data): the last twelve months, 2026-Q4 and its label.
 */
import { beijingParts } from '../components'

const pad = (n: number) => String(n).padStart(2, '0')

/** "2026-01" moved by `by` months: shiftMonth("2026-01", -1) is "2025-12". */
export function shiftMonth(month: string, by: number): string {
  const [y, m] = month.split('-').map(Number)
  const index = y * 12 + (m - 1) + by
  return `${Math.floor(index / 12)}-${pad((index % 12) + 1)}`
}

/** This month and the `count - 1` before it, newest first. */
export function recentMonths(thisMonth: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => shiftMonth(thisMonth, -i))
}

/** 2026-Q4: the quarter `at` falls in, in Beijing time. */
export function quarterOf(at: Date | string | number = new Date()): string {
  const p = beijingParts(at)
  return `${p.year}-Q${Math.ceil(p.month / 3)}`
}

export function shiftQuarter(quarter: string, by: number): string {
  const [y, q] = quarter.split('-Q').map(Number)
  const index = y * 4 + (q - 1) + by
  return `${Math.floor(index / 4)}-Q${(index % 4) + 1}`
}

/** 2026-Q4 → 2026年第4季度. */
export function quarterLabel(quarter: string): string {
  const [y, q] = quarter.split('-Q').map(Number)
  return `${y}年第${q}季度`
}

/** 2026-Q4 → 10—12月. */
export function quarterMonths(quarter: string): string {
  const q = Number(quarter.split('-Q')[1])
  return `${q * 3 - 2}—${q * 3}月`
}

/** The start of a day picked in Beijing time ("2026-11-03"), and of the day after: the bounds of a date filter. */
export function dayStartIso(day: string): string {
  return `${day}T00:00:00+08:00`
}

export function nextDayStartIso(day: string): string {
  return new Date(new Date(dayStartIso(day)).getTime() + 86_400_000).toISOString()
}
