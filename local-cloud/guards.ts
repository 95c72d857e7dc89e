/**
 * Same origin, on loopback, or nothing runs. The local cloud is reachable by any web page the developer opens, so it
 * checks each request as a server on the internet would, before any route runs:
 * - the Host must name loopback with this server's port: a page on a DNS name that the attacker rebinds to 127.0.0.1
 *   sends its own name;
 * - a foreign Origin is refused: a page elsewhere can send a "simple" request (text/plain, a form) without a CORS
 *   preflight, and it would otherwise run. The h5 app is served from here, so its requests carry this origin (or, for
 *   a plain GET, none); the SDKs send none;
 * - each POST must have its route's content type, so the types a page can send without a preflight run nothing.
 */
import type http from 'node:http'
import type { AddressInfo } from 'node:net'
import { failure, mediaType, sendJson } from './respond'

/** The names this server answers to: loopback, with its port (a browser omits the port only for port 80). */
function loopbackHost(server: http.Server, host: string | undefined): boolean {
  if (!host) return false
  const port = (server.address() as AddressInfo | null)?.port
  const m = /^(127\.0\.0\.1|localhost|\[::1\])(?::(\d+))?$/.exec(host.toLowerCase())
  return !!m && (m[2] === undefined ? port === 80 : Number(m[2]) === port)
}

/** Whether the request may go on: its Host is this server on loopback, and its Origin (if any) this server's own. */
export function guard(server: http.Server, req: http.IncomingMessage, res: http.ServerResponse): boolean {
  if (!loopbackHost(server, req.headers.host)) {
    sendJson(res, 403, failure('AUTH.FORBIDDEN', '本地云只接受发给本机地址（127.0.0.1 或 localhost 加端口）的请求'), true)
    return false
  }
  const origin = req.headers.origin
  if (origin !== undefined && origin.toLowerCase() !== `http://${req.headers.host!.toLowerCase()}`) {
    sendJson(res, 403, failure('AUTH.FORBIDDEN', '本地云只接受它自己的页面发来的请求，别的网页不能调用它'), true)
    return false
  }
  return true
}

/** The emulator's switches take JSON only: a form or text/plain from a page must not move the clock. */
export function jsonOnly(req: http.IncomingMessage, res: http.ServerResponse, method: string): boolean {
  if (method !== 'POST' || mediaType(req) === 'application/json') return true
  sendJson(res, 415, failure('INPUT.INVALID', '请用 JSON 提交（Content-Type: application/json）'))
  return false
}
