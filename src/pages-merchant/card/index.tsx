import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro, { useDidHide, useDidShow } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { PIN_ATTEMPTS, PIN_LOCK_MINUTES, formatCardNumber, isPin } from '@core/cards'
import { formatPoints } from '@core/points'
import { ApiError, api, newRequestId, type Offer, type Output, type Voucher } from '../../api'
import { Loaded, PageState, quietUnknown, useApi, type UseApi } from '../../components'
import { PinPad } from '../../components/PinPad'
import { CardReader } from '../../components/Scanner/CardReader'
import { takeCard } from '../../components/Scanner/held'
import './index.scss'

const h5 = process.env.TARO_ENV === 'h5'

type Holder = Output<'cards', 'lookup'>

/** Short titles of the refusals, read across the counter; the line under each is the server's own words. */
const REFUSAL_TITLES: Record<string, string> = {
  'CARD.PIN_WRONG': '密码不对',
  'CARD.LOCKED': '卡暂时锁住了',
  'CARD.INVALID': '不是有效的积分卡',
  'CARD.REVOKED': '这张卡已经作废',
  'POINTS.INSUFFICIENT': '积分不够',
  'SHOP.OUT_OF_STOCK': '已经换完了',
  'SHOP.LIMIT_REACHED': '已到兑换次数上限',
  'SHOP.NOT_ELIGIBLE': '不符合兑换条件',
  'SHOP.OFFER_UNAVAILABLE': '这件商品现在不能兑换',
  'ACCOUNT.SUSPENDED': '暂时不能兑换',
  'INPUT.INVALID': '还不能兑换',
  'AUTH.FORBIDDEN': '不能兑换',
}

/** Whose card it is not (another community's, a forged one) or no longer (作废): a new card is needed, not a retry. */
const DEAD_CARD = ['CARD.INVALID', 'CARD.REVOKED']

/**
 * 刷卡兑换 (商家店员, 工作小组): a resident without a phone shows their points card (read on 扫码核销, or here) and says
 * their PIN. The page shows whose card it is (the name masked), their courtyard and 可用积分 in large type; the clerk
 * picks one of the shop's own offers (the admin: any merchant's), the resident taps the 4 digits (dots only), 确认兑换
 * exchanges and hands over in one step. Every refusal is said in words, with “请先不要交货”.
 */
export default function CardExchangePage() {
  const { state, reload } = useApi(() => api.user.me({}, quietUnknown))
  return (
    <Loaded state={state} reload={reload}>
      {(me) => {
        const admin = me.roles.some((r) => r.role === 'admin')
        return me.merchantId || admin ? (
          <Counter admin={admin} />
        ) : (
          <View className='sz-page'>
            <PageState kind='empty' title='只有商家店员可以刷卡兑换' description='请社区工作小组在“商居联盟”里给您发店员邀请码。' testId='card-forbidden' />
          </View>
        )
      }}
    </Loaded>
  )
}

function Counter({ admin }: { admin: boolean }) {
  const [token, setToken] = useState<string | null>(takeCard)
  // The camera is on only while this page is on screen.
  const [shown, setShown] = useState(true)
  useDidShow(() => setShown(true))
  useDidHide(() => setShown(false))
  if (token) return <Exchange key={token} token={token} admin={admin} onNext={() => setToken(null)} />
  return (
    <View className='sz-page sz-counter' data-testid='card-page'>
      <Text className='sz-counter__intro'>请扫居民积分卡上的二维码{h5 ? '' : '，或把卡贴在手机背面“碰一碰读卡”'}。卡上的密码由居民本人输入或说出。</Text>
      <CardReader onToken={setToken} active={shown} cameraAtOnce testId='card-reader' />
    </View>
  )
}

type Outcome = { kind: 'done'; voucher: Voucher; available: number } | { kind: 'refused'; code: string; title: string; message: string }

function Exchange({ token, admin, onNext }: { token: string; admin: boolean; onNext: () => void }) {
  const holder = useApi(() => api.cards.lookup({ token }, { silent: true }), [token])
  const offers = useApi(async () => (await api.shop.offers(admin ? {} : { mine: true }, { silent: true })).items.filter((o) => o.status === 'active'))
  if (holder.state.status === 'loading') return <PageState kind='loading' testId='card-holder-loading' />
  if (holder.state.status === 'error') {
    const { code, message } = holder.state.error
    if (DEAD_CARD.includes(code))
      return (
        <View className='sz-page sz-counter' data-testid='card-page'>
          <Refused code={code} title={REFUSAL_TITLES[code]} message={message} />
          <NextButton onNext={onNext} label='扫另一张卡' />
        </View>
      )
    return (
      <View className='sz-page'>
        <PageState kind='error' description={message} onRetry={() => void holder.reload()} testId='card-holder-error' />
      </View>
    )
  }
  return <Form token={token} holder={holder.state.data} reloadHolder={holder.reload} offers={offers} admin={admin} onNext={onNext} />
}

