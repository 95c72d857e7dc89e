import { View, Text } from '@tarojs/components'
import { usePullDownRefresh } from '@tarojs/taro'
import { api } from '../../api'
import { ROUTES, open, useApi, useReshow } from '../../components'
import { VoucherRow } from '../../components/VoucherRow'
import { HomePart } from './HomePart'

const SHOWN = 3

/** 首页's 待使用的兑换券: the first few vouchers waiting to be used, each one tap from its QR; nothing when there are none. */
export function PendingVouchers({ residentId }: { residentId: string }) {
  // Its own failure shows as a line here, not as a toast over the whole home page.
  const vouchers = useApi(() => api.shop.vouchers({ status: 'issued' }, { silent: true }), [residentId])
  // Back from a voucher (used, returned) or an exchange: the list as it is now.
  useReshow(() => void vouchers.reload())
  usePullDownRefresh(() => {
    void vouchers.reload()
  })

  return (
    <HomePart source={vouchers} failed='兑换券没有加载成功，点这里重试' failedTestId='home-vouchers-error'>
      {({ items, cursor }) =>
        items.length === 0 ? null : (
          <>
            <View className='sz-list-head'>
              <Text className='sz-list-head__title'>待使用的兑换券</Text>
              <View className='sz-list-head__link' data-testid='home-my-vouchers' onClick={() => open(ROUTES.myVouchers)}>
                {items.length > SHOWN || cursor ? `全部 ${items.length}${cursor ? '+' : ''} 张` : '全部'}
                <Text className='sz-arrow'>›</Text>
              </View>
            </View>
            <View className='sz-list' data-testid='home-vouchers'>
              {items.slice(0, SHOWN).map((v, i) => (
                <VoucherRow key={v.id} voucher={v} divided={i > 0} hideStatus testId={`home-voucher-${v.id}`} onTap={() => open(ROUTES.voucher(v.id))} />
              ))}
            </View>
          </>
        )
      }
    </HomePart>
  )
}
