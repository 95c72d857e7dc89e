import { useRef, useState, type ReactNode } from 'react'
import { View, Text, Picker } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { OFFER_KINDS, OFFER_KIND_NAMES, type OfferKind } from '@core/shop'
import { saveOfferInput } from '@core/shop.schema'
import type { Me } from '@core/user'
import { ApiError, api, newRequestId, type Merchant, type Offer } from '../../api'
import { Field, Loaded, PageState, goToFirstProblem, ROUTES, SubmitBar, TextArea, TextInput, beijingIso, formatDate, pickerDate, quietUnknown, useApi } from '../../components'
import { OfferStatusChip } from '../../components/OfferStatusChip'
import { PickerRow } from '../../components/PickerRow'
import './index.scss'

type FieldKey = 'merchantId' | 'title' | 'kind' | 'points' | 'stock' | 'perResidentLimit' | 'validUntil' | 'minAge' | 'description'
type Problems = Partial<Record<FieldKey, string>>

/** Top to bottom, as on the form: the page scrolls to the first one that is wrong. */
const FIELD_ORDER: FieldKey[] = ['merchantId', 'kind', 'title', 'points', 'stock', 'perResidentLimit', 'validUntil', 'minAge', 'description']

/** When zod's own words are not Chinese (a number that is not a whole number, say), these are. */
const PLAIN: Record<FieldKey, string> = {
  merchantId: '请选择商家',
  title: '名称写 2 到 30 个字',
  kind: '请选择类型',
  points: '积分写大于 0 的数字，最多一位小数',
  stock: '库存写 0 到 100000 的整数',
  perResidentLimit: '每人限兑写 1 到 100 的整数',
  validUntil: '请选择最后一天',
  minAge: '年龄写 1 到 120 的整数',
  description: '说明不超过 200 个字',
}

interface Issue {
  path: (string | number)[]
  message: string
}

/** Zod issues (ours or the server's) as one problem per field, in Chinese. */
function fieldProblems(issues: Issue[]): Problems {
  const found: Problems = {}
  for (const issue of issues) {
    const path = issue.path ?? []
    const key = (path[0] === 'eligibility' ? (path[1] === 'maxAge' ? 'minAge' : path[1]) : path[0]) as FieldKey
    if (!(key in PLAIN) || found[key]) continue
    found[key] = /[\u4e00-\u9fff]/.test(issue.message ?? '') ? issue.message : PLAIN[key]
  }
  return found
}

const KIND_HINTS: Record<OfferKind, string> = { goods: '例如：洗衣粉一袋', coupon: '例如：9折券', service: '例如：爱心义剪' }

const DAY = 86_400_000
const isAdmin = (me: Me) => me.roles.some((r) => r.role === 'admin')

interface Needed {
  me: Me
  offer: Offer | null
  merchants: Merchant[]
}

/**
 * 发布 / 修改商品: a clerk's own offers (they wait for the office's approval), or the office's for any merchant (on sale
 * at once). `?id=` changes an existing one. Checked with the shared `saveOfferInput` before sending; each field says
 * what is wrong in Chinese next to it.
 */
export default function OfferEditPage() {
  const id = useRouter().params.id
  const { state, reload } = useApi<Needed>(async () => {
    const me = await api.user.me({}, quietUnknown)
    const [offer, merchants] = await Promise.all([
      id ? api.shop.offer({ offerId: decodeURIComponent(id) }, quietUnknown).then((d) => d.offer) : Promise.resolve(null),
      isAdmin(me) ? api.shop.merchants({}, quietUnknown).then((d) => d.items) : Promise.resolve([]),
    ])
    return { me, offer, merchants }
  }, [id])

  return (
    <Loaded
      state={state}
      reload={reload}
      refusals={{ NOT_FOUND: <PageState kind='empty' title='没有找到这件商品' description='它可能已经删除了。' testId='offer-edit-not-found' /> }}
    >
      {({ me, offer, merchants }) => {
        if (!isAdmin(me) && !me.merchantId)
          return (
            <View className='sz-page'>
              <PageState kind='empty' title='只有商家店员和社区工作小组可以发布商品' testId='offer-edit-forbidden' />
            </View>
          )
        if (isAdmin(me) && merchants.length === 0)
          return (
            <View className='sz-page'>
              <PageState kind='empty' title='还没有商家' description='请先在“商居联盟”里添加商家，再给它发布商品。' testId='offer-edit-no-merchant'>
                <Button className='sz-button' type='primary' size='large' block onClick={() => void Taro.redirectTo({ url: ROUTES.adminMerchants })}>
                  去添加商家
                </Button>
              </PageState>
            </View>
          )
        return <OfferForm admin={isAdmin(me)} offer={offer} merchants={merchants.filter((m) => m.status === 'active' || m.id === offer?.merchantId)} />
      }}
    </Loaded>
  )
}