interface FormProps {
  token: string
  holder: Holder
  reloadHolder: () => Promise<void>
  offers: UseApi<Offer[]>
  admin: boolean
  onNext: () => void
}

function Form({ token, holder, reloadHolder, offers, admin, onNext }: FormProps) {
  const [offerId, setOfferId] = useState<string | null>(null)
  const [pin, setPin] = useState('')
  const [problem, setProblem] = useState<string | null>(null)
  const [outcome, setOutcome] = useState<Outcome | null>(null)
  const [sending, setSending] = useState(false)
  // One request id per attempt screen: a retry after a lost answer exchanges once; new after a success.
  const [requestId, setRequestId] = useState(() => newRequestId('card'))
  const [available, setAvailable] = useState(holder.balance.available)
  const { resident, card } = holder

  const list = offers.state.status === 'ready' ? offers.state.data : []
  const offer = list.find((o) => o.id === offerId) ?? null

  const confirm = async () => {
    if (sending) return
    if (!offer) return setProblem('请先选居民要兑换的商品')
    if (!isPin(pin)) return setProblem(`请居民输入 4 位密码（现在是 ${pin.length} 位）`)
    setProblem(null)
    setOutcome(null)
    setSending(true)
    try {
      // Every refusal is shown on this page in large type: no toast on top of it.
      const answer = await api.shop.exchangeByCard({ token, pin, offerId: offer.id, requestId }, { silent: true })
      setOutcome({ kind: 'done', voucher: answer.voucher, available: answer.balance?.available ?? available })
      if (answer.balance) setAvailable(answer.balance.available)
      setRequestId(newRequestId('card'))
      setOfferId(null)
      void offers.reload()
      void Taro.pageScrollTo({ scrollTop: 0, duration: 0 })?.catch(() => undefined)
      if (!h5) void Taro.vibrateShort({ type: 'heavy' }).catch(() => undefined)
    } catch (e) {
      const error = e instanceof ApiError ? e : new ApiError('INTERNAL')
      setOutcome({ kind: 'refused', code: error.code, title: REFUSAL_TITLES[error.code] ?? '没有兑换成功', message: error.message })
      if (error.code === 'CARD.LOCKED') void reloadHolder()
    } finally {
      setPin('')
      setSending(false)
    }
  }

  if (outcome?.kind === 'done')
    return (
      <View className='sz-page sz-counter' data-testid='card-page'>
        <View className='sz-counter__panel sz-counter__panel--ok' data-testid='card-result'>
          <Text className='sz-counter__mark'>✓</Text>
          <Text className='sz-counter__panel-title'>已兑换，请把商品交给居民</Text>
          <Text className='sz-counter__handover' data-testid='card-handover'>
            {outcome.voucher.offerTitle}（{formatPoints(outcome.voucher.points)} 积分）交给 {resident.name}
          </Text>
          <Text className='sz-counter__panel-line' data-testid='card-result-balance'>
            {resident.name}现在可用积分：{formatPoints(outcome.available)} 分
          </Text>
          <Button className='sz-button sz-counter__panel-button' size='large' block data-testid='card-again' onClick={() => setOutcome(null)}>
            为这位居民再换一件
          </Button>
        </View>
        <NextButton onNext={onNext} label='下一位：扫下一张卡' />
      </View>
    )

  let stopped: string | null = null
  if (!card.hasPin) stopped = '这张卡还没有设密码，现在不能兑换。请居民带上卡，找院长或社区工作小组当面设密码。'
  else if (card.locked) stopped = `密码连续错了 ${PIN_ATTEMPTS} 次，这张卡锁住了，请 ${PIN_LOCK_MINUTES} 分钟后再试。没有兑换，请先不要交货。`

  return (
    <View className='sz-page sz-counter' data-testid='card-page'>
      <View className='sz-card sz-counter__holder' data-testid='card-holder'>
        <View className='sz-counter__holder-main'>
          <Text className='sz-counter__name' data-testid='card-holder-name'>
            {resident.name}
          </Text>
          <Text className='sz-counter__where'>{resident.courtyard}</Text>
          <Text className='sz-counter__where'>卡号 {formatCardNumber(card.number)}</Text>
        </View>
        <View className='sz-counter__balance'>
          <Text className='sz-counter__balance-label'>可用积分</Text>
          <Text className='sz-counter__balance-value' data-testid='card-available'>
            {formatPoints(available)}
          </Text>
        </View>
      </View>
      {holder.balance.pending > 0 ? <Text className='sz-counter__note'>另有 {formatPoints(holder.balance.pending)} 分要等公示期满后才能用。</Text> : null}

      {stopped ? (
        <View className='sz-alert sz-alert--warning' data-testid='card-stopped'>
          <Text className='sz-alert__title'>不能兑换</Text>
          <Text className='sz-alert__line'>{stopped}</Text>
        </View>
      ) : (
        <>
          <Text className='sz-section-title sz-counter__step'>1. 选要兑换的商品</Text>
          <Offers state={offers.state} reload={offers.reload} chosen={offerId} available={available} admin={admin} onChoose={(id) => (setOfferId(id), setProblem(null), setOutcome(null))} />

          <Text className='sz-section-title sz-counter__step'>2. 请居民输入密码</Text>
          <Text className='sz-counter__note'>4 位数字，只显示圆点。居民说出来时，请别人不要听。</Text>
          <View className='sz-counter__pad'>
            <PinPad value={pin} onChange={(v) => (setPin(v), setProblem(null), setOutcome(null))} disabled={sending} testId='card-pin' />
          </View>

          {/* Under the pad, where the eyes are when 确认兑换 was tapped. */}
          {outcome?.kind === 'refused' ? <Refused code={outcome.code} title={outcome.title} message={outcome.message} /> : null}
          {problem ? (
            <Text className='sz-counter__problem' data-testid='card-problem'>
              {problem}
            </Text>
          ) : null}
          <View className='sz-counter__confirm'>
            <Button className='sz-button sz-button--huge' type='primary' size='xlarge' block loading={sending} disabled={sending} data-testid='card-confirm' onClick={() => void confirm()}>
              {sending ? '正在兑换…' : offer ? `确认兑换：${offer.title}` : '确认兑换'}
            </Button>
            <Text className='sz-counter__note'>兑换会扣居民的积分，并记入核销记录。</Text>
          </View>
        </>
      )}
      <NextButton onNext={onNext} label='换一张卡' />
      <View className='sz-bottom-space' />
    </View>
  )
}

