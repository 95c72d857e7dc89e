/**
 * Input validated to the value, not only the shape: the zod schemas that every form and handler shares for times,
 * periods, names and free text. A string that looks right but names no real instant (an offset of +99:99), no real
 * day (30 February) or that shows as something other than it is (a right-to-left override, a name of invisible
 * characters) is refused here, as INPUT.INVALID on its field, before any handler sees it.
 *
 * Written without Unicode property escapes (`\p{…}`): the weapp build must parse as ES2017.
 */
import { z } from 'zod'
import { isMonthKey, isYearKey } from './period'
import { ONE_DECIMAL_MESSAGE, hasOneDecimal } from './points'

// ---- what every action shares -----------------------------------------------------------------------------------

/** The input of an action that takes nothing. */
export const noInput = z.object({})

/**
 * A write's idempotency key, made once per form by the client: 8–64 characters, trimmed. A retry with the same
 * `requestId` answers what the first attempt did.
 */
export const requestIdInput = z.string().trim().min(8, 'requestId 至少 8 个字符').max(64)

/** An id of a stored record that the caller names (a claim, a resident, an offer…). */
export const idInput = z.string().min(1).max(64)

/** A ledger entry's id: its idempotency key, which may be longer than a record's id. */
export const entryIdInput = z.string().min(1).max(200)

/** Where the next page of a list starts: the `cursor` the previous page answered. */
export const cursorInput = z.string().max(200)

// ---- points -----------------------------------------------------------------------------------------------------

/** How a points input names itself to the docs (scripts/api-docs.ts writes its bounds after it). */
export const ONE_DECIMAL = '积分，一位小数'

/** Any number input in points (a bonus, an adjustment), within its own bounds: at most one decimal place. */
export const withOneDecimal = <T extends z.ZodType<number>>(bounds: T) => bounds.refine(hasOneDecimal, ONE_DECIMAL_MESSAGE).describe(ONE_DECIMAL)

/** What something costs or earns (a rule item, an offer): more than 0, at most `max`, at most one decimal place. */
export const pointsInput = (max: number) => withOneDecimal(z.number().positive('积分必须大于 0').max(max, `积分不能超过 ${max}`))

// ---- times and periods ------------------------------------------------------------------------------------------

/** The years a time or a period may name: anything outside is a slip of the keyboard or an attack, never a deed or an offer. */
export const MIN_YEAR = 2000
export const MAX_YEAR = 2099

/**
 * ISO 8601 with a zone: `2026-11-29T08:30:00+08:00`, `2026-11-29T00:30:00.000Z`, seconds optional, at most milliseconds.
 * The offset has its colon: every JavaScript engine reads that form the same way (the ECMAScript date format).
 */
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?(?:Z|([+-])(\d{2}):(\d{2}))$/
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/
const QUARTER = /^(\d{4})-Q([1-4])$/

const inYears = (year: number) => year >= MIN_YEAR && year <= MAX_YEAR
const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate()

/** A calendar day that exists (2028-02-29 does, 2026-02-30 does not). */
function realDay(year: number, month: number, day: number): boolean {
  return inYears(year) && month >= 1 && month <= 12 && day >= 1 && day <= daysIn(year, month)
}

/** The instant an ISO time names, or null when it names none (or one outside the sane years). */
export function parseDateTime(text: string): Date | null {
  const m = DATE_TIME.exec(text)
  if (!m) return null
  const [year, month, day, hour, minute, second] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? 0))
  if (!realDay(year, month, day) || hour > 23 || minute > 59 || second > 59) return null
  // Real zones run from UTC−12:00 to UTC+14:00.
  if (m[7]) {
    const offset = Number(m[8]) * 60 + Number(m[9])
    if (Number(m[9]) > 59 || (m[7] === '+' ? offset > 14 * 60 : offset > 12 * 60)) return null
  }
  const at = new Date(text)
  return Number.isNaN(at.getTime()) || !inYears(at.getUTCFullYear()) ? null : at
}

/** Every time input (`occurredAt`, `validUntil`, an audit's `from`…): a real instant between 2000 and 2099, with its zone. */
export const isoDateTime = (message = '时间写作 2026-11-29T08:30:00+08:00') =>
  z.string().max(40, message).refine((text) => parseDateTime(text) !== null, message).describe('时间')

export const isDayInput = (key: string) => {
  const m = DAY.exec(key)
  return !!m && realDay(Number(m[1]), Number(m[2]), Number(m[3]))
}
export const isMonthInput = (key: string) => isMonthKey(key) && inYears(Number(key.slice(0, 4)))
export const isYearInput = (key: string) => isYearKey(key) && inYears(Number(key))
export const isQuarterInput = (key: string) => QUARTER.test(key) && inYears(Number(key.slice(0, 4)))

/** A day (`2026-11-29`), month (`2026-11`), year (`2026`) or quarter (`2026-Q4`) that exists, in the sane years. */
export const dayInput = z.string().refine(isDayInput, '日期写作 2026-11-29').describe('日期("2026-11-29")')
export const monthInput = z.string().refine(isMonthInput, '月份写作 2026-11').describe('月份("2026-11")')
export const yearInput = z.string().refine(isYearInput, '年份写作 2026').describe('年份("2026")')
export const quarterInput = z.string().refine(isQuarterInput, '季度写作 2026-Q4').describe('季度("2026-Q4")')

// ---- text ---------------------------------------------------------------------------------------------------------

