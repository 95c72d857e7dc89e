import { useEffect, useRef, useState } from 'react'
import { GLOSSARY } from '@core/glossary'
import { View, Text, Picker } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { MAX_CLAIM_AGE_DAYS, MAX_PHOTOS, claimTimeProblem, type ClaimTimeProblem } from '@core/claim-input'
import { CLAIM_FORM_WORDS, submitInput } from '@core/claims.schema'
import { problemsByField } from '@core/inputs'
import type { Me } from '@core/user'
import { ApiError, api, askClaimNotifications, newRequestId, type RuleCategory, type RuleItem } from '../../api'
import {
  Field,
  Loaded,
  PageState,
  PhotoPicker,
  usedBefore,
  ROUTES,
  beijingIso,
  formatDate,
  pickerDate,
  pickerTime,
  pointsLabel,
  quietUnknown,
  ruleLabels,
  SubmitBar,
  TextArea,
  TextInput,
  elderClass,
  useApi,
  useElder,
  usePhotos,
} from '../../components'
import { PickerRow } from '../../components/PickerRow'
import { VoiceInput } from '../../components/VoiceInput'
import './index.scss'

const DAY = 86_400_000

/** The time rule's refusals (core/claim-input, which claims.submit applies too), in the form's words. */
const TIME_WORDS: Record<ClaimTimeProblem, string> = {
  future: '时间不能晚于现在，请改成做这件事的时间',
  too_old: `只能申报最近 ${MAX_CLAIM_AGE_DAYS} 天内做的事`,
}

/** 填写申报: opened from the catalogue with ?ruleId=. Loads the item and who I am, then the form. */
export default function ClaimFormPage() {
  const params = useRouter().params
  const ruleId = params.ruleId ?? ''
  // 代申报: a head or grid worker files for a resident of their courtyard / grid (?onBehalfOf=<residentId>&forName=).
  const forResident = params.onBehalfOf ? { id: decodeURIComponent(params.onBehalfOf), name: decodeURIComponent(params.forName ?? '') } : null
  const { state, reload } = useApi(() => Promise.all([api.rules.list({}, quietUnknown), api.user.me({}, quietUnknown)]), [ruleId])

  return (
    <Loaded state={state} reload={reload}>
      {([{ categories }, me]) => {
        const found = findRule(categories, ruleId)
        if (!found) {
          return (
            <View className='sz-page'>
              <PageState kind='empty' title='没有找到这一项' description='它可能已经停用了。请回到积分细则，重新选一项。' testId='claim-form-no-rule'>
                <Button className='sz-button' type='primary' size='large' block onClick={() => void Taro.switchTab({ url: ROUTES.claimTab })}>
                  回到积分细则
                </Button>
              </PageState>
            </View>
          )
        }
        if (forResident && !me.roles.some((r) => r.role === 'head' || r.role === 'grid')) {
          return (
            <View className='sz-page'>
              <PageState kind='empty' title='只有院长和网格员可以代申报' description='请让居民自己申报，或联系院长。' testId='claim-form-not-proxy' />
            </View>
          )
        }
        if (!forResident && !me.residentId) {
          // A 院长 or 网格员 without a resident profile files for residents: 代居民申报 is one tap away, not a dead end.
          const reviewer = me.roles.some((r) => r.role === 'head' || r.role === 'grid')
          return (
            <View className='sz-page'>
              <PageState
                kind='empty'
                title='只有居民可以申报积分'
                description={reviewer ? '您在社区里没有居民身份。要为居民申报，请点“代居民申报”。' : '您在社区里没有居民身份。如需代居民申报，请联系社区。'}
                testId='claim-form-not-resident'
              >
                {reviewer ? (
                  <Button className='sz-button' type='primary' size='large' block data-testid='claim-form-to-proxy' onClick={() => void Taro.redirectTo({ url: ROUTES.proxyClaim })}>
                    代居民申报
                  </Button>
                ) : null}
              </PageState>
            </View>
          )
        }
        return <ClaimForm rule={found.item} category={found.category} me={me} forResident={forResident} />
      }}
    </Loaded>
  )
}

function findRule(categories: RuleCategory[], ruleId: string): { item: RuleItem; category: RuleCategory } | null {
  for (const category of categories) {
    const item = category.items.find((i) => i.id === ruleId)
    if (item) return { item, category }
  }
  return null
}

type Problems = Partial<Record<'time' | 'place' | 'description' | 'photos', string>>

/** What the fields hold, as the schema checks them. */
interface Values {
  date: string
  time: string
  place: string
  description: string
}

interface ClaimFormProps {
  rule: RuleItem
  category: RuleCategory
  me: Me
  /** 代申报: the resident this claim is for. Photos still go to my own folder (`evidence/<my openid>/`). */
  forResident: { id: string; name: string } | null
}

