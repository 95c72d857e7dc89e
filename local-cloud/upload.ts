/**
 * `POST /upload`: an evidence photo from the h5 app (multipart: `cloudPath`, `file`; the uploader in `x-wx-openid`).
 * Only new files under `evidence/<openid>/`, only photos by their bytes, within the body cap, the body budget and the
 * uploader's daily quota. A refusal decided before the body is read is answered at once; the server then reads and
 * discards the rest, so the client (still sending) gets the answer rather than a broken pipe.
 */
import Busboy from 'busboy'
import type http from 'node:http'
import type { ErrorCode } from '../src/core/errors'
import { MAX_PHOTO_BYTES, detectImageKind } from '../src/core/image'
import { inZone } from '../src/core/period'
import { type BodyBudget, type Limits, MAX_UPLOAD_BODY, allow, closeAfter } from './limits'
import { failure, mediaType, sendJson } from './respond'
import { type Storage, checkCloudPath } from './storage'

export function uploadRoute({ storage, budget, limits }: { storage: Storage; budget: BodyBudget; limits: Limits }) {
  /** What a person has uploaded today (Asia/Shanghai) into their evidence folder: the quota counts these. */
  const uploadedToday = (openid: string) => storage.uploadedSince(openid, `evidence/${openid}/`, inZone(Date.now()).startOf('day').toISOString())
  const overQuota = (used: { files: number; bytes: number }, adding: number) =>
    used.files + 1 > limits.uploadFilesPerDay || used.bytes + adding > limits.uploadBytesPerDay

  return function upload(req: http.IncomingMessage, res: http.ServerResponse) {
    const openidHeader = req.headers['x-wx-openid']
    const openid = typeof openidHeader === 'string' ? openidHeader.trim() : ''
    const refuse = (code: ErrorCode, message?: string) => sendJson(res, 200, failure(code, message), closeAfter(req))
    if (!openid) return refuse('AUTH.UNAUTHENTICATED')
    if (mediaType(req) !== 'multipart/form-data') return refuse('INPUT.INVALID', '请用表单（multipart/form-data）上传，字段 cloudPath 和 file')
    const allowance = allow(budget, req, res, MAX_UPLOAD_BODY)
    if (allowance.refused) return refuse(allowance.refused.why === 'busy' ? 'SYSTEM.BUSY' : 'UPLOAD.TOO_LARGE')
    if (overQuota(uploadedToday(openid), Number(req.headers['content-length']) || 0)) return refuse('UPLOAD.QUOTA')
    let busboy: Busboy.Busboy
    try {
      // busboy reports 'limit' once a file reaches fileSize bytes; + 1 so that exactly MAX_PHOTO_BYTES is accepted.
      busboy = Busboy({ headers: req.headers, limits: { fileSize: MAX_PHOTO_BYTES + 1, files: 1, fields: 5, fieldSize: 4096 } })
    } catch {
      return refuse('INPUT.INVALID', '请用表单（multipart/form-data）上传，字段 cloudPath 和 file')
    }
    let cloudPath = ''
    let bytes: Buffer | null = null
    let tooLarge = false
    // A body without a Content-Length is metered as it arrives: past the cap or the budget it is answered and discarded.
    req.on('data', (chunk: Buffer) => {
      if (allowance.refused || allowance.grow(chunk.length)) return
      req.unpipe(busboy)
      req.resume()
      refuse(allowance.refused!.why === 'busy' ? 'SYSTEM.BUSY' : 'UPLOAD.TOO_LARGE')
    })
    busboy.on('field', (name, value) => {
      if (name === 'cloudPath') cloudPath = value
    })
    busboy.on('file', (_name, stream) => {
      const chunks: Buffer[] = []
      stream.on('data', (c: Buffer) => {
        if (!tooLarge) chunks.push(c)
      })
      stream.on('limit', () => {
        tooLarge = true
        chunks.length = 0
      })
      stream.on('close', () => {
        bytes = Buffer.concat(chunks)
      })
    })
    busboy.on('error', () => {
      if (!res.headersSent) sendJson(res, 200, failure('INPUT.INVALID', '上传的内容不完整，请重试'), true)
    })
    busboy.on('close', () => {
      if (res.headersSent) return
      if (tooLarge) return sendJson(res, 200, failure('UPLOAD.TOO_LARGE'))
      if (!bytes || bytes.length === 0) return sendJson(res, 200, failure('INPUT.INVALID', '没有收到文件'))
      let normalized: string
      try {
        normalized = checkCloudPath(cloudPath)
      } catch {
        return sendJson(res, 200, failure('INPUT.INVALID', '缺少或不合法的 cloudPath'))
      }
      if (!normalized.startsWith(`evidence/${openid}/`)) return sendJson(res, 200, failure('UPLOAD.FORBIDDEN_PATH'))
      // By its bytes, now: a file that is not a photo never reaches storage (a claim checks again, for photos that
      // reach storage another way).
      if (!detectImageKind(bytes)) return sendJson(res, 200, failure('UPLOAD.NOT_IMAGE'))
      // The storage rule lets a client write only new files: evidence a claim already points at never changes under
      // it. The checks and the write run in one synchronous step, so two uploads to one path cannot both pass, and
      // two at once cannot both slip under the quota.
      if (storage.stat(normalized)) return sendJson(res, 200, failure('UPLOAD.EXISTS'))
      if (overQuota(uploadedToday(openid), bytes.length)) return sendJson(res, 200, failure('UPLOAD.QUOTA'))
      const file = storage.put(normalized, bytes, openid)
      sendJson(res, 200, { fileID: file.fileID })
    })
    req.pipe(busboy)
  }
}
