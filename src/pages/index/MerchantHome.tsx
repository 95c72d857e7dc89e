import { View, Text } from '@tarojs/components'
import { usePullDownRefresh } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { formatPoints } from '@core/points'
import type { Me } from '@core/user'
import { api } from '../../api'
import { ROUTES, open, pickerDate, pickerTime, quietUnknown, useApi, useReshow } from '../../components'
import { OfferStatusChip } from '../../components/OfferStatusChip'
import { HomePart, Placeholder } from './HomePart'
import './merchant.scss'

/** An offer with this few left is shown in red: time to restock or tell the office. */
const LOW_STOCK = 5

/**
 * The clerk's part of 首页 (商家店员): one full-width 扫码核销 button, today's redemptions and their points, and the
 * shop's offers with what is left in stock. 核销记录 and 我的商品 one tap away.
 */
export function MerchantHome({ me }: { me: Me }) {
  const merchantName = me.roles.find((r) => r.role === 'merchant')?.nodeName ?? '本店'
  // Today in Beijing time, whatever the phone's zone; a new day after midnight on the next show.
  const day = pickerDate(new Date())
  const today = useApi(() => api.shop.redemptions({ day }, quietUnknown), [me.merchantId, day])
  const offers = useApi(() => api.shop.offers({ mine: true }, quietUnknown), [me.merchantId])

  // Back from scanning: fresh numbers. (This part mounts after the page's first show.)
  useReshow(() => void Promise.all([today.reload(), offers.reload()]))
  usePullDownRefresh(() => {
    void Promise.all([today.reload(), offers.reload()])
  })

  let summary
  if (today.state.status === 'loading') summary = <Text className='sz-merchant__today-line'>正在加载今天的核销…</Text>
  else if (today.state.status === 'error')
    summary = (
      <Text className='sz-merchant__today-line sz-merchant__today-line--error' data-testid='merchant-today-error' onClick={() => void today.reload()}>
        没有加载成功，点这里重试
      </Text>
    )
  else {
    const { items, total } = today.state.data
    summary = (
      <>
        <View className='sz-merchant__today-numbers'>
          <View className='sz-merchant__number'>
            <Text className='sz-merchant__number-value' data-testid='merchant-today-count'>
              {total.count}
            </Text>
            <Text className='sz-merchant__number-label'>张券</Text>
          </View>
          <View className='sz-merchant__number'>
            <Text className='sz-merchant__number-value' data-testid='merchant-today-points'>
              {formatPoints(total.points)}
            </Text>
            <Text className='sz-merchant__number-label'>积分</Text>
          </View>
        </View>
        {/* The last few, newest first: enough to check the one just handed over. */}
        {items.slice(0, 3).map((v) => (
          <View key={v.id} className='sz-merchant__recent' data-testid={`merchant-today-${v.id}`}>
            <Text className='sz-merchant__recent-time'>{v.redeemedAt ? pickerTime(v.redeemedAt) : ''}</Text>
            <Text className='sz-merchant__recent-what'>
              {v.offerTitle} · {v.residentName}
            </Text>
            <Text className='sz-merchant__recent-points'>{formatPoints(v.points)} 分</Text>
          </View>
        ))}
      </>
    )
  }

  return (
    <View className='sz-merchant' data-testid='merchant-home'>
      <View className='sz-actions sz-actions--top'>
        <Button className='sz-button sz-button--huge sz-merchant__scan' type='primary' size='xlarge' block data-testid='merchant-scan-button' onClick={() => open(ROUTES.merchantScan)}>
          扫码核销
        </Button>
      </View>
      <View className='sz-card sz-merchant__today' hoverClass='sz-merchant__today--hover' data-testid='merchant-today' onClick={() => open(ROUTES.merchantHistory)}>
        <View className='sz-merchant__today-head'>
          <Text className='sz-merchant__today-title'>{merchantName} · 今天核销</Text>
          <Text className='sz-arrow'>›</Text>
        </View>
        {summary}
      </View>
      <View className='sz-home__links'>
        <View className='sz-home__link' hoverClass='sz-home__link--hover' data-testid='merchant-history-link' onClick={() => open(ROUTES.merchantHistory)}>
          核销记录
        </View>
        <View className='sz-home__link' hoverClass='sz-home__link--hover' data-testid='merchant-offers-link' onClick={() => open(ROUTES.merchantOffers)}>
          我的商品
        </View>
      </View>
      <View className='sz-list-head'>
        <Text className='sz-list-head__title'>商品和库存</Text>
        <View className='sz-list-head__link' onClick={() => open(ROUTES.merchantOffers)}>
          管理
          <Text className='sz-arrow'>›</Text>
        </View>
      </View>
      <HomePart source={offers} loading='正在加载商品…' failed='商品没有加载成功，点这里重试'>
        {({ items }) =>
          items.length === 0 ? (
            <Placeholder testId='merchant-offers-empty'>还没有商品。点“我的商品”发布一件，社区审核后居民就能兑换。</Placeholder>
          ) : (
            <View className='sz-list' data-testid='merchant-offers'>
              {items.map((o, i) => (
                <View
                  key={o.id}
                  className={`sz-merchant__offer ${i > 0 ? 'sz-merchant__offer--divided' : ''}`}
                  hoverClass='sz-merchant__offer--hover'
                  data-testid={`merchant-offer-${o.id}`}
                  onClick={() => open(ROUTES.offerEdit(o.id))}
                >
                  <View className='sz-merchant__offer-main'>
                    <Text className='sz-merchant__offer-title'>{o.title}</Text>
                    <View className='sz-merchant__offer-meta'>
                      {o.status !== 'active' ? <OfferStatusChip status={o.status} className='sz-merchant__offer-status' /> : null}
                      <Text className='sz-merchant__offer-points'>{formatPoints(o.points)} 积分</Text>
                    </View>
                  </View>
                  <Text className={`sz-merchant__stock ${o.stock <= LOW_STOCK ? 'sz-merchant__stock--low' : ''}`} data-testid={`merchant-offer-stock-${o.id}`}>
                    库存 {o.stock}
                  </Text>
                </View>
              ))}
            </View>
          )
        }
      </HomePart>
    </View>
  )
}
