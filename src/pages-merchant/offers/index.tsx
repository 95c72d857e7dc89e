import { View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { Offer } from '../../api'
import { api } from '../../api'
import { Loaded, PageState, ROUTES, open, quietUnknown, useApi, useReshow, usePullDownReload } from '../../components'
import { OfferCard } from '../../components/OfferCard'

/** Waiting ones first (the clerk wants to know), then on sale, then refused, then retired. */
const ORDER: Record<Offer['status'], number> = { pending: 0, active: 1, rejected: 2, retired: 3 }

/** 我的商品 (商家店员): every offer of my shop with its status and stock; 发布新商品; a tap changes one. */
export default function MerchantOffersPage() {
  const { state, reload } = useApi(() => api.shop.offers({ mine: true }, quietUnknown))

  // Back from the form: the new or changed offer shows.
  useReshow(() => void reload())
  usePullDownReload(reload)

  const add = (
    <View className='sz-offer-add'>
      <Button className='sz-button' type='primary' size='large' block data-testid='offer-new' onClick={() => open(ROUTES.offerEdit())}>
        发布新商品
      </Button>
    </View>
  )

  return (
    <Loaded
      state={state}
      reload={reload}
      refusals={{ 'AUTH.FORBIDDEN': <PageState kind='empty' title='只有商家店员可以管理商品' testId='merchant-offers-forbidden' /> }}
    >
      {({ items }) => (
        <View className='sz-page' data-testid='merchant-offers-page'>
          {items.length === 0 ? (
            <PageState kind='empty' title='还没有商品' description='发布一件商品，社区工作小组审核通过后，居民就能用积分兑换。' testId='merchant-offers-empty'>
              <Button className='sz-button' type='primary' size='large' block data-testid='offer-new-empty' onClick={() => open(ROUTES.offerEdit())}>
                发布新商品
              </Button>
            </PageState>
          ) : (
            <>
              {add}
              {[...items]
                .sort((a, b) => ORDER[a.status] - ORDER[b.status])
                .map((o) => (
                  <OfferCard key={o.id} offer={o} onTap={() => open(ROUTES.offerEdit(o.id))} />
                ))}
            </>
          )}
          <View className='sz-bottom-space' />
        </View>
      )}
    </Loaded>
  )
}
