import { useRef } from 'react'
import { View, Text } from '@tarojs/components'
import { useDidShow } from '@tarojs/taro'
import { api } from '../api'
import { Loaded, PageState, ROUTES, open, quietUnknown, useApi } from '../components'
import './admin.scss'

const ENTRIES = [
  { key: 'org', title: '组织架构', hint: '网格、院落、户、院长、无手机居民', url: ROUTES.adminOrg },
  { key: 'rules', title: '积分细则', hint: '条目、分值、需拍照、每月上限、停用', url: ROUTES.adminRules },
  { key: 'invite', title: '邀请居民', hint: '发邀请码和二维码', url: ROUTES.invite },
  { key: 'offers', title: '商品审核', hint: '商家发布的商品：通过、不通过、下架', url: ROUTES.adminOffers },
  { key: 'merchants', title: '商居联盟', hint: '商家、店员邀请码、暂停与恢复', url: ROUTES.adminMerchants },
  { key: 'settlement', title: '月结算', hint: '各商家核销的券和积分，导出 Excel', url: ROUTES.adminSettlement },
] as const

/**
 * 社区管理 (工作小组): the doors to the org tree, the rule catalogue, invites, and the shop's offers, merchants and
 * settlement (with how many offers wait for approval). h5 first, usable on a phone.
 */
export default function AdminHome() {
  const { state, reload } = useApi(() => api.user.me(quietUnknown))
  return (
    <Loaded state={state} reload={reload}>
      {(me) =>
        me.roles.some((r) => r.role === 'admin') ? (
          <View className='sz-page sz-admin' data-testid='admin-home'>
            <Text className='sz-admin__intro'>{me.communityName ?? '本社区'} · 社区工作小组</Text>
            <View className='sz-list'>
              {ENTRIES.map((e, i) => (
                <View
                  key={e.key}
                  className={`sz-admin__row ${i > 0 ? 'sz-admin__row--divided' : ''}`}
                  hoverClass='sz-admin__row--hover'
                  data-testid={`admin-${e.key}`}
                  onClick={() => open(e.url)}
                >
                  <View className='sz-admin__row-main'>
                    <Text className='sz-admin__row-title'>{e.title}</Text>
                    <Text className='sz-admin__row-hint'>{e.hint}</Text>
                  </View>
                  {e.key === 'offers' ? <PendingOffers /> : null}
                  <Text className='sz-arrow'>›</Text>
                </View>
              ))}
            </View>
          </View>
        ) : (
          <View className='sz-page'>
            <PageState kind='empty' title='只有社区工作小组可以管理' description='您没有管理的职责。' testId='admin-forbidden' />
          </View>
        )
      }
    </Loaded>
  )
}

/** How many merchants' offers wait for the office's approval: a red badge when any do. */
function PendingOffers() {
  const { state, reload } = useApi(() => api.shop.offers({ status: 'pending' }, { silent: true }))
  // Back from 商品审核: a fresh count.
  const shown = useRef(false)
  useDidShow(() => {
    if (shown.current) void reload()
    shown.current = true
  })
  if (state.status !== 'ready') return null
  const n = state.data.items.length
  return (
    <Text className={`sz-admin__badge ${n > 0 ? 'sz-admin__badge--on' : ''}`} data-testid='admin-offers-pending'>
      {n > 0 ? `${n} 件待审核` : '没有待审核'}
    </Text>
  )
}