interface OffersProps {
  state: UseApi<Offer[]>['state']
  reload: () => Promise<void>
  chosen: string | null
  available: number
  admin: boolean
  onChoose: (id: string) => void
}

/** The offers to choose from: the shop's own (the admin: every merchant's, under each merchant's name). */
function Offers({ state, reload, chosen, available, admin, onChoose }: OffersProps) {
  if (state.status === 'loading') return <PageState kind='loading' testId='card-offers-loading' />
  if (state.status === 'error') return <PageState kind='error' description={state.error.message} onRetry={() => void reload()} testId='card-offers-error' />
  if (state.data.length === 0)
    return (
      <PageState
        kind='empty'
        title={admin ? '现在没有上架的商品' : '本店还没有上架的商品'}
        description={admin ? '商家的商品经审核上架后，才能在这里兑换。' : '请在“本店商品”里发布，社区审核通过后就能兑换。'}
        testId='card-offers-empty'
      />
    )
  const groups = new Map<string, Offer[]>()
  for (const o of state.data) groups.set(admin ? o.merchantName : '', [...(groups.get(admin ? o.merchantName : '') ?? []), o])
  return (
    <View data-testid='card-offers'>
      {[...groups].map(([merchant, items]) => (
        <View key={merchant} className='sz-list'>
          {merchant ? <Text className='sz-counter__merchant'>{merchant}</Text> : null}
          {items.map((o, i) => {
            const why = o.stock <= 0 ? '已换完' : o.points > available ? '积分不够' : null
            return (
              <View
                key={o.id}
                className={`sz-counter__offer ${i > 0 ? 'sz-counter__offer--divided' : ''} ${chosen === o.id ? 'sz-counter__offer--on' : ''} ${why ? 'sz-counter__offer--off' : ''}`}
                data-testid={`card-offer-${o.id}`}
                data-chosen={chosen === o.id ? 'true' : 'false'}
                onClick={() => (why ? undefined : onChoose(o.id))}
              >
                <Text className='sz-counter__tick'>{chosen === o.id ? '✓' : ''}</Text>
                <View className='sz-counter__offer-main'>
                  <Text className='sz-counter__offer-title'>{o.title}</Text>
                  <Text className='sz-counter__offer-meta'>
                    库存 {o.stock}
                    {why ? ` · ${why}` : ''}
                  </Text>
                </View>
                <Text className='sz-counter__offer-points'>{formatPoints(o.points)} 分</Text>
              </View>
            )
          })}
        </View>
      ))}
    </View>
  )
}

function Refused({ code, title, message }: { code: string; title: string; message: string }) {
  return (
    <View className='sz-counter__panel sz-counter__panel--refused' data-testid='card-error' data-code={code}>
      <Text className='sz-counter__mark'>!</Text>
      <Text className='sz-counter__panel-title'>{title}</Text>
      <Text className='sz-counter__handover'>{message}</Text>
      <Text className='sz-counter__panel-line'>没有兑换，请先不要交货。</Text>
    </View>
  )
}

function NextButton({ onNext, label }: { onNext: () => void; label: string }) {
  return (
    <View className='sz-counter__next'>
      <Button className='sz-button' size='large' block data-testid='card-next' onClick={onNext}>
        {label}
      </Button>
    </View>
  )
}
