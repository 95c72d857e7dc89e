/** How the local cloud's HTTP routes answer: JSON bodies, the functions' failure shape, and the request's media type. */
import type http from 'node:http'
import { ERROR_MESSAGES, type ErrorCode } from '../src/core/errors'

/** The media type of a request's body, without parameters: `application/json; charset=utf-8` → `application/json`. */
export const mediaType = (req: http.IncomingMessage) => (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase()

/** Answers JSON; `close` ends the connection after it (a refused body too big to read and discard). */
export function sendJson(res: http.ServerResponse, status: number, body: unknown, close = false): void {
  const text = JSON.stringify(body)
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...(close ? { connection: 'close' } : {}),
  })
  res.end(text)
}

/** A refusal as the functions answer one (`{ ok: false, code, message }`), so the apps show it the same way. */
export const failure = (code: ErrorCode, message: string = ERROR_MESSAGES[code], details?: unknown) => ({
  ok: false,
  code,
  message,
  ...(details === undefined ? {} : { details }),
})
