/**
 * Periods are months (`YYYY-MM`) and years (`YYYY`) in Asia/Shanghai, whatever the server's zone.
 * All date arithmetic about periods goes through here.
 */
import dayjs from 'dayjs'
import timezone from 'dayjs/plugin/timezone'
import utc from 'dayjs/plugin/utc'

dayjs.extend(utc)
dayjs.extend(timezone)

export const ZONE = 'Asia/Shanghai'
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/
const YEAR = /^\d{4}$/

export const inZone = (at: Date | string | number) => dayjs(at).tz(ZONE)

/** The month an instant falls in, in Asia/Shanghai: 2026-11-30T16:30Z is already "2026-12". */
export function monthKey(at: Date | string | number): string {
  return inZone(at).format('YYYY-MM')
}

/** The day an instant falls on, in Asia/Shanghai: 2026-11-29. */
export function dayKey(at: Date | string | number): string {
  return inZone(at).format('YYYY-MM-DD')
}

export function yearKey(at: Date | string | number): string {
  return inZone(at).format('YYYY')
}

export const isMonthKey = (key: string) => MONTH.test(key)
export const isYearKey = (key: string) => YEAR.test(key)

/** The instants a period covers: [start, end) as Dates. */
export function periodRange(key: string): { start: Date; end: Date } {
  if (isMonthKey(key)) {
    const start = dayjs.tz(`${key}-01 00:00:00`, ZONE)
    return { start: start.toDate(), end: start.add(1, 'month').toDate() }
  }
  if (isYearKey(key)) {
    const start = dayjs.tz(`${key}-01-01 00:00:00`, ZONE)
    return { start: start.toDate(), end: start.add(1, 'year').toDate() }
  }
  throw new Error(`不是月份或年份：${key}`)
}

/** The month before `key` ("2026-01" → "2025-12"). */
export function previousMonth(key: string): string {
  return dayjs.tz(`${key}-01 12:00:00`, ZONE).subtract(1, 'month').format('YYYY-MM')
}
