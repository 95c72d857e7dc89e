import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import { problemsByField } from '@core/inputs'
import type { Voice } from '@core/voices'
import { confirmInput, decideInput, fulfilInput, replyInput, takeInput, withdrawInput } from '@core/voices.schema'
import { api } from '../../api'
import { Field, PhotoPicker, TextArea, usePhotos, type Sending } from '../../components'
import { Sheet } from '../../components/Sheet'
import { type Act, doneText, wordsOf } from './actions'

type Problems = Partial<Record<'note' | 'photos' | 'rating', string>>
/** A call ready to go, or the schema's issues. */
type Checked = { ok: () => Promise<{ post: Voice }> } | { issues: readonly { path: (string | number)[]; message: string }[] }

export interface ActSheetProps {
  act: Act
  post: Voice
  /** Photos go up into this member's own folder. */
  openid: string
  sending: Sending
  onCancel: () => void
  /** Done: the page closes the sheet and reloads. */
  onDone: () => unknown
}

/**
 * The sheet of one button of a post (受理, 处理完毕, 不通过, 回复, 完成, 确认, 撤回, 认领): what it will do, then the
 * note (required where the one told must know why), the photos (the "after" photo, a fulfilled wish) and a wish's
 * stars, checked with the function's own schema before it goes.
 */
export function ActSheet({ act, post, openid, sending: { sending, send }, onCancel, onDone }: ActSheetProps) {
  const words = wordsOf(act, post)
  const [note, setNote] = useState('')
  const [rating, setRating] = useState(0)
  const [problems, setProblems] = useState<Problems>({})
  const photos = usePhotos(openid)
  const postId = post.id

  /** The call, checked with the schema the function checks with; or what is wrong, by field. */
  const prepare = (): (() => Promise<{ post: Voice }>) | Problems => {
    const text = note.trim()
    const pics = photos.fileIDs.length ? { photos: photos.fileIDs } : {}
    const found: Problems = {}
    if (photos.failed > 0) found.photos = `有 ${photos.failed} 张照片没有传上去：点这张照片重试，或点 × 删掉它`
    if (words.stars && !rating) found.rating = '请点星星打个分'
    const checked = ((): Checked => {
      switch (act.kind) {
        case 'decide': {
          const p = decideInput.safeParse({ postId, decision: act.decision, note: text, ...pics })
          return p.success ? { ok: () => api.voices.decide(p.data) } : { issues: p.error.issues }
        }
        case 'reply': {
          const p = replyInput.safeParse({ postId, text, ...pics })
          return p.success ? { ok: () => api.voices.reply(p.data) } : { issues: p.error.issues.map((i) => ({ ...i, path: i.path[0] === 'text' ? ['note'] : i.path })) }
        }
        case 'take': {
          const p = takeInput.safeParse({ postId })
          return p.success ? { ok: () => api.voices.take(p.data) } : { issues: p.error.issues }
        }
        case 'fulfil': {
          const p = fulfilInput.safeParse({ postId, note: text, photos: photos.fileIDs })
          return p.success ? { ok: () => api.voices.fulfil(p.data) } : { issues: p.error.issues }
        }
        case 'confirm': {
          const p = confirmInput.safeParse({ postId, note: text, ...(words.stars && rating ? { rating } : {}) })
          return p.success ? { ok: () => api.voices.confirm(p.data) } : { issues: p.error.issues }
        }
        case 'withdraw': {
          const p = withdrawInput.safeParse({ postId, ...(text ? { note: text } : {}) })
          return p.success ? { ok: () => api.voices.withdraw(p.data) } : { issues: p.error.issues }
        }
      }
    })()
    if ('issues' in checked) return { ...(problemsByField(checked.issues) as Problems), ...found }
    return Object.values(found).some(Boolean) ? found : checked.ok
  }

  const confirm = () => {
    if (sending || photos.uploading) return
    const call = prepare()
    if (typeof call !== 'function') return setProblems(call)
    setProblems({})
    void send(call, ({ post: after }) => doneText(act, after), onDone)
  }

  return (
    <Sheet
      title={words.title}
      subtitle={post.title}
      confirmText={photos.uploading ? '照片上传中' : words.confirmText}
      confirmType={words.danger ? 'danger' : 'primary'}
      sending={sending}
      onCancel={() => !sending && onCancel()}
      onConfirm={confirm}
      testId='voice-sheet'
      cancelTestId='voice-sheet-cancel'
      confirmTestId='voice-sheet-confirm'
    >
      <View className='sz-sheet__body'>
        <Text className='sz-sheet__line' data-testid='voice-sheet-intro'>
          {words.intro}
        </Text>
      </View>
      {words.stars ? (
        <Field bare label='给认领的人打分' required='必选' error={problems.rating} testId='voice-sheet-rating'>
          <View className='sz-voice-stars'>
            {[1, 2, 3, 4, 5].map((n) => (
              <View
                key={n}
                className={`sz-voice-stars__star ${n <= rating ? 'sz-voice-stars__star--on' : ''}`}
                data-testid={`voice-star-${n}`}
                onClick={() => {
                  setRating(n)
                  setProblems((p) => ({ ...p, rating: undefined }))
                }}
              >
                ★
              </View>
            ))}
          </View>
          <Text className='sz-voice-stars__words'>{rating ? `${rating} 颗星` : '点星星打分，5 颗星最好'}</Text>
        </Field>
      ) : null}
      {words.photos ? (
        <Field bare label='照片' required={words.photos === 'required' ? '必须，至少 1 张' : undefined} optional={words.photos === 'optional' ? '可以不拍' : undefined} error={problems.photos} testId='voice-sheet-photos-field'>
          <PhotoPicker photos={photos} testId='voice-sheet-photos' />
        </Field>
      ) : null}
      {words.note ? (
        <Field bare label={words.note.label} required={words.note.required ? '必填' : undefined} optional={words.note.required ? undefined : '可以不写'} error={problems.note} testId='voice-sheet-note-field'>
          <TextArea
            className='sz-sheet__text'
            testId='voice-sheet-note'
            value={note}
            maxlength={act.kind === 'reply' ? 500 : 300}
            placeholder={words.note.placeholder}
            onInput={(v) => {
              setNote(v)
              setProblems((p) => ({ ...p, note: undefined }))
            }}
          />
        </Field>
      ) : null}
    </Sheet>
  )
}
