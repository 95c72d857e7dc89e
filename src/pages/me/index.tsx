import { View, Text } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { api } from '../../api'
import { MeCard, NotJoined, PageState, useApi } from '../../components'
import './index.scss'

/** 我的: who I am, and (h5 demo only) 切换身份. Ledger, vouchers and my claims come with their issues. */
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
  return (
    <View className='sz-page sz-mine'>
      {head}
      {joined ? (
        <View className='sz-card sz-mine__soon' data-testid='me-coming-soon'>
          积分明细、我的申报和兑换券功能即将开放
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