/** Code points that reorder the text around them (bidi marks, embeddings, overrides, isolates): a name would read as something it is not. */
const isDirectionControl = (c: number) => c === 0x061c || c === 0x200e || c === 0x200f || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)
/** C0 controls, DEL and C1 controls: newline and tab among them. */
const isControl = (c: number) => c <= 0x1f || (c >= 0x7f && c <= 0x9f)
/** Line and paragraph separators: line breaks by another name. */
const isLineSeparator = (c: number) => c === 0x2028 || c === 0x2029
/** Lone halves of a surrogate pair: not a character at all (JSON can carry them; storage and screens cannot). */
const isSurrogate = (c: number) => c >= 0xd800 && c <= 0xdfff
/** Characters that take no room on the screen: zero-width spaces and joiners, word joiner, BOM, soft hyphen, fillers, variation selectors. */
const INVISIBLE = new Set([0x00ad, 0x034f, 0x115f, 0x1160, 0x17b4, 0x17b5, 0x180e, 0x3164, 0xfeff, 0xffa0])
const isInvisible = (c: number) =>
  INVISIBLE.has(c) || (c >= 0x180b && c <= 0x180f) || (c >= 0x200b && c <= 0x200d) || (c >= 0x2060 && c <= 0x2064) || (c >= 0x206a && c <= 0x206f) || (c >= 0xfe00 && c <= 0xfe0f) || (c >= 0xe0000 && c <= 0xe0fff)
const isSpace = (ch: string) => /^\s$/.test(ch)

interface TextRule {
  /** What the field is called in a message: 姓名, 名称, 说明… */
  label: string
  /** Fewest characters that show (zero-width characters and spaces do not count). */
  min: number
  /** Most characters, counted in code points (an emoji or a rare hanzi is one). */
  max: number
  /** Newline and tab allowed (free text); a name or a label is one line. */
  multiline: boolean
  minMessage?: string
  maxMessage?: string
}

/** What is wrong with already trimmed, normalised text, in words for the person who typed it; null when nothing is. */
function textProblem(text: string, rule: TextRule): string | null {
  let length = 0
  let visible = 0
  for (const ch of text) {
    const c = ch.codePointAt(0)!
    length++
    if (isSurrogate(c)) return `${rule.label}里有无法显示的字符，请重新输入`
    if (isDirectionControl(c)) return `${rule.label}里有改变文字方向的控制字符，请删掉后重新输入`
    if (isControl(c) || isLineSeparator(c)) {
      if (rule.multiline && (c === 0x0a || c === 0x09)) continue
      return rule.multiline ? `${rule.label}里有不能显示的控制字符，请删掉后重新输入` : `${rule.label}只能写一行，不能有换行或控制字符`
    }
    if (!isInvisible(c) && !isSpace(ch)) visible++
  }
  if (length > 0 && visible === 0) return `${rule.label}不能只有看不见的字符`
  if (visible < rule.min) return rule.minMessage ?? `${rule.label}至少 ${rule.min} 个字`
  if (length > rule.max) return rule.maxMessage ?? `${rule.label}不超过 ${rule.max} 个字`
  return null
}

function text(rule: TextRule) {
  const tooLong = rule.maxMessage ?? `${rule.label}不超过 ${rule.max} 个字`
  return (
    z
      .string()
      // A bound before any work on the string: no real input of `max` characters comes near it.
      .max(rule.max * 4 + 64, tooLong)
      .transform((s) => (rule.multiline ? s.replace(/\r\n?/g, '\n') : s).normalize('NFC').trim())
      .superRefine((s, ctx) => {
        const problem = textProblem(s, rule)
        if (problem) ctx.addIssue({ code: z.ZodIssueCode.custom, message: problem })
      })
      // How docs/api.md names it (scripts/api-docs.ts): the limits that count are in characters, after trimming.
      .describe(`${rule.multiline ? '文字' : rule.label === '姓名' ? '姓名' : '标签'}(${rule.min === 0 ? `≤${rule.max}` : `${rule.min}–${rule.max}`} 字)`)
  )
}

type Limits = { min?: number; minMessage?: string; maxMessage?: string }

/** A person's name (user.join, org.addResident): 2–20 printable characters on one line. */
export const personName = text({ label: '姓名', min: 2, max: 20, multiline: false, minMessage: '请填写真实姓名', maxMessage: '姓名不超过 20 个字' })

/** A short label shown to others — a place, an org node, a category, a rule, a merchant, an offer, a community: printable, one line. */
export const shortLabel = (label: string, max: number, limits: Limits = {}) => text({ label, min: limits.min ?? 2, max, multiline: false, ...limits })

/** Free text — a description, a reason, a note: newlines and tabs allowed, other control characters and direction controls not. */
export const freeText = (label: string, max: number, limits: Limits = {}) => text({ label, min: limits.min ?? 0, max, multiline: true, ...limits })

// ---- forms ------------------------------------------------------------------------------------------------------

/** How a form words a schema's problems: `reword` replaces a schema's message with the form's own (`请写明地点` → `请写明地点，至少两个字`); `plain` says, by field, what zod says only in English (a number that is no number). */
export interface FormWords {
  reword?: Record<string, string>
  plain?: Record<string, string>
}

const CHINESE = /[\u4e00-\u9fff]/

/**
 * A failed parse (the form's own, or the issues a function answered) as a form shows it: the first problem of each
 * top-level field, by field (a nested field's under its top-level one), in the form's words.
 */
export function problemsByField(issues: readonly Pick<z.ZodIssue, 'path' | 'message'>[], words: FormWords = {}): Record<string, string> {
  const found: Record<string, string> = {}
  for (const issue of issues) {
    const field = String(issue.path[0] ?? '')
    if (field in found) continue
    found[field] = words.reword?.[issue.message] ?? (CHINESE.test(issue.message) ? issue.message : (words.plain?.[field] ?? issue.message))
  }
  return found
}
