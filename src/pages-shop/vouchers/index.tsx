import { useState } from 'react'
import { View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { api, type Voucher, type VoucherStatus } from '../../api'
import { PageState, PagedList, ROUTES, Tabs, open, openTab, quietUnknown, usePaged, usePagedPage, elderClass, useElder } from '../../components'
import { VoucherRow } from '../../components/VoucherRow'

type Filter = 'issued' | 'redeemed' | 'all'

const FILTERS: readonly { key: Filter; title: string; status?: VoucherStatus; empty: string }[] = [
  { key: 'issued', title: '待使用', status: 'issued', empty: '没有待使用的兑换券' },
  { key: 'redeemed', title: '已使用', status: 'redeemed', empty: '还没有用过兑换券' },
  { key: 'all', title: '全部', empty: '您还没有兑换过' },
]

/** 我的兑换券: the vouchers I exchanged, newest first — 待使用 first, since those are the ones to show at a shop. */
export default function MyVouchers() {
  const elder = useElder()
  const [filter, setFilter] = useState<Filter>('issued')
  const chosen = FILTERS.find((f) => f.key === filter)!
  const list = usePaged<Voucher>([(cursor) => api.shop.vouchers({ ...(chosen.status ? { status: chosen.status } : {}), cursor }, quietUnknown)], null, [filter])

  // Back from a voucher (used, returned): show what changed.
  usePagedPage(list)

  const body = (
    <PagedList
      list={list}
      testId='vouchers-list'
      empty={
        <PageState kind='empty' title={chosen.empty} description='在“兑换”里用积分换物品、优惠券或服务，换到的券会在这里。' testId='vouchers-empty'>
          <Button className='sz-button' type='primary' size='large' block data-testid='vouchers-go-shop' onClick={() => openTab(ROUTES.shopTab)}>
            去兑换
          </Button>
        </PageState>
      }
      item={(v, i) => <VoucherRow key={v.id} voucher={v} divided={i > 0} onTap={() => open(ROUTES.voucher(v.id))} />}
    />
  )

  return (
    <View className={`sz-page ${elderClass(elder)}`}>
      <Tabs tabs={FILTERS} value={filter} onChange={setFilter} testId='voucher-filter' />
      {body}
    </View>
  )
}
