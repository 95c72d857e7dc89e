/**
 * Dates as a resident reads them, in Beijing time whatever the phone's zone. China keeps UTC+8 all year (no DST since
 * 1991), so a fixed offset is exact, and it needs no Intl time-zone data (which some mini-program runtimes lack).
 */
import { formatPoints } from '@core/points'

const OFFSET_MS = 8 * 3600_000
const pad = (n: number) => String(n).padStart(2, '0')

export interface BeijingParts {
  year: number
  month: number
  day: number
  hour: number
  minute: number
}

export function beijingParts(at: Date | string | number): BeijingParts {
  const d = new Date(new Date(at).getTime() + OFFSET_MS)
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes() }
}

/** 2026-11-03 (the value of a date picker). */
export function pickerDate(at: Date | string | number): string {
  const p = beijingParts(at)
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`
}

/** 09:30 (the value of a time picker). */
export function pickerTime(at: Date | string | number): string {
  const p = beijingParts(at)
  return `${pad(p.hour)}:${pad(p.minute)}`
}

/** A date and time picked in Beijing time, as the ISO instant the API takes: 2026-11-03T09:30:00+08:00. */
export function beijingIso(date: string, time: string): string {
  return `${date}T${time}:00+08:00`
}

/** 11月3日, or 2025年11月3日 when not this year. */
export function formatDate(at: Date | string | number, now: Date = new Date()): string {
  const p = beijingParts(at)
  const sameYear = p.year === beijingParts(now).year
  return `${sameYear ? '' : `${p.year}年`}${p.month}月${p.day}日`
}

/** 11月3日 09:30 */
export function formatDateTime(at: Date | string | number, now: Date = new Date()): string {
  const p = beijingParts(at)
  return `${formatDate(at, now)} ${pad(p.hour)}:${pad(p.minute)}`
}

/** "2026-11" and "2026": the month and year of `at` in Beijing time (leaderboard keys). */
export function monthKeyOf(at: Date | string | number = new Date()): string {
  const p = beijingParts(at)
  return `${p.year}-${pad(p.month)}`
}

export function yearKeyOf(at: Date | string | number = new Date()): string {
  return String(beijingParts(at).year)
}

/** +1, -0.5: a ledger change with its sign. */
export function signedPoints(delta: number): string {
  return `${delta > 0 ? '+' : delta < 0 ? '-' : ''}${formatPoints(Math.abs(delta))}`
}

/** "2026-11" → 2026年11月 (a month picker's value, as read). */
export function monthLabel(month: string): string {
  const [y, m] = month.split('-')
  return `${y}年${Number(m)}月`
}

/** "2026-11-03" → 11月3日 (a date picker's value, as read). */
export function dayLabel(day: string): string {
  const [, m, d] = day.split('-')
  return `${Number(m)}月${Number(d)}日`
}
