import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react'
import { View, Text } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { MAX_PHOTOS } from '@core/claim-input'
import { problemsByField } from '@core/inputs'
import { formatPoints } from '@core/points'
import type { Me } from '@core/user'
import { MAX_OFFER_POINTS, VOICE_KINDS, type VoiceKind } from '@core/voices'
import { postInput } from '@core/voices.schema'
import { ApiError, api, newRequestId, type Balance, type TreeNode } from '../../api'
import { Field, Loaded, PageState, goToFirstProblem, PhotoPicker, ROUTES, SubmitBar, TextArea, TextInput, quietUnknown, useApi, usePhotos } from '../../components'
import { ChosenResident, ResidentList, type PickableResident } from '../../components/ResidentPicker'
import { KIND_WORDS } from '../../components/VoiceCard/words'
import { residentsOf } from '../../pages-review/treeWalk'
import { courtyardChoices, postsForOthers } from './who'
import './index.scss'

type FieldKey = 'courtyardId' | 'title' | 'text' | 'place' | 'photos' | 'offerPoints'
type Problems = Partial<Record<FieldKey, string>>

/** Top to bottom, as on the form: the page scrolls to the first one that is wrong. */
const FIELD_ORDER: FieldKey[] = ['courtyardId', 'title', 'text', 'place', 'offerPoints', 'photos']

const PLAIN: Record<FieldKey, string> = {
  courtyardId: '请选择院落',
  title: '标题写 2 到 30 个字',
  text: '内容写 5 到 500 个字',
  place: '地点不超过 60 个字',
  photos: '照片最多 9 张',
  offerPoints: `积分写大于 0、不超过 ${MAX_OFFER_POINTS} 的数，最多一位小数`,
}

const isKind = (k: string | undefined): k is VoiceKind => (VOICE_KINDS as readonly string[]).includes(k ?? '')

/** Staff choose first whose it is: their own (我自己…), or a resident's without a phone (代说事). */
type Who = 'self' | 'proxy'
const SELF_WORDS: Record<VoiceKind, string> = { suggestion: '我自己说事', wish: '我自己许愿', hazard: '我自己报告' }

/** What happens once a post made for a resident is in: where the one who filed it finds it again. */
const PROXY_AFTER: Record<VoiceKind, string> = {
  suggestion: '用他的名字公开，大家可以附议，社区会回复。您在“我说的”里能看到。',
  wish: '先由社区审核，通过后公开（只显示他的姓氏）。您在“我的心愿”里能看到，可以替他确认、撤回。',
  hazard: '发给这个院落的网格员，处理后通知您。您在“我拍的”里能看到，可以替他确认。',
}

/**
 * 说事 / 许心愿 / 随手拍 (`?kind=`): who I am (photos go to my folder), and for a wish the points I could offer. Staff
 * (院长, 网格员, 工作小组) also get their part of the org tree: the residents they may post for (代说事) and the
 * courtyards a post may be about — with it they may post without a resident record of their own.
 */
