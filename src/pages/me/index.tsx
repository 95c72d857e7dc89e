import { View, Text } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { api } from '../../api'
import { MeCard, NotJoined, PageState, ROUTES, open, useApi } from '../../components'
import './index.scss'

/** 我的: who I am, then my points, my claims and the rankings; (h5 demo only) 切换身份. */
export default function Mine() {
  const { state, reload } = useApi(() => api.user.me({ silent: ['AUTH.UNAUTHENTICATED'] }))
  const isH5 = process.env.TARO_ENV === 'h5'

  usePullDownRefresh(() => {
    void reload().finally(() => Taro.stopPullDownRefresh())
  })

  let head
  if (state.status === 'loading') head = <PageState kind='loading' />
  else if (state.status === 'error')
    head =
      state.error.code === 'AUTH.UNAUTHENTICATED' ? (
        <NotJoined />
      ) : (
        <PageState kind='error' description={state.error.message} onRetry={() => void reload()} />
      )
  else head = <MeCard me={state.data} />

  const joined = state.status === 'ready'
  const resident = joined && !!state.data.residentId
  const rows = [
    ...(resident
      ? [
          { key: 'points', title: '我的积分', hint: '余额和明细', url: ROUTES.points },
          { key: 'my-claims', title: '我的申报', hint: '审核进度', url: ROUTES.myClaims },
        ]
      : []),
    ...(joined ? [{ key: 'leaderboard', title: '积分排行', hint: '个人、家庭、院落', url: ROUTES.leaderboard }] : []),
  ]
  return (
    <View className='sz-page sz-mine'>
      {head}
      {rows.length > 0 ? (
        <View className='sz-mine__list'>
          {rows.map((r, i) => (
            <View
              key={r.key}
              className={`sz-mine__row ${i > 0 ? 'sz-mine__row--divided' : ''}`}
              hoverClass='sz-mine__row--hover'
              data-testid={`me-${r.key}`}
              onClick={() => open(r.url)}
            >
              <Text className='sz-mine__row-title'>{r.title}</Text>
              <Text className='sz-mine__row-hint'>{r.hint}</Text>
              <Text className='sz-mine__row-arrow'>›</Text>
            </View>
          ))}
        </View>
      ) : null}
      {isH5 && joined ? (
        <View className='sz-mine__list'>
          <View
            className='sz-mine__row'
            hoverClass='sz-mine__row--hover'
            data-testid='switch-identity'
            onClick={() => void Taro.navigateTo({ url: '/pages/dev-login/index' })}
          >
            <Text className='sz-mine__row-title'>切换身份</Text>
            <Text className='sz-mine__row-arrow'>›</Text>
          </View>
        </View>
      ) : null}
    </View>
  )
}