function ClaimForm({ rule, category, me, forResident }: ClaimFormProps) {
  const [openedAt] = useState(() => new Date())
  const [date, setDate] = useState(() => pickerDate(openedAt))
  const [time, setTime] = useState(() => pickerTime(openedAt))
  const [place, setPlace] = useState(me.courtyardName ?? '')
  const [description, setDescription] = useState('')
  const [problems, setProblems] = useState<Problems>({})
  const [failure, setFailure] = useState<string | null>(null)
  const [submitting, setSubmitting] = useState(false)
  // Whether 提交 was pressed: only then does the button also count the fields left red (each field says its own at once).
  const [tried, setTried] = useState(false)
  // Each upload is asked at once whether this community has the photo on a claim already: the warning stands under it.
  const photos = usePhotos(me.openid, [], { check: (fileID) => api.claims.checkPhoto({ fileID }, { silent: true }) })
  // One per form: a retry after a lost answer files the same claim, never a second one.
  const requestId = useRef(newRequestId('claim'))
  // The fields that have shown an error: from then on they are checked again as they change.
  const erred = useRef(new Set<keyof Problems>())

  // A field fixed is a problem gone: its red line leaves as the resident types.
  const fixed = (key: keyof Problems) => setProblems((p) => (p[key] ? { ...p, [key]: undefined } : p))
  /** Says at once what is wrong with one field (or that nothing is), by the same schema as the submit. */
  const recheck = (key: keyof Problems, values: Values) => {
    const problem = problemsOf(values)[key]
    if (problem) erred.current.add(key)
    setProblems((p) => (p[key] === problem ? p : { ...p, [key]: problem }))
  }
  const values: Values = { date, time, place, description }
  // 长辈模式: larger, and 说话输入 fills 做了什么 where the phone can turn speech into text.
  const elder = useElder()
  // A field left is checked; one that has shown an error is checked again at each change, else its red line just leaves.
  const left = (key: 'place' | 'description') => () => recheck(key, values)
  const typed = (set: (value: string) => void, key: 'place' | 'description') => (value: string) => {
    set(value)
    if (erred.current.has(key)) recheck(key, { ...values, [key]: value })
    else fixed(key)
  }
  const picked = (next: Partial<Values>) => recheck('time', { ...values, ...next })
  const photoCount = photos.fileIDs.length + photos.failed
  useEffect(() => fixed('photos'), [photoCount])

  const today = pickerDate(new Date())
  const earliest = pickerDate(new Date(Date.now() - MAX_CLAIM_AGE_DAYS * DAY))
  const labels = ruleLabels(rule)

  /** The claim as claims.submit takes it, checked with its own schema and time rule; or the problems, field by field. */
  function check(v: Values = values): { input: ReturnType<typeof submitInput.parse> } | { problems: Problems } {
    const { date, time, place, description } = v
    const occurredAt = beijingIso(date, time)
    const parsed = submitInput.safeParse({
      ruleId: rule.id,
      occurredAt,
      place,
      description,
      photos: photos.fileIDs,
      requestId: requestId.current,
      ...(forResident ? { onBehalfOf: forResident.id } : {}),
    })
    const issues = parsed.success ? {} : problemsByField(parsed.error.issues, CLAIM_FORM_WORDS)
    const late = claimTimeProblem(new Date(occurredAt), new Date())
    const found: Problems = {
      time: issues.occurredAt ?? (late ? TIME_WORDS[late] : undefined),
      place: issues.place,
      description: issues.description,
      photos:
        photos.failed > 0
          ? `有 ${photos.failed} 张照片没有传上去：点这张照片重试，或点 × 删掉它`
          : rule.photosRequired && photos.fileIDs.length === 0
            ? '这一项需要照片，请至少拍一张'
            : issues.photos,
    }
    return parsed.success && !Object.values(found).some(Boolean) ? { input: parsed.data } : { problems: found }
  }
  function problemsOf(v: Values): Problems {
    const checked = check(v)
    return 'problems' in checked ? checked.problems : {}
  }

  const submit = async () => {
    if (submitting || photos.uploading) return
    const checked = check()
    const found = 'problems' in checked ? checked.problems : {}
    setProblems(found)
    const keys = (Object.keys(found) as (keyof Problems)[]).filter((k) => found[k])
    keys.forEach((k) => erred.current.add(k))
    setTried(true)
    if (!('input' in checked)) {
      // Each field says what it lacks in red; take the resident to the first one, and say so by the button too.
      setFailure(keys.length > 0 ? null : '填写的内容有误，请检查后再试')
      if (keys.length > 0) Taro.pageScrollTo({ selector: `#claim-field-${keys[0]}`, offsetTop: -16, duration: 300 }).catch(() => undefined)
      return
    }
    // weapp: may WeChat tell me the decision? Asked from this tap; never stops the claim.
    await askClaimNotifications()
    setSubmitting(true)
    setFailure(null)
    try {
      const { claim } = await api.claims.submit(checked.input)
      void Taro.redirectTo({ url: ROUTES.claimDetail(claim.id, true) })
    } catch (e) {
      setSubmitting(false)
      setFailure(e instanceof ApiError ? e.message : '没有提交成功，请再试一次')
    }
  }

  return (
    <View className={`sz-page sz-claim-form ${elderClass(elder)}`}>
      {forResident ? (
        <View className='sz-alert sz-alert--success' data-testid='claim-form-proxy'>
          <Text className='sz-alert__title'>为 {forResident.name} 代申报</Text>
          <Text className='sz-alert__line'>积分记给 {forResident.name}，申报上会写明由您（{me.name}）代为申报。</Text>
        </View>
      ) : null}
      <View className='sz-card sz-claim-form__rule' data-testid='claim-form-rule'>
        <View className='sz-claim-form__rule-main'>
          <Text className='sz-claim-form__category'>{category.name}</Text>
          <Text className='sz-claim-form__rule-name' data-testid='claim-form-rule-name'>
            {rule.name}
          </Text>
          {labels.length > 0 ? (
            <View className='sz-claim-form__labels'>
              {labels.map((l) => (
                <Text key={l} className='sz-claim-form__label'>
                  {l}
                </Text>
              ))}
            </View>
          ) : null}
        </View>
        <Text className='sz-claim-form__points' data-testid='claim-form-points'>
          {pointsLabel(rule.points)}
        </Text>
      </View>

      <Field label='什么时候做的' error={problems.time} hint={`只能申报最近 ${MAX_CLAIM_AGE_DAYS} 天内做的事，不能选以后的时间。`} id='claim-field-time' testId='claim-field-time'>
        <Picker mode='date' value={date} start={earliest} end={today} onChange={(e) => {
            setDate(String(e.detail.value))
            picked({ date: String(e.detail.value) })
          }}>
          <PickerRow label='日期' testId='claim-date'>
            {formatDate(beijingIso(date, '12:00'))}
            {date === today ? '（今天）' : ''}
          </PickerRow>
        </Picker>
        <View className='sz-picker-gap' />
        <Picker mode='time' value={time} end={date === today ? pickerTime(new Date()) : undefined} onChange={(e) => {
            setTime(String(e.detail.value))
            picked({ time: String(e.detail.value) })
          }}>
          <PickerRow label='时间' testId='claim-time'>
            {time}
          </PickerRow>
        </Picker>
      </Field>

      <Field label='在哪里做的' error={problems.place} id='claim-field-place' testId='claim-field-place'>
        <TextInput testId='claim-place' value={place} maxlength={60} placeholder='例如：1排3号院门口' onInput={typed(setPlace, 'place')} onBlur={left('place')} />
      </Field>

      <Field label='做了什么' error={problems.description} counter={{ text: description, max: 500 }} id='claim-field-description' testId='claim-field-description'>
        <TextArea testId='claim-description' value={description} maxlength={500} placeholder='例如：清扫了院子和门前的落叶' onInput={typed(setDescription, 'description')} onBlur={left('description')} />
        {elder ? <VoiceInput testId='claim-voice-input' onText={(said) => typed(setDescription, 'description')(`${description}${said}`.slice(0, 500))} /> : null}
      </Field>

      <Field
        label='照片'
        required={rule.photosRequired ? '必须，至少 1 张' : undefined}
        optional={rule.photosRequired ? undefined : '可以不拍'}
        error={problems.photos}
        hint={`最多 ${MAX_PHOTOS} 张。拍清楚做的事和地点；点照片可以放大看。`}
        id='claim-field-photos'
        testId='claim-field-photos'
      >
        <PhotoPicker photos={photos} warningOf={usedBefore} />
      </Field>

      {/* What stops the claim, by the button: a refusal from the server, or how many fields still show red. */}
      <SubmitBar tall label='提交申报' busy={submitting} busyLabel='正在提交' uploading={photos.uploading} onSubmit={() => void submit()} testId='claim-submit'
        error={failure} unfixed={tried ? Object.values(problems).filter(Boolean).length : 0} errorTitle='还没有提交' errorTestId='claim-submit-error'
        after={forResident ? '代申报的不能由您自己审核：提交后由其他审核人员审核。' : `提交后${GLOSSARY.headStep}、${GLOSSARY.gridStep}，通过后积分记上，${GLOSSARY.pending}。`} />
      <View className='sz-bottom-space' />
    </View>
  )
}
