import { View } from '@tarojs/components'
import { PageState } from '../../components'

/** 兑换: the 积分超市 — goods, merchant coupons and services. Filled in by the shop issue. */
export default function Shop() {
  return (
    <View className='sz-page'>
      <PageState
        kind='empty'
        title='兑换功能即将开放'
        description='以后在这里用积分兑换物品、商家优惠券和服务。'
        testId='shop-coming-soon'
      />
    </View>
  )
}
