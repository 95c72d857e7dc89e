/**
 * Screening a write before it is stored: its texts (msgSecCheck) and its photos (mediaCheckAsync) go to WeChat at
 * once, started before the reads the write makes anyway and awaited after them, so screening adds at most one round
 * trip. A risky text is refused (CONTENT.RISKY, naming the field); an unchecked one is stored, marked for the reviewer.
 * Photo results arrive later (media-results.ts).
 */
import { DomainError } from '../../src/core/errors'
import { type Scene, type ScreeningRecord, riskyTextMessage } from '../../src/core/screening'
import { cloudApp } from './cloud'
import { pathOf } from './evidence'
import { type TextVerdict, checkMedia, checkText, screeningEnabled } from './wechat'

export interface Screened {
  text: TextVerdict
  /** Each photo sent to the platform, with the trace id its result will carry (null: the check could not be started). */
  photos: { fileID: string; traceId: string | null }[]
  at: string
}

/** A photo must stay viewable for the platform until it has fetched it (within 30 minutes). */
const MEDIA_URL_SECONDS = 86_400

async function startPhotoChecks(openid: string, scene: Scene, photos: readonly string[]): Promise<Screened['photos']> {
  // Only what can be a photo of this cloud's storage; the write's own evidence check refuses the rest.
  const ours = [...new Set(photos)].filter((p) => pathOf(p) !== null)
  if (ours.length === 0 || !screeningEnabled()) return []
  let urls: (string | null)[]
  try {
    const { fileList } = await cloudApp().getTempFileURL({ fileList: ours.map((fileID) => ({ fileID, maxAge: MEDIA_URL_SECONDS })) })
    urls = ours.map((p) => (fileList as { fileID: string; code?: string; tempFileURL?: string }[]).find((f) => f.fileID === p && f.code === 'SUCCESS')?.tempFileURL ?? null)
  } catch (e) {
    console.warn('[screening] 取照片链接失败，照片先放行并标记：', (e as Error)?.message ?? e)
    urls = ours.map(() => null)
  }
  const traceIds = await checkMedia(openid, scene, urls)
  return ours.map((fileID, i) => ({ fileID, traceId: traceIds[i] }))
}

/**
 * Starts screening `texts` (label → text, in the order a refusal names them) and `photos` as `openid`, the person
 * writing. Await it after the write's own reads. Never rejects, so a write refused for another reason first leaves
 * nothing unhandled.
 */
export function screen(openid: string, scene: Scene, what: { texts?: Record<string, string | undefined>; photos?: readonly string[] }, now: Date): Promise<Screened> {
  return Promise.all([checkText(openid, scene, what.texts ?? {}), startPhotoChecks(openid, scene, what.photos ?? [])]).then(
    ([text, photos]) => ({ text, photos, at: now.toISOString() }),
    (e) => {
      console.error('[screening] 内容检查出错，先放行并标记：', e)
      return { text: { verdict: 'unchecked' as const, fields: Object.keys(what.texts ?? {}) }, photos: (what.photos ?? []).map((fileID) => ({ fileID, traceId: null })), at: now.toISOString() }
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
