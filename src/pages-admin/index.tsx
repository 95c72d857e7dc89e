import { View, Text } from '@tarojs/components'
import { api } from '../api'
import { Loaded, PageState, ROUTES, open, quietUnknown, useApi } from '../components'
import './admin.scss'

const ENTRIES = [
  { key: 'org', title: '组织架构', hint: '网格、院落、户、院长、无手机居民', url: ROUTES.adminOrg },
  { key: 'rules', title: '积分细则', hint: '条目、分值、需拍照、每月上限、停用', url: ROUTES.adminRules },
  { key: 'invite', title: '邀请居民', hint: '发邀请码和二维码', url: ROUTES.invite },
] as const

/** 社区管理 (工作小组): the doors to the org tree, the rule catalogue and invites. h5 first, usable on a phone. */
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
