/**
 * Screening a write before it is stored: its texts (msgSecCheck) go to WeChat at once, started beside reads the write
 * makes anyway and awaited after them, so screening adds at most one round trip; its photos (mediaCheckAsync) as soon
 * as the write has pinned them, so the platform judges the very bytes the reviewer will see. A risky text is refused
 * (CONTENT.RISKY, naming the field); an unchecked one is stored, marked for the reviewer. Photo results arrive later
 * (media-results.ts).
 */
import { DomainError } from '../../src/core/errors'
import { type Scene, type ScreeningRecord, riskyTextMessage } from '../../src/core/screening'
import { type TextVerdict, checkMedia, checkText, screeningEnabled } from './wechat'

export interface Screened {
  text: TextVerdict
  /** Each photo sent to the platform, with the trace id its result will carry (null: the check could not be started). */
  photos: { fileID: string; traceId: string | null }[]
  at: string
}

/**
 * A photo to screen: its name on the record (`fileID`, the upload) and a link to the bytes the platform is to judge —
 * the pinned copy the reviewer will be served (see evidence.ts), valid long enough for the platform to fetch it.
 */
export interface PhotoToScreen {
  fileID: string
  url: string | null
}

async function startPhotoChecks(openid: string, scene: Scene, photos: readonly PhotoToScreen[]): Promise<Screened['photos']> {
  if (photos.length === 0 || !screeningEnabled()) return []
  const traceIds = await checkMedia(openid, scene, photos.map((p) => p.url))
  return photos.map((p, i) => ({ fileID: p.fileID, traceId: traceIds[i] }))
}

/**
 * Starts screening `texts` (label → text, in the order a refusal names them) as `openid`, the person writing, and
 * `photos` once the write has accepted and pinned them. Await it after the write's own reads. Never rejects, so a
 * write refused for another reason first leaves nothing unhandled; photos the write refuses are not screened (the
 * write answers the refusal).
 */
export function screen(openid: string, scene: Scene, what: { texts?: Record<string, string | undefined>; photos?: Promise<readonly PhotoToScreen[]> }, now: Date): Promise<Screened> {
  const photos = (what.photos ?? Promise.resolve([])).catch((): PhotoToScreen[] => [])
  return Promise.all([checkText(openid, scene, what.texts ?? {}), photos.then((list) => startPhotoChecks(openid, scene, list))]).then(
    ([text, checks]) => ({ text, photos: checks, at: now.toISOString() }),
    async (e) => {
      console.error('[screening] 内容检查出错，先放行并标记：', e)
      return { text: { verdict: 'unchecked' as const, fields: Object.keys(what.texts ?? {}) }, photos: (await photos).map((p) => ({ fileID: p.fileID, traceId: null })), at: now.toISOString() }
    },
  )
}

/**
 * What the record keeps of its screening, or a refusal: a risky text answers CONTENT.RISKY with the field to change;
 * an unchecked or review text is kept with a mark the reviewer sees. Nothing to keep answers undefined.
 */
export function admit(screened: Screened): ScreeningRecord | undefined {
  const { text, photos } = screened
  if (text.verdict === 'risky') throw new DomainError('CONTENT.RISKY', riskyTextMessage(text.field))
  const record: ScreeningRecord = {}
  if (text.verdict === 'unchecked' || text.verdict === 'review') record.text = text.verdict
  if (photos.length > 0) {
    record.photosSentAt = screened.at
    const unchecked = photos.filter((p) => !p.traceId).map((p) => p.fileID)
    if (unchecked.length) record.uncheckedPhotos = unchecked
  }
  return Object.keys(record).length ? record : undefined
}
