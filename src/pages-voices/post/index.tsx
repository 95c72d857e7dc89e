import { useEffect, useRef, useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { MAX_PHOTOS } from '@core/claim-input'
import { problemsByField } from '@core/inputs'
import { formatPoints } from '@core/points'
import type { Me } from '@core/user'
import { MAX_OFFER_POINTS, VOICE_KINDS, type VoiceKind } from '@core/voices'
import { postInput } from '@core/voices.schema'
import { ApiError, api, newRequestId, type Balance } from '../../api'
import { Field, Loaded, PageState, PhotoPicker, ROUTES, SubmitBar, TextArea, TextInput, quietUnknown, useApi, usePhotos } from '../../components'
import { KIND_WORDS } from '../../components/VoiceCard/words'
import './index.scss'

type FieldKey = 'title' | 'text' | 'place' | 'photos' | 'offerPoints'
type Problems = Partial<Record<FieldKey, string>>

/** Top to bottom, as on the form: the page scrolls to the first one that is wrong. */
const FIELD_ORDER: FieldKey[] = ['title', 'text', 'place', 'offerPoints', 'photos']

const PLAIN: Record<FieldKey, string> = {
  title: '标题写 2 到 30 个字',
  text: '内容写 5 到 500 个字',
  place: '地点不超过 60 个字',
  photos: '照片最多 9 张',
  offerPoints: `积分写大于 0、不超过 ${MAX_OFFER_POINTS} 的数，最多一位小数`,
}

const isKind = (k: string | undefined): k is VoiceKind => (VOICE_KINDS as readonly string[]).includes(k ?? '')

/** 说事 / 许心愿 / 随手拍 (`?kind=`): who I am (photos go to my folder), and for a wish the points I could offer. */
export default function VoicePostPage() {
  const kindParam = useRouter().params.kind
  const kind: VoiceKind = isKind(kindParam) ? kindParam : 'suggestion'
  const { state, reload } = useApi(async () => {
    const me = await api.user.me({}, quietUnknown)
    const balance = kind === 'wish' && me.residentId ? await api.points.balance({}, quietUnknown) : null
    return { me, balance }
  }, [kind])
  return (
    <Loaded state={state} reload={reload}>
      {({ me, balance }) =>
        me.residentId ? (
          <VoiceForm kind={kind} me={me} balance={balance} />
        ) : (
          <View className='sz-page'>
            <PageState kind='empty' title='只有本社区的居民可以说事' description='您在社区里没有居民身份。居民可以说事、许心愿、随手拍隐患。' testId='voice-form-not-resident' />
          </View>
        )
      }
    </Loaded>
  )
}

interface Values {
  title: string
  text: string
  place: string
  offer: string
}

function VoiceForm({ kind, me, balance }: { kind: VoiceKind; me: Me; balance: Balance | null }) {
  const words = KIND_WORDS[kind]
  const hazard = kind === 'hazard'
  const [values, setValues] = useState<Values>({ title: '', text: '', place: '', offer: '' })
  const [problems, setProblems] = useState<Problems>({})
  const [failure, setFailure] = useState<string | null>(null)
  const [sending, setSending] = useState(false)
  const [tried, setTried] = useState(false)
  const photos = usePhotos(me.openid)
  // One per form: a retry after a lost answer posts once, never twice.
  const requestId = useRef(newRequestId('voice'))
  const available = balance?.available ?? 0

  /** The post as voices.post takes it, checked with its own schema; or the problems, field by field. */
  const check = (v: Values): { input: ReturnType<typeof postInput.parse> } | { problems: Problems } => {
    const found: Problems = {}
    const offerText = v.offer.trim()
    const offer = offerText === '' ? undefined : /^\d+(\.\d+)?$/.test(offerText) ? Number(offerText) : Number.NaN
    if (offer !== undefined && Number.isNaN(offer)) found.offerPoints = '积分请写数字，例如 5'
    else if (offer !== undefined && offer > available) found.offerPoints = `您现在可用的积分只有 ${formatPoints(available)} 分`
    if (photos.failed > 0) found.photos = `有 ${photos.failed} 张照片没有传上去：点这张照片重试，或点 × 删掉它`
    const parsed = postInput.safeParse({
      kind,
      title: v.title.trim(),
      text: v.text.trim(),
      ...(v.place.trim() ? { place: v.place.trim() } : {}),
      ...(photos.fileIDs.length ? { photos: photos.fileIDs } : {}),
      ...(kind === 'wish' && offer !== undefined && !Number.isNaN(offer) && offer !== 0 ? { offerPoints: offer } : {}),
      requestId: requestId.current,
    })
    if (!parsed.success) Object.assign(found, { ...(problemsByField(parsed.error.issues, { plain: PLAIN }) as Problems), ...found })
    return parsed.success && !Object.values(found).some(Boolean) ? { input: parsed.data } : { problems: found }
  }

  const typed = (key: keyof Values, field: FieldKey) => (value: string) => {
    setValues((v) => ({ ...v, [key]: value }))
    setProblems((p) => (p[field] ? { ...p, [field]: undefined } : p))
    setFailure(null)
  }
  /** Leaving a field says at once what is wrong with it (or that nothing is). */
  const left = (field: FieldKey) => () => {
    const checked = check(values)
    const problem = 'problems' in checked ? checked.problems[field] : undefined
    setProblems((p) => ({ ...p, [field]: problem }))
  }
  const photoCount = photos.fileIDs.length + photos.failed
  useEffect(() => setProblems((p) => (p.photos ? { ...p, photos: undefined } : p)), [photoCount])

  const submit = async () => {
    if (sending || photos.uploading) return
    const checked = check(values)
    setTried(true)
    if ('problems' in checked) {
      setProblems(checked.problems)
      const first = FIELD_ORDER.find((f) => checked.problems[f])
      setFailure(first ? null : '填写的内容有误，请检查后再试')
      if (first) Taro.pageScrollTo({ selector: `#voice-field-${first}`, offsetTop: -16, duration: 300 }).catch(() => undefined)
      return
    }
    setProblems({})
    setFailure(null)
    setSending(true)
    try {
      const { post } = await api.voices.post(checked.input, { silent: true })
      void Taro.showToast({ title: '已提交', icon: 'success' })
      void Taro.redirectTo({ url: ROUTES.voice(post.id) })
    } catch (e) {
      const error = e instanceof ApiError ? e : new ApiError('INTERNAL')
      // The server checks with the same schema (and the balance): its issues go next to their fields too.
      const issues = (error.details as { issues?: unknown } | undefined)?.issues
      const fromServer = Array.isArray(issues) ? (problemsByField(issues as { path: (string | number)[]; message: string }[], { plain: PLAIN }) as Problems) : {}
      if (error.code === 'POINTS.INSUFFICIENT') fromServer.offerPoints = error.message
      setProblems(fromServer)
      setFailure(Object.keys(fromServer).length > 0 ? null : error.message)
      setSending(false)
    }
  }

  const at = (key: FieldKey) => ({ id: `voice-field-${key}`, testId: `voice-field-${key}`, error: problems[key] })
  const { title, text, place, offer } = values

  return (
    <View className='sz-page sz-voice-form' data-testid='voice-form' data-kind={kind}>
      <View className='sz-alert sz-alert--success' data-testid='voice-form-note'>
        <Text className='sz-alert__title'>{words.tab}</Text>
        <Text className='sz-alert__line'>{words.intro}</Text>
      </View>

      <Field {...at('title')} label={words.titleLabel} required='必填' hint='2 到 30 个字。'>
        <TextInput testId='voice-title' value={title} maxlength={30} placeholder={words.titlePlaceholder} onInput={typed('title', 'title')} onBlur={left('title')} />
      </Field>

      <Field {...at('text')} label={words.textLabel} required='必填，至少 5 个字' counter={{ text, max: 500 }}>
        <TextArea testId='voice-text' value={text} maxlength={500} placeholder={words.textPlaceholder} onInput={typed('text', 'text')} onBlur={left('text')} />
      </Field>

      <Field {...at('place')} label={hazard ? '在什么地方' : '地点'} required={hazard ? '必填' : undefined} optional={hazard ? undefined : '可以不填'}
        hint={hazard ? '写清楚楼号、单元、楼层，网格员好找。' : undefined}>
        <TextInput testId='voice-place' value={place} maxlength={60} placeholder={words.placePlaceholder} onInput={typed('place', 'place')} onBlur={left('place')} />
      </Field>

      {kind === 'wish' ? (
        <Field {...at('offerPoints')} label='心愿定制：拿出自己的积分' optional='可以不拿' keepHint
          hint={
            <Text>
              <Text className='sz-voice-form__balance' data-testid='voice-offer-available'>
                您现在可用 {formatPoints(available)} 分。
              </Text>
              拿出的积分先冻结，心愿完成并确认后给认领的人；撤回或没通过就退回给您。
            </Text>
          }
        >
          <TextInput testId='voice-offer' type='digit' value={offer} maxlength={5} placeholder='不拿就不填，例如：5' onInput={typed('offer', 'offerPoints')} onBlur={left('offerPoints')} />
        </Field>
      ) : null}

      <Field {...at('photos')} label='照片' required={hazard ? '必须，至少 1 张' : undefined} optional={hazard ? undefined : '可以不拍'}
        hint={hazard ? `拍清楚隐患在哪里、是什么样子。最多 ${MAX_PHOTOS} 张。` : `最多 ${MAX_PHOTOS} 张；点照片可以放大看。`}>
        <PhotoPicker photos={photos} testId='voice-photos' />
      </Field>

      <SubmitBar tall label={words.submit} busy={sending} busyLabel='正在提交' uploading={photos.uploading} onSubmit={() => void submit()} testId='voice-submit'
        error={failure} unfixed={tried ? Object.values(problems).filter(Boolean).length : 0} errorTitle='还没有提交' errorTestId='voice-form-error'
        after={words.after} />
      <View className='sz-bottom-space' />
    </View>
  )
}
