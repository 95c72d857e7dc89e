import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import { usePullDownRefresh } from '@tarojs/taro'
import { formatPoints } from '@core/points'
import { OFFER_KIND_NAMES, OFFER_KINDS, describeEligibility, type Offer, type OfferKind } from '@core/shop'
import type { Me } from '@core/user'
import { api } from '../../api'
import { Loaded, PageState, ROUTES, Tabs, formatDate, open, quietUnknown, useApi, useReshow, elderClass, useElder, usePullDownReload } from '../../components'
import { SuspensionNotice } from '../index/SuspensionNotice'
import './index.scss'

type Kind = 'all' | OfferKind

const KIND_TABS: readonly { key: Kind; title: string }[] = [{ key: 'all', title: '全部' }, ...OFFER_KINDS.map((k) => ({ key: k, title: OFFER_KIND_NAMES[k] }))]

/** What is still there first; the sold-out ones stay in the list (a resident may look for them) but at its end. */
const inStockFirst = (a: Offer, b: Offer) => Number(a.stock === 0) - Number(b.stock === 0)

/**
 * 兑换: the 积分超市 — my spendable points in large type, then every offer of the community (goods, merchant coupons,
 * services) with its points, stock, conditions and date in plain view; a tap opens it to exchange. 我的兑换券 at the top.
 */
export default function Shop() {
  const { state, reload } = useApi(() => Promise.all([api.user.me({}, quietUnknown), api.shop.offers({}, quietUnknown)]))

  // Back from an exchange or a voucher: fresh stock.
  useReshow(() => void reload())
  usePullDownReload(reload)

  return <Loaded state={state} reload={reload}>{([me, { items }]) => <ShopBody me={me} offers={items} />}</Loaded>
}

function ShopBody({ me, offers }: { me: Me; offers: Offer[] }) {
  const elder = useElder()
  const [kind, setKind] = useState<Kind>('all')
  const resident = !!me.residentId
  const shown = offers.filter((o) => kind === 'all' || o.kind === kind).sort(inStockFirst)

  let list
  if (offers.length === 0)
    list = <PageState kind='empty' title='积分超市还没有可兑换的东西' description='社区和商家上架后会显示在这里，请过几天再来看看。' testId='shop-empty' />
  else if (shown.length === 0)
    list = <PageState kind='empty' title={`现在没有可兑换的${OFFER_KIND_NAMES[kind as OfferKind]}`} description='看看其他种类吧。' testId='shop-kind-empty' />
  else
    list = (
      <View data-testid='offer-list'>
        {shown.map((o) => (
          <ShopCard key={o.id} offer={o} onTap={() => open(ROUTES.offer(o.id))} />
        ))}
      </View>
    )

  return (
    <View className={`sz-page sz-shop ${elderClass(elder)}`}>
      {resident ? <BalanceHead noticeShown={!!me.suspendedUntil} /> : null}
      {me.suspendedUntil ? <SuspensionNotice until={me.suspendedUntil} reason={me.suspensionReason} listingId={me.suspendedBy} testId='shop-suspended' /> : null}
      {!resident ? (
        <View className='sz-alert sz-alert--warning' data-testid='shop-not-resident'>
          只有本社区的居民可以用积分兑换，您可以先看看有什么。
        </View>
      ) : null}
      <Tabs tabs={KIND_TABS} value={kind} onChange={setKind} testId='offer-kind' />
      {list}
      <View className='sz-bottom-space' />
    </View>
  )
}

/** 我的可用积分 in large type, with 我的兑换券 beside it: what I can spend, and what I already have. */
/** `noticeShown`: the page already says I am suspended (from user.me). */
function BalanceHead({ noticeShown }: { noticeShown: boolean }) {
  const balance = useApi(() => api.points.balance({}, quietUnknown))
  useReshow(() => void balance.reload())
  usePullDownRefresh(() => {
    void balance.reload()
  })

  let value
  if (balance.state.status === 'loading') value = <Text className='sz-shop__balance-note'>正在加载…</Text>
  else if (balance.state.status === 'error')
    value = (
      <Text className='sz-shop__balance-note' data-testid='shop-balance-error' onClick={() => void balance.reload()}>
        没有加载成功，点这里重试
      </Text>
    )
  else
    value = (
      <Text className='sz-shop__balance' data-testid='shop-balance'>
        {formatPoints(balance.state.data.available)}
      </Text>
    )

  // On the black list: the balance says until when (user.me may not), so the notice comes with it — once.
  const suspendedUntil = balance.state.status === 'ready' && !noticeShown ? balance.state.data.suspendedUntil : undefined
  return (
    <>
      <View className='sz-card sz-shop__head'>
        <View className='sz-shop__head-main'>
          <Text className='sz-shop__label'>我的可用积分</Text>
          {value}
        </View>
        <View className='sz-shop__vouchers' hoverClass='sz-shop__vouchers--hover' data-testid='shop-my-vouchers' onClick={() => open(ROUTES.myVouchers)}>
          <Text className='sz-shop__vouchers-title'>我的兑换券</Text>
          <Text className='sz-shop__vouchers-hint'>出示二维码 ›</Text>
        </View>
      </View>
      {suspendedUntil ? <SuspensionNotice until={suspendedUntil} testId='shop-suspended' /> : null}
    </>
  )
}

/** One offer as a card: what it is and who gives it, its points large, then how many are left, who may, and until when. */
function ShopCard({ offer: o, onTap }: { offer: Offer; onTap: () => void }) {
  const soldOut = o.stock <= 0
  return (
    <View
      className={`sz-card sz-shop-card ${soldOut ? 'sz-shop-card--sold-out' : ''}`}
      hoverClass='sz-shop-card--hover'
      data-testid='offer-card'
      data-offer-id={o.id}
      onClick={onTap}
    >
      <View className='sz-shop-card__top'>
        <View className='sz-shop-card__main'>
          <Text className='sz-shop-card__kind'>{OFFER_KIND_NAMES[o.kind]}</Text>
          <Text className='sz-shop-card__title' data-testid='offer-title'>
            {o.title}
          </Text>
          <Text className='sz-shop-card__merchant'>{o.merchantName}</Text>
        </View>
        <View className='sz-shop-card__price'>
          <Text className='sz-shop-card__points' data-testid='offer-points'>
            {formatPoints(o.points)}
          </Text>
          <Text className='sz-shop-card__unit'>积分</Text>
        </View>
      </View>
      <View className='sz-shop-card__facts'>
        <Text className={`sz-shop-card__stock ${soldOut ? 'sz-shop-card__stock--out' : ''}`} data-testid='offer-stock'>
          {soldOut ? '已兑完' : `还剩 ${o.stock} 份`}
        </Text>
        {describeEligibility(o.eligibility, o.perResidentLimit).map((line) => (
          <Text key={line} className='sz-shop-card__fact'>
            {line}
          </Text>
        ))}
        <Text className='sz-shop-card__fact'>{formatDate(o.validUntil)}前有效</Text>
      </View>
      <View className='sz-shop-card__more'>
        <Text>{soldOut ? '查看' : '去兑换'}</Text>
        <Text className='sz-arrow'>›</Text>
      </View>
    </View>
  )
}
