/**
 * EJSON, the store's text: documents as they are stored and answered (relaxed EJSON), and the parameters the SDK
 * sends, with CloudBase's own markers (`db.serverDate()`, BSON regexes) turned into values.
 */
import { BSONRegExp, EJSON } from 'bson'
import { invalidParam } from '../errors'
import type { Doc } from './tables'

export const encodeDoc = (doc: unknown): string => EJSON.stringify(doc as Doc, { relaxed: true })
/** Most documents hold no EJSON type wrapper ("$date", …); those parse as plain JSON, several times faster. */
export const decodeDoc = (text: string): Doc => (text.includes('"$') ? EJSON.parse(text, { relaxed: true }) : JSON.parse(text)) as Doc

/**
 * Parses an EJSON parameter from the SDK and turns CloudBase's own markers into values:
 * `{ $tcb_server_date: { offset } }` becomes the server's clock, and BSON regexes become RegExps for mingo.
 */
export function parseEJSON(text: unknown, what: string): unknown {
  if (text === undefined || text === null || text === '') return undefined
  let value: unknown
  try {
    value = typeof text === 'string' ? EJSON.parse(text, { relaxed: true }) : EJSON.deserialize(text as Doc, { relaxed: true })
  } catch (e) {
    throw invalidParam(`${what} 不是合法的 EJSON：${(e as Error).message}`)
  }
  try {
    return resolveMarkers(value)
  } catch (e) {
    // e.g. a regular expression JavaScript cannot compile: the caller's mistake, not an internal error.
    throw invalidParam(`${what} 不合法：${(e as Error).message}`)
  }
}

function resolveMarkers(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(resolveMarkers)
  if (value instanceof BSONRegExp) return new RegExp(value.pattern, value.options.replace(/[^gimsuy]/g, ''))
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const obj = value as Record<string, unknown>
    const keys = Object.keys(obj)
    if (keys.length === 1 && keys[0] === '$tcb_server_date') {
      const offset = Number((obj.$tcb_server_date as { offset?: unknown })?.offset ?? 0)
      return new Date(Date.now() + (Number.isFinite(offset) ? offset : 0))
    }
    const out: Record<string, unknown> = {}
    for (const k of keys) out[k] = resolveMarkers(obj[k])
    return out
  }
  return value
}