function OfferForm({ admin, offer, merchants }: { admin: boolean; offer: Offer | null; merchants: Merchant[] }) {
  const today = pickerDate(new Date())
  const [merchantId, setMerchantId] = useState<string | null>(offer?.merchantId ?? (merchants.length === 1 ? merchants[0].id : null))
  const [title, setTitle] = useState(offer?.title ?? '')
  const [description, setDescription] = useState(offer?.description ?? '')
  const [kind, setKind] = useState<OfferKind>(offer?.kind ?? 'goods')
  const [points, setPoints] = useState(offer ? String(offer.points) : '')
  const [stock, setStock] = useState(offer ? String(offer.stock) : '')
  const [limit, setLimit] = useState(offer ? String(offer.perResidentLimit) : '1')
  // Three months from today unless the offer says otherwise.
  const [validUntil, setValidUntil] = useState(offer ? pickerDate(offer.validUntil) : pickerDate(Date.now() + 90 * DAY))
  const [minAge, setMinAge] = useState(offer?.eligibility?.minAge ? String(offer.eligibility.minAge) : '')
  const [perHousehold, setPerHousehold] = useState(offer?.eligibility?.perHousehold ?? false)
  const [problems, setProblems] = useState<Problems>({})
  const [failure, setFailure] = useState<string | null>(null)
  const [sending, setSending] = useState(false)
  // One per form: a retried create makes one offer.
  const requestId = useRef(newRequestId('offer'))

  const fixed = (key: FieldKey) => {
    setProblems((p) => (p[key] ? { ...p, [key]: undefined } : p))
    setFailure(null)
  }
  /** What typing into a field does: keep the text, and take its red words away. */
  const typed = (set: (value: string) => void, key: FieldKey) => (value: string) => {
    set(value)
    fixed(key)
  }

  /** The form as the API's input, checked by the same schema the server uses; or the problems, field by field. */
  const check = (): { input: ReturnType<typeof saveOfferInput.parse> } | { problems: Problems } => {
    const found: Problems = {}
    const number = (text: string) => (text.trim() === '' ? NaN : Number(text.trim()))
    if (title.trim() === '') found.title = '请填写商品名称'
    if (points.trim() === '') found.points = '请填写兑换要用多少积分'
    if (stock.trim() === '') found.stock = '请填写有多少件（库存）'
    if (limit.trim() === '') found.perResidentLimit = '请填写每人最多兑几次'
    if (validUntil < today) found.validUntil = '最后一天不能早于今天'
    if (admin && !merchantId) found.merchantId = '请选择是哪家商家的商品'
    const age = minAge.trim() === '' ? undefined : number(minAge)
    const eligibility = { ...(age !== undefined ? { minAge: age } : {}), ...(perHousehold ? { perHousehold: true } : {}) }
    const result = saveOfferInput.safeParse({
      ...(offer ? { id: offer.id } : { requestId: requestId.current }),
      title: title.trim(),
      ...(description.trim() ? { description: description.trim() } : {}),
      kind,
      points: number(points),
      stock: number(stock),
      perResidentLimit: number(limit),
      ...(offer?.validFrom ? { validFrom: offer.validFrom } : {}),
      validUntil: beijingIso(validUntil, '23:59'),
      eligibility,
      ...(admin && merchantId ? { merchantId } : {}),
    })
    if (!result.success) Object.assign(found, { ...fieldProblems(result.error.issues), ...found })
    if (Object.values(found).some(Boolean) || !result.success) return { problems: found }
    return { input: result.data }
  }

  const save = async () => {
    if (sending) return
    const checked = check()
    if ('problems' in checked) {
      setProblems(checked.problems)
      if (Object.keys(checked.problems).length === 0) setFailure('填写的内容有误，请检查后再试')
      goToFirstProblem(checked.problems, FIELD_ORDER, 'offer-field')
      return
    }
    setProblems({})
    setFailure(null)
    setSending(true)
    try {
      const { offer: saved } = await api.shop.saveOffer(checked.input, { silent: true })
      void Taro.showToast({ title: saved.status === 'active' ? '已上架' : '已提交，等社区审核', icon: 'none', duration: 2000 })
      if (Taro.getCurrentPages().length > 1) void Taro.navigateBack()
      else void Taro.redirectTo({ url: admin ? ROUTES.adminOffers : ROUTES.merchantOffers })
    } catch (e) {
      const error = e instanceof ApiError ? e : new ApiError('INTERNAL')
      // The server checks with the same schema (and a little more): its issues go next to their fields too.
      const issues = (error.details as { issues?: unknown } | undefined)?.issues
      const fromServer = Array.isArray(issues) ? fieldProblems(issues as Issue[]) : {}
      setProblems(fromServer)
      setFailure(Object.keys(fromServer).length > 0 ? null : error.message)
      setSending(false)
    }
  }

  /** A field's place on the page (the scroll goes to `#offer-field-<key>`) and its problem. */
  const at = (key: FieldKey) => ({ id: `offer-field-${key}`, testId: `offer-field-${key}`, error: problems[key] })

  return (
    <View className='sz-page sz-offer-edit' data-testid='offer-form'>
      <View className={`sz-alert ${admin ? 'sz-alert--success' : 'sz-alert--warning'}`} data-testid='offer-form-note'>
        <Text className='sz-alert__title'>{offer ? '修改商品' : '发布新商品'}</Text>
        <Text className='sz-alert__line'>
          {admin
            ? '社区工作小组发布的商品立即上架，居民马上可以兑换。'
            : offer?.status === 'active'
              ? '修改后要由社区工作小组重新审核，审核通过前居民暂时不能兑换。'
              : '提交后由社区工作小组审核，审核通过后居民才能兑换。'}
        </Text>
        {offer ? (
          <View className='sz-offer-edit__status'>
            <Text className='sz-alert__line'>现在：</Text>
            <OfferStatusChip status={offer.status} />
          </View>
        ) : null}
      </View>

      {admin ? (
        <Field {...at('merchantId')} label='哪家商家'>
          <View className='sz-offer-edit__chips'>
            {merchants.map((m) => (
              <Chip
                key={m.id}
                on={m.id === merchantId}
                testId={`offer-merchant-${m.id}`}
                onTap={() => {
                  setMerchantId(m.id)
                  fixed('merchantId')
                }}
              >
                {m.name}
              </Chip>
            ))}
          </View>
        </Field>
      ) : null}

      <Field {...at('kind')} label='类型'>
        <View className='sz-offer-edit__chips sz-offer-edit__chips--row'>
          {OFFER_KINDS.map((k) => (
            <Chip
              key={k}
              on={k === kind}
              testId={`offer-kind-${k}`}
              onTap={() => {
                setKind(k)
                fixed('kind')
              }}
            >
              {OFFER_KIND_NAMES[k]}
            </Chip>
          ))}
        </View>
      </Field>

      <Field {...at('title')} label='名称' hint='居民在积分超市里看到的名字，2 到 30 个字。'>
        <TextInput testId='offer-title' value={title} maxlength={30} placeholder={KIND_HINTS[kind]} onInput={typed(setTitle, 'title')} />
      </Field>

      <Field {...at('points')} label='兑换要用多少积分' hint='最多一位小数，例如 10 或 2.5。'>
        <TextInput testId='offer-points' type='digit' value={points} maxlength={7} placeholder='例如：10' onInput={typed(setPoints, 'points')} />
      </Field>

      <Field {...at('stock')} label='库存（有多少件）' hint={admin ? '兑完即止；以后可以在这里加库存。' : '兑完即止；以后可以在这里加库存（修改后要重新审核）。'}>
        <TextInput testId='offer-stock' type='number' value={stock} maxlength={6} placeholder='例如：50' onInput={typed(setStock, 'stock')} />
      </Field>

      <Field {...at('perResidentLimit')} label={perHousehold ? '每户最多兑几次' : '每人最多兑几次'}>
        <TextInput testId='offer-limit' type='number' value={limit} maxlength={3} onInput={typed(setLimit, 'perResidentLimit')} />
        <View className='sz-offer-edit__chips sz-offer-edit__chips--row sz-offer-edit__chips--below'>
          <Chip on={!perHousehold} testId='offer-per-person' onTap={() => setPerHousehold(false)}>
            每人限兑
          </Chip>
          <Chip on={perHousehold} testId='offer-per-household' onTap={() => setPerHousehold(true)}>
            每户限兑
          </Chip>
        </View>
      </Field>

      <Field {...at('validUntil')} label='兑换截止到哪一天'>
        <Picker
          mode='date'
          value={validUntil}
          start={today}
          onChange={(e) => {
            setValidUntil(String(e.detail.value))
            fixed('validUntil')
          }}
        >
          <PickerRow label='截止' testId='offer-valid-until'>
            {formatDate(beijingIso(validUntil, '12:00'))}
          </PickerRow>
        </Picker>
      </Field>

      <Field {...at('minAge')} label='年龄要求' optional='可以不填' hint='例如爱心义剪填 70：70 岁及以上的居民才能兑换。'>
        <TextInput testId='offer-min-age' type='number' value={minAge} maxlength={3} placeholder='不限年龄' onInput={typed(setMinAge, 'minAge')} />
      </Field>

      <Field {...at('description')} label='说明' optional='可以不填'>
        <TextArea testId='offer-description' value={description} maxlength={200} placeholder='例如：500 克装，到店领取' onInput={typed(setDescription, 'description')} />
      </Field>

      <SubmitBar label={admin ? (offer ? '保存' : '上架') : offer ? '保存并提交审核' : '提交审核'} busy={sending} onSubmit={() => void save()} testId='offer-submit'
        error={failure} unfixed={Object.values(problems).filter(Boolean).length} errorTitle='还没有保存' errorTestId='offer-form-error' />
      <View className='sz-bottom-space' />
    </View>
  )
}

function Chip({ on, testId, onTap, children }: { on: boolean; testId: string; onTap: () => void; children: ReactNode }) {
  return (
    <View className={`sz-offer-edit__chip ${on ? 'sz-offer-edit__chip--on' : ''}`} data-testid={testId} data-on={on ? 'true' : 'false'} onClick={onTap}>
      {children}
    </View>
  )
}
