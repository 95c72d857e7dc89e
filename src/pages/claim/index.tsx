import { View, Text } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { api, type RuleItem } from '../../api'
import { NotJoined, PageState, RuleCatalogue, pointsLabel, useApi, visibleCategories } from '../../components'
import './index.scss'

/**
 * 申报: the rule catalogue (积分细则) as a resident reads it before claiming — every item with its points in plain view.
 * Choosing an item (`onSelect`) will open the claim form (time, place, description, photos) when claims land.
 */
export default function Claim() {
  // An unknown caller is a state of this page, not an error to toast.
  const { state, reload } = useApi(() => api.rules.list({}, { silent: ['AUTH.UNAUTHENTICATED'] }))

  usePullDownRefresh(() => {
    void reload().finally(() => Taro.stopPullDownRefresh())
  })

  /** The seam for the claim form. */
  const onSelect = (item: RuleItem) => {
    void Taro.showModal({
      title: '申报功能即将开放',
      // A no-break space keeps "+0.5 分" on one line.
      content: `「${item.name}」可得 ${pointsLabel(item.points).replace(' ', '\u00a0')}。请先记下时间、地点${item.photosRequired ? '，拍好照片' : ''}，开放后就能申报。`,
      showCancel: false,
      confirmText: '知道了',
      confirmColor: '#06873f', // $color-primary-text
    })
  }

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

  const categories = visibleCategories(state.data.categories)
  if (categories.length === 0) {
    return (
      <View className='sz-page'>
        <PageState kind='empty' title='社区还没有设置积分细则' description='请过几天再来看看，或问问院长、网格员。' testId='catalogue-empty' />
      </View>
    )
  }

  return (
    <View className='sz-page sz-claim'>
      <Text className='sz-claim__intro' data-testid='claim-intro'>
        做了好事，选一项申报，院长和网格员审核后积分到账。
      </Text>
      <RuleCatalogue categories={categories} onSelect={onSelect} />
    </View>
  )
}
