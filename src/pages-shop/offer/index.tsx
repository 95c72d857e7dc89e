import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { formatPoints, fromTenths, toTenths } from '@core/points'
import { OFFER_KIND_NAMES, describeEligibility } from '@core/shop'
import { GLOSSARY, pickupPlace, pointsShort } from '@core/glossary'
import { ApiError, api, newRequestId, type Balance, type OfferDetail } from '../../api'
import { Fact, Loaded, PageState, ROUTES, formatDate, openTab, quietUnknown, useApi, elderClass, useElder, usePullDownReload } from '../../components'
import { Sheet } from '../../components/Sheet'
import './index.scss'

/** Refusals that will not change by trying again: close the sheet and show the offer as it is now. */
const FINAL_REFUSALS = ['POINTS.INSUFFICIENT', 'SHOP.OUT_OF_STOCK', 'SHOP.LIMIT_REACHED', 'ACCOUNT.SUSPENDED', 'SHOP.NOT_ELIGIBLE', 'SHOP.OFFER_UNAVAILABLE', 'NOT_FOUND']

/**
 * 兑换 one offer: what it is, its points in large type, how many are left, who may, what I have used, and one big
 * 兑换 button. It asks once more in plain words (用 10 积分兑换「洗衣粉一袋」？兑换后积分剩 X 分) before it spends
 * anything, and lands on the new voucher's QR code. When I may not exchange it, the page says why instead.
 */
export default function OfferPage() {
  const offerId = useRouter().params.id ?? ''
  const { state, reload } = useApi(
    // The balance is only for the sentence "兑换后积分剩 X 分": a failure there must not hide the offer.
    () => Promise.all([api.shop.offer({ offerId }, quietUnknown), api.points.balance({}, { silent: true }).catch(() => null)]),
    [offerId],
  )
  usePullDownReload(reload)

  return (
    <Loaded
      state={state}
      reload={reload}
      refusals={{
        NOT_FOUND: <PageState kind='empty' title='没有找到这件兑换品' description='它可能已经下架了。回到“兑换”看看别的吧。' testId='offer-not-found' />,
      }}
    >
      {([detail, balance]) => <OfferView detail={detail} balance={balance} reload={reload} />}
    </Loaded>
  )
}