export default function VoicePostPage() {
  const kindParam = useRouter().params.kind
  const kind: VoiceKind = isKind(kindParam) ? kindParam : 'suggestion'
  const { state, reload } = useApi(async () => {
    const me = await api.user.me({}, quietUnknown)
    const [balance, tree] = await Promise.all([
      kind === 'wish' && me.residentId ? api.points.balance({}, quietUnknown) : Promise.resolve(null),
      postsForOthers(me) ? api.org.tree({}, quietUnknown) : Promise.resolve(null),
    ])
    return { me, balance, root: tree?.root ?? null }
  }, [kind])
  return (
    <Loaded state={state} reload={reload}>
      {({ me, balance, root }) =>
        me.residentId || root ? (
          <VoiceForm kind={kind} me={me} balance={balance} root={root} />
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

function VoiceForm({ kind, me, balance, root }: { kind: VoiceKind; me: Me; balance: Balance | null; root: TreeNode | null }) {
  const words = KIND_WORDS[kind]
  const hazard = kind === 'hazard'
  const staff = root !== null
  const [who, setWho] = useState<Who>('self')
  const [forResident, setForResident] = useState<PickableResident | null>(null)
  const proxying = who === 'proxy'
  const residents = useMemo(() => (root ? residentsOf(root) : []), [root])
  // 说的是哪个院落: staff's own reports — always without a home of their own, and for a hazard seen anywhere in their part.
  const courtyards = useMemo(() => courtyardChoices(root, me), [root, me])
  const [courtyardId, setCourtyardId] = useState<string | null>(() => me.courtyardId ?? (courtyards.length === 1 ? courtyards[0].id : null))
  const picksCourtyard = staff && !proxying && (!me.residentId || (hazard && courtyards.length > 1))
  // 心愿定制: one's own points, or (代说事) the resident's; staff without a home of their own have none to offer.
  const offers = kind === 'wish' && (proxying ? !!forResident : !!me.residentId)
  const forId = proxying && kind === 'wish' ? (forResident?.id ?? null) : null
  const theirBalance = useApi(async () => (forId ? { residentId: forId, balance: await api.points.balance({ residentId: forId }, { silent: true }) } : null), [forId])
  // Theirs only: while another's is being fetched, the last one's answer stays in the state.
  const theirs = theirBalance.state.status === 'ready' && theirBalance.state.data?.residentId === forId ? theirBalance.state.data.balance : null
  const [values, setValues] = useState<Values>({ title: '', text: '', place: '', offer: '' })
  const [problems, setProblems] = useState<Problems>({})
  const [failure, setFailure] = useState<string | null>(null)
  const [sending, setSending] = useState(false)
  const [tried, setTried] = useState(false)
  const photos = usePhotos(me.openid)
  // One per form: a retry after a lost answer posts once, never twice.
  const requestId = useRef(newRequestId('voice'))
  // What may be offered at most; null while the resident's balance is not known (the function checks it again).
  const available = proxying ? (theirs?.available ?? null) : (balance?.available ?? 0)

  /** The post as voices.post takes it, checked with its own schema; or the problems, field by field. */
  const check = (v: Values): { input: ReturnType<typeof postInput.parse> } | { problems: Problems } => {
    const found: Problems = {}
    const offerText = v.offer.trim()
    const offer = offerText === '' ? undefined : /^\d+(\.\d+)?$/.test(offerText) ? Number(offerText) : Number.NaN
    if (offer !== undefined && Number.isNaN(offer)) found.offerPoints = '积分请写数字，例如 5'
    else if (offer !== undefined && available !== null && offer > available)
      found.offerPoints = `${proxying && forResident ? forResident.name : '您'}现在可用的积分只有 ${formatPoints(available)} 分`
    if (picksCourtyard && !courtyardId) found.courtyardId = '请选择说的是哪个院落的事'
    if (photos.failed > 0) found.photos = `有 ${photos.failed} 张照片没有传上去：点这张照片重试，或点 × 删掉它`
    const parsed = postInput.safeParse({
      kind,
      title: v.title.trim(),
      text: v.text.trim(),
      ...(v.place.trim() ? { place: v.place.trim() } : {}),
      ...(photos.fileIDs.length ? { photos: photos.fileIDs } : {}),
      ...(offers && offer !== undefined && !Number.isNaN(offer) && offer !== 0 ? { offerPoints: offer } : {}),
      ...(proxying && forResident ? { onBehalfOf: forResident.id } : {}),
      ...(picksCourtyard && courtyardId ? { courtyardId } : {}),
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

  /** Another poster (or none yet): a fresh requestId, so that a post for one is never answered as one made for another. */
  const retarget = (nextWho: Who, resident: PickableResident | null) => {
    setWho(nextWho)
    setForResident(resident)
    requestId.current = newRequestId('voice')
    setProblems((p) => ({ ...p, offerPoints: undefined, courtyardId: undefined }))
    setFailure(null)
  }
  const chooseCourtyard = (id: string) => {
    setCourtyardId(id)
    setProblems((p) => (p.courtyardId ? { ...p, courtyardId: undefined } : p))
    setFailure(null)
  }

  const submit = async () => {
    if (sending || photos.uploading) return
    const checked = check(values)
    setTried(true)
    if ('problems' in checked) {
      setProblems(checked.problems)
      setFailure(goToFirstProblem(checked.problems, FIELD_ORDER, 'voice-field') ? null : '填写的内容有误，请检查后再试')
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
      if (error.code === 'POINTS.INSUFFICIENT') {
        fromServer.offerPoints = error.message
        if (proxying) void theirBalance.reload()
      }
      setProblems(fromServer)
      setFailure(Object.keys(fromServer).length > 0 ? null : error.message)
      setSending(false)
    }
  }

  const at = (key: FieldKey) => ({ id: `voice-field-${key}`, testId: `voice-field-${key}`, error: problems[key] })
  const { title, text, place, offer } = values

  // 代说事: first whom for; the form comes once they are chosen.
  const choosing = proxying && !forResident
  const offerWho = proxying && forResident ? forResident.name : '您'
  const offerHint =
    available !== null ? (
      <Text className='sz-voice-form__balance' data-testid='voice-offer-available'>
        {offerWho}现在可用 {formatPoints(available)} 分。
      </Text>
    ) : theirBalance.state.status === 'error' ? (
      <Text data-testid='voice-offer-unknown'>没有查到{offerWho}可用的积分，提交时会再核对。</Text>
    ) : (
      <Text data-testid='voice-offer-loading'>正在查{offerWho}可用的积分…</Text>
    )

  return (
    <View className='sz-page sz-voice-form' data-testid='voice-form' data-kind={kind} data-who={who}>
      <View className='sz-alert sz-alert--success' data-testid='voice-form-note'>
        <Text className='sz-alert__title'>{words.tab}</Text>
        <Text className='sz-alert__line'>{words.intro}</Text>
      </View>

      {staff ? (
        <Field label='这是谁的事' testId='voice-who'
          hint={proxying ? '替没有手机的居民提交：用他的名字；以后您能看到办理经过，替他确认。' : undefined}>
          <View className='sz-voice-form__choices'>
            <Choice on={!proxying} testId='voice-who-self' onTap={() => proxying && retarget('self', null)}>
              {SELF_WORDS[kind]}
            </Choice>
            <Choice on={proxying} testId='voice-who-proxy' onTap={() => !proxying && retarget('proxy', null)}>
              替居民提交（没有手机的居民）
            </Choice>
          </View>
        </Field>
      ) : null}

      {choosing ? (
        residents.length === 0 ? (
          <PageState kind='empty' title='还没有居民' description='您负责的院落里还没有登记居民。可以在“代申报”里登记没有手机的居民。' testId='voice-for-none' />
        ) : (
          <>
            <Text className='sz-voice-form__intro'>替哪位居民提交？没有手机的居民排在前面。</Text>
            <ResidentList residents={residents} onPick={(r) => retarget('proxy', r)} testId='voice-for' />
          </>
        )
      ) : (
        <>
          {proxying && forResident ? <ChosenResident label='替这位居民提交' resident={forResident} onChange={() => retarget('proxy', null)} testId='voice-for' /> : null}

          {picksCourtyard ? (
            <Field {...at('courtyardId')} label='说的是哪个院落的事' required='必选' hint='选隐患或事情所在的院落，由那里的网格员办理。'>
              <View className='sz-voice-form__choices'>
                {courtyards.map((c) => (
                  <Choice key={c.id} on={c.id === courtyardId} testId={`voice-courtyard-${c.id}`} onTap={() => chooseCourtyard(c.id)}>
                    {c.name}
                  </Choice>
                ))}
              </View>
            </Field>
          ) : null}

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

          {offers ? (
            <Field {...at('offerPoints')} label={`心愿定制：拿出${proxying ? '他' : '自己'}的积分`} optional='可以不拿' keepHint
              hint={
                <Text>
                  {offerHint}
                  拿出的积分先冻结，心愿完成并确认后给认领的人；撤回或没通过就退回给{proxying ? '他' : '您'}。
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
            after={proxying ? PROXY_AFTER[kind] : words.after} />
        </>
      )}
      <View className='sz-bottom-space' />
    </View>
  )
}

/** One of a few choices (whose, which courtyard) as a large bordered button, green when chosen. */
function Choice({ on, testId, onTap, children }: { on: boolean; testId: string; onTap: () => void; children: ReactNode }) {
  return (
    <View className={`sz-voice-form__choice ${on ? 'sz-voice-form__choice--on' : ''}`} data-testid={testId} data-on={on ? 'true' : 'false'} onClick={onTap}>
      {children}
    </View>
  )
}
