/**
 * Content screening (内容安全): every piece of user text is checked by WeChat's `security.msgSecCheck` before it is
 * stored, and every photo by `security.mediaCheckAsync`, whose result arrives later (a message push). What the domain
 * needs to know of it lives here, for the functions (which refuse and record) and the app (which shows the reviewer
 * what the platform did not pass). The calls themselves are in cloudfunctions/_shared/wechat.ts.
 */

/** The v2 checks' scenes: 1 资料 (names), 2 评论, 3 论坛, 4 社交日志. */
export const SCENES = { profile: 1, comment: 2, forum: 3, social: 4 } as const
export type Scene = keyof typeof SCENES

/**
 * How a text got through without a plain pass: `unchecked` when the platform did not answer in time (a user is never
 * blocked by an outage), `review` when the platform asks a person to look. Stored on the record; the reviewer sees it.
 */
export type TextScreening = 'unchecked' | 'review'

export const TEXT_SCREENING_NOTES: Record<TextScreening, string> = {
  unchecked: '提交时平台的内容检查没有响应，这段文字没有经过检查，审核时请留意',
  review: '平台的内容检查提示：这段文字请人工留意',
}

/** The refusal of a risky text names the field to change (the labels are what the form calls it). */
export function riskyTextMessage(label: string): string {
  return `“${label}”里有不适合发布的字词，请修改“${label}”后再提交`
}

/** Why a claim came back, or an objection was set aside, when a photo failed the platform's check. */
export const RISKY_PHOTO_REASON = '照片未通过平台安全检查，请换一张照片后重新提交'
export const RISKY_OBJECTION_NOTE = '照片未通过平台安全检查，这条异议没有受理。请换一张照片重新提出'

/** A text check waits this long; then the text goes through, marked `unchecked`. */
export const TEXT_CHECK_TIMEOUT_MS = 2000
/** WeChat pushes a photo's result within 30 minutes; a photo still waiting after that is shown, marked `unchecked`. */
export const PHOTO_RESULT_WAIT_MS = 30 * 60_000

/** What a screened record (claim, objection, name) keeps of its screening. */
export interface ScreeningRecord {
  text?: TextScreening
  /** When its photos were sent to the platform; each photo's result lands in `contentChecks` by trace id. */
  photosSentAt?: string
  /** Photos whose check could not even be started (platform unreachable): shown, marked unchecked. */
  uncheckedPhotos?: string[]
}

/** A photo check's result as the platform answered it (`checking` until the push arrives; `unchecked` if it could not judge). */
export type PhotoCheckStatus = 'checking' | 'pass' | 'review' | 'risky' | 'unchecked'

/**
 * What a reviewer may know of each photo: `null` for a photo never screened (stored before screening existed),
 * `checking` (hidden until the result arrives), `pass`, `review` (shown with a note), `risky` (never shown to a
 * reviewer) or `unchecked` (shown with a note).
 */
export type PhotoState = PhotoCheckStatus | null

export function photoStates(
  photos: readonly string[],
  screening: ScreeningRecord | undefined,
  checks: readonly { fileID?: string; status: string; createdAt: string }[],
  now: Date,
): PhotoState[] {
  return photos.map((fileID) => {
    if (!screening?.photosSentAt) return null
    if (screening.uncheckedPhotos?.includes(fileID)) return 'unchecked'
    // The newest check of this photo decides (a photo sent again on a resubmit has a newer one).
    const check = checks.filter((c) => c.fileID === fileID).sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0]
    const status = check?.status
    if (status === 'pass' || status === 'review' || status === 'risky' || status === 'unchecked') return status
    const waited = now.getTime() - new Date(check?.createdAt ?? screening.photosSentAt).getTime()
    return waited > PHOTO_RESULT_WAIT_MS ? 'unchecked' : 'checking'
  })
}

/** Whether a reviewer may be shown the photo now: never a risky one, and not before its result has arrived. */
export const mayShowPhoto = (state: PhotoState) => state !== 'checking' && state !== 'risky'

/** Short enough for the label over a photo thumbnail. */
export const PHOTO_STATE_NOTES: Record<Exclude<PhotoState, null | 'pass'>, string> = {
  checking: '安全检查中',
  review: '请留意',
  risky: '未通过检查',
  unchecked: '未经检查',
}