function OfferView({ detail, balance, reload }: { detail: OfferDetail; balance: Balance | null; reload: () => Promise<void> }) {
  const elder = useElder()
  const { offer: o, used, canExchange, reason } = detail
  // Where to pick it up, from the offer's merchant: its name and address.
  const place = pickupPlace(o.merchantName, detail.merchantAddress)
  const soldOut = o.stock <= 0
  // One requestId per confirmation: a retry after a lost answer (NETWORK.FAILED) sends the same one and never spends twice.
  const [requestId, setRequestId] = useState<string | null>(null)
  const [sending, setSending] = useState(false)
  const [refusal, setRefusal] = useState<string | null>(null)
  const [retryNote, setRetryNote] = useState<string | null>(null)

  const after = balance ? fromTenths(toTenths(balance.available) - toTenths(o.points)) : null
  const eligibility = describeEligibility(o.eligibility, o.perResidentLimit)
  const notYet = Date.parse(o.validFrom) > Date.now()
  // Too few points is not a dead end: how many are missing, and where to earn them.
  const short = balance ? pointsShort(o.points, balance.available) : null

  const ask = () => {
    setRefusal(null)
    setRetryNote(null)
    setRequestId(newRequestId('exchange'))
  }

  const confirm = async () => {
    if (!requestId || sending) return
    setSending(true)
    setRetryNote(null)
    try {
      const { voucher } = await api.shop.exchange({ offerId: o.id, requestId })
      // The voucher page replaces this one: 返回 goes back to the shop, not to an offer already exchanged.
      void Taro.redirectTo({ url: `${ROUTES.voucher(voucher.id)}&new=1` })
    } catch (e) {
      const error = e instanceof ApiError ? e : new ApiError('INTERNAL')
      if (FINAL_REFUSALS.includes(error.code)) {
        setRequestId(null)
        setRefusal(error.message)
        void reload()
      } else {
        // Maybe it went through and only the answer was lost: the same requestId again is safe.
        setRetryNote(`${error.message}。可以再点一次“确认兑换”，不会重复扣积分。`)
      }
    } finally {
      setSending(false)
    }
  }

  return (
    <View className={`sz-page sz-offer ${elderClass(elder)}`} data-testid='offer-detail'>
      <View className='sz-card'>
        <Text className='sz-offer__kind'>{OFFER_KIND_NAMES[o.kind]}</Text>
        <Text className='sz-offer__title' data-testid='offer-detail-title'>
          {o.title}
        </Text>
        <Text className='sz-offer__merchant' data-testid='offer-detail-place'>
          {place}
        </Text>
        {o.description ? <Text className='sz-offer__description'>{o.description}</Text> : null}
        <View className='sz-offer__price'>
          <Text className='sz-offer__points' data-testid='offer-detail-points'>
            {formatPoints(o.points)}
          </Text>
          <Text className='sz-offer__unit'>积分</Text>
        </View>
      </View>

      <View className='sz-card sz-offer__facts'>
        <Fact label='还剩' value={soldOut ? '已兑完' : `${o.stock} 份`} warn={soldOut} testId='offer-detail-stock' />
        <Fact label='条件' value={eligibility.join('，')} />
        <Fact label='我已兑换' value={`${used} 次`} testId='offer-detail-used' />
        <Fact label='有效期' value={notYet ? `${formatDate(o.validFrom)} 到 ${formatDate(o.validUntil)}` : `${formatDate(o.validUntil)}前有效`} />
        {balance ? <Fact label='我的积分' value={`${formatPoints(balance.available)} 分`} testId='offer-detail-balance' /> : null}
        <Fact label='在哪里领' value={place} testId='offer-detail-pickup' />
      </View>

      {refusal ? (
        <View className='sz-alert sz-alert--error' data-testid='exchange-refused'>
          <Text className='sz-alert__title'>没有兑换成功</Text>
          <Text className='sz-alert__line'>{refusal}</Text>
        </View>
      ) : null}

      {canExchange ? (
        <View className='sz-actions'>
          <Button className='sz-button sz-offer__button' type='primary' size='xlarge' block data-testid='exchange-button' onClick={ask}>
            用 {formatPoints(o.points)} 积分兑换
          </Button>
        </View>
      ) : refusal && refusal === reason ? null : (
        // After a refusal, the same words once (the refusal above says them).
        <View className='sz-alert sz-alert--warning' data-testid='offer-reason'>
          <Text className='sz-alert__title'>现在不能兑换</Text>
          <Text className='sz-alert__line'>{reason ?? (soldOut ? '已经兑完了。' : '暂时不能兑换。')}</Text>
        </View>
      )}

      {short && (!canExchange || refusal) ? (
        <View className='sz-card sz-offer__earn' data-testid='offer-earn'>
          <Text className='sz-offer__earn-title' data-testid='offer-points-short'>
            {short}
          </Text>
          <Text className='sz-offer__earn-line'>{`做了好事就申报：${GLOSSARY.headStep}、${GLOSSARY.gridStep}后积分记上，${GLOSSARY.pending}。`}</Text>
          <Button className='sz-button' type='primary' size='large' block data-testid='offer-earn-claim' onClick={() => openTab(ROUTES.claimTab)}>
            去申报，挣积分
          </Button>
        </View>
      ) : null}

      {canExchange ? (
        <View className='sz-card sz-offer__how'>
          <Text className='sz-offer__how-title'>怎么领取</Text>
          <Text className='sz-offer__how-line'>1. 点上面的按钮兑换，积分会马上扣除。</Text>
          <Text className='sz-offer__how-line'>2. 到 {place}，打开“我的兑换券”，把二维码给店员扫。</Text>
          <Text className='sz-offer__how-line'>3. 不想要了，没用之前可以退回，积分会退还。</Text>
        </View>
      ) : null}
      <View className='sz-bottom-space' />

      {requestId ? (
        <Sheet
          title={`用 ${formatPoints(o.points)} 积分兑换「${o.title}」？`}
          confirmText='确认兑换'
          cancelText='再想想'
          sending={sending}
          onCancel={() => !sending && setRequestId(null)}
          onConfirm={() => void confirm()}
          testId='exchange-sheet'
          cancelTestId='exchange-cancel'
          confirmTestId='exchange-confirm'
        >
          <View className='sz-sheet__body'>
            {after !== null ? (
              <Text className='sz-sheet__line' data-testid='exchange-after'>
                兑换后积分剩 <Text className='sz-offer__sheet-number'>{formatPoints(after)}</Text> 分
              </Text>
            ) : null}
            <Text className='sz-offer__sheet-hint'>到 {place} 出示二维码领取。</Text>
            {retryNote ? <Text className='sz-sheet__error'>{retryNote}</Text> : null}
          </View>
        </Sheet>
      ) : null}
    </View>
  )
}
