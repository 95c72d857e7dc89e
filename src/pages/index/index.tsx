import { View, Text } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { api } from '../../api'
import { MeCard, NotJoined, PageState, useApi } from '../../components'
import './index.scss'

/** 首页: who I am, and the one big 我要申报 button. (Balance, claims and notices arrive with their issues.) */
export default function Home() {
  // An unknown caller is a state of this page, not an error to toast.
  const { state, reload } = useApi(() => api.user.me({ silent: ['AUTH.UNAUTHENTICATED'] }))

  usePullDownRefresh(() => {
    void reload().finally(() => Taro.stopPullDownRefresh())
  })

  if (state.status === 'loading') {
    return (
      <View className='sz-page'>
        <PageState kind='loading' />
      </View>
    )
  }

  if (state.status === 'error') {
    return (
      <View className='sz-page'>
        {state.error.code === 'AUTH.UNAUTHENTICATED' ? (
          <NotJoined />
        ) : (
          <PageState kind='error' description={state.error.message} onRetry={() => void reload()} />
        )}
      </View>
    )
  }

  const me = state.data
  return (
    <View className='sz-page sz-home'>
      <Text className='sz-home__greeting'>您好</Text>
      <MeCard me={me} />
      {me.suspendedUntil ? (
        <View className='sz-card sz-home__notice' data-testid='me-suspended'>
          您的积分兑换已暂停，到 {me.suspendedUntil.slice(0, 10)} 恢复。
        </View>
      ) : null}
      <View className='sz-actions'>
        <Button
          className='sz-button sz-home__claim'
          type='primary'
          size='xlarge'
          block
          data-testid='claim-button'
          onClick={() => void Taro.switchTab({ url: '/pages/claim/index' })}
        >
          我要申报
        </Button>
      </View>
      <View className='sz-home__hint'>积分、申报进度和兑换券即将在这里显示</View>
    </View>
  )
}
