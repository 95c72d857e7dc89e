import { useEffect, useRef, useState } from 'react'
import { View, Text, Input, Textarea, Picker } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { MAX_CLAIM_AGE_DAYS, MAX_PHOTOS } from '@core/claim-input'
import type { Me } from '@core/user'
import { ApiError, api, askClaimNotifications, newRequestId, type RuleCategory, type RuleItem } from '../../api'
import {
  Loaded,
  PageState,
  PhotoPicker,
  ROUTES,
  beijingIso,
  formatDate,
  pickerDate,
  pickerTime,
  pointsLabel,
  quietUnknown,
  ruleLabels,
  useApi,
  usePhotos,
} from '../../components'
import { PickerRow } from '../../components/PickerRow'
import './index.scss'

const DAY = 86_400_000

/** 填写申报: opened from the catalogue with ?ruleId=. Loads the item and who I am, then the form. */
export default function ClaimFormPage() {
  const params = useRouter().params
  const ruleId = params.ruleId ?? ''
  // 代申报: a head or grid worker files for a resident of their courtyard / grid (?onBehalfOf=<residentId>&forName=).
  const forResident = params.onBehalfOf ? { id: decodeURIComponent(params.onBehalfOf), name: decodeURIComponent(params.forName ?? '') } : null
  const { state, reload } = useApi(() => Promise.all([api.rules.list({}, quietUnknown), api.user.me(quietUnknown)]), [ruleId])

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
          return (
            <View className='sz-page'>
              <PageState kind='empty' title='只有居民可以申报积分' description='您在社区里没有居民身份。如需代居民申报，请联系社区。' testId='claim-form-not-resident' />
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
  const photos = usePhotos(me.openid)
  // One per form: a retry after a lost answer files the same claim, never a second one.
  const requestId = useRef(newRequestId('claim'))

  // A field fixed is a problem gone: its red line leaves as the resident types.
  const fixed = (key: keyof Problems) => setProblems((p) => (p[key] ? { ...p, [key]: undefined } : p))
  const photoCount = photos.fileIDs.length + photos.failed
  useEffect(() => fixed('photos'), [photoCount])

  const today = pickerDate(new Date())
  const earliest = pickerDate(new Date(Date.now() - MAX_CLAIM_AGE_DAYS * DAY))
  const labels = ruleLabels(rule)

  const check = (): Problems => {
    const found: Problems = {}
    const at = new Date(beijingIso(date, time)).getTime()
    if (at > Date.now() + 60_000) found.time = '时间不能晚于现在，请改成做这件事的时间'
    else if (Date.now() - at > MAX_CLAIM_AGE_DAYS * DAY) found.time = `只能申报最近 ${MAX_CLAIM_AGE_DAYS} 天内做的事`
    if (place.trim().length < 2) found.place = '请写明地点，至少两个字'
    if (description.trim().length < 2) found.description = '请简单说明做了什么，至少两个字'
    if (photos.failed > 0) found.photos = `有 ${photos.failed} 张照片没有传上去：点这张照片重试，或点 × 删掉它`
    else if (rule.photosRequired && photos.fileIDs.length === 0) found.photos = '这一项需要照片，请至少拍一张'
    return found
  }

  const submit = async () => {
    if (submitting || photos.uploading) return
    const found = check()
    setProblems(found)
    const keys = (Object.keys(found) as (keyof Problems)[]).filter((k) => found[k])
    if (keys.length > 0) {
      // Each field says what it lacks in red; take the resident to the first one, and say so by the button too.
      setFailure(null)
      Taro.pageScrollTo({ selector: `#claim-field-${keys[0]}`, offsetTop: -16, duration: 300 }).catch(() => undefined)
      return
    }
    // weapp: may WeChat tell me the decision? Asked from this tap; never stops the claim.
    await askClaimNotifications()
    setSubmitting(true)
    setFailure(null)
    try {
      const { claim } = await api.claims.submit({
        ruleId: rule.id,
        occurredAt: beijingIso(date, time),
        place: place.trim(),
        description: description.trim(),
        photos: photos.fileIDs,
        requestId: requestId.current,
        ...(forResident ? { onBehalfOf: forResident.id } : {}),
      })
      void Taro.redirectTo({ url: ROUTES.claimDetail(claim.id, true) })
    } catch (e) {
      setSubmitting(false)
      setFailure(e instanceof ApiError ? e.message : '没有提交成功，请再试一次')
    }
  }

  const busy = submitting || photos.uploading
  // What stops the claim, by the button: a refusal from the server, or how many fields still show red.
  const open = Object.values(problems).filter(Boolean).length
  const stopped = failure ?? (open > 0 ? `有 ${open} 处没有填好，请看上面的红字` : null)
  return (
    <View className='sz-page sz-claim-form'>
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

      <View className={`sz-field ${problems.time ? 'sz-field--invalid' : ''}`} id='claim-field-time' data-testid='claim-field-time'>
        <Text className='sz-field__label'>什么时候做的</Text>
        <Picker mode='date' value={date} start={earliest} end={today} onChange={(e) => {
            setDate(String(e.detail.value))
            fixed('time')
          }}>
          <PickerRow label='日期' testId='claim-date'>
            {formatDate(beijingIso(date, '12:00'))}
            {date === today ? '（今天）' : ''}
          </PickerRow>
        </Picker>
        <View className='sz-picker-gap' />
        <Picker mode='time' value={time} end={date === today ? pickerTime(new Date()) : undefined} onChange={(e) => {
            setTime(String(e.detail.value))
            fixed('time')
          }}>
          <PickerRow label='时间' testId='claim-time'>
            {time}
          </PickerRow>
        </Picker>
        {problems.time ? (
          <Text className='sz-field__error'>{problems.time}</Text>
        ) : (
          <Text className='sz-field__hint'>只能申报最近 {MAX_CLAIM_AGE_DAYS} 天内做的事，不能选以后的时间。</Text>
        )}
      </View>

      <View className={`sz-field ${problems.place ? 'sz-field--invalid' : ''}`} id='claim-field-place' data-testid='claim-field-place'>
        <Text className='sz-field__label'>在哪里做的</Text>
        <Input
          className='sz-input'
          data-testid='claim-place'
          value={place}
          maxlength={60}
          placeholder='例如：1排3号院门口'
          onInput={(e) => {
            setPlace(e.detail.value)
            fixed('place')
          }}
        />
        {problems.place ? <Text className='sz-field__error'>{problems.place}</Text> : null}
      </View>

      <View className={`sz-field ${problems.description ? 'sz-field--invalid' : ''}`} id='claim-field-description' data-testid='claim-field-description'>
        <Text className='sz-field__label'>做了什么</Text>
        <Textarea
          className='sz-textarea'
          data-testid='claim-description'
          value={description}
          maxlength={500}
          placeholder='例如：清扫了院子和门前的落叶'
          onInput={(e) => {
            setDescription(e.detail.value)
            fixed('description')
          }}
        />
        {problems.description ? (
          <Text className='sz-field__error'>{problems.description}</Text>
        ) : (
          <Text className='sz-field__hint'>{description.trim().length} / 500 字</Text>
        )}
      </View>

      <View className={`sz-field ${problems.photos ? 'sz-field--invalid' : ''}`} id='claim-field-photos' data-testid='claim-field-photos'>
        <Text className='sz-field__label'>
          照片
          {rule.photosRequired ? <Text className='sz-field__required'>必须，至少 1 张</Text> : <Text className='sz-field__optional'>可以不拍</Text>}
        </Text>
        <PhotoPicker photos={photos} />
        {problems.photos ? (
          <Text className='sz-field__error'>{problems.photos}</Text>
        ) : (
          <Text className='sz-field__hint'>最多 {MAX_PHOTOS} 张。拍清楚做的事和地点；点照片可以放大看。</Text>
        )}
      </View>

      {stopped ? (
        <View className='sz-alert sz-alert--error' data-testid='claim-submit-error'>
          <Text className='sz-alert__title'>还没有提交</Text>
          <Text className='sz-alert__line'>{stopped}</Text>
        </View>
      ) : null}

      <View className='sz-actions'>
        <Button
          className='sz-button sz-claim-form__submit'
          type='primary'
          size='xlarge'
          block
          disabled={busy}
          loading={submitting}
          data-testid='claim-submit'
          onClick={() => void submit()}
        >
          {photos.uploading ? '照片上传中，请稍候' : submitting ? '正在提交' : '提交申报'}
        </Button>
      </View>
      <Text className='sz-claim-form__after'>
        {forResident ? '代申报的不能由您自己审核：提交后由其他审核人员审核。' : '提交后由院长初审、网格员审核，通过后积分到账。'}
      </Text>
      <View className='sz-bottom-space' />
    </View>
  )
}
