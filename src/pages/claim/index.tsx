import { GLOSSARY } from '@core/glossary'
import { View, Text } from '@tarojs/components'
import { api, type RuleCategory, type RuleItem } from '../../api'
import { Loaded, PageState, ROUTES, RuleCatalogue, open, quietUnknown, useApi, visibleCategories, elderClass, useElder, usePullDownReload } from '../../components'
import './index.scss'

/**
 * 申报: the rule catalogue (积分细则) as a resident reads it before claiming — every item with its points in plain view.
 * Choosing an item opens the claim form (time, place, description, photos); 我的申报 is one tap away at the top.
 */
export default function Claim() {
  // An unknown caller is a state of this page, not an error to toast.
  const { state, reload } = useApi(() => api.rules.list({}, quietUnknown))

  usePullDownReload(reload)

  const onSelect = (item: RuleItem) => open(ROUTES.claimForm(item.id))

  return (
    <Loaded state={state} reload={reload}>
      {({ categories: all }) => <Catalogue categories={visibleCategories(all)} onSelect={onSelect} />}
    </Loaded>
  )
}

function Catalogue({ categories, onSelect }: { categories: RuleCategory[]; onSelect: (item: RuleItem) => void }) {
  const elder = useElder()
  const header = (
    <View className='sz-claim__mine' hoverClass='sz-claim__mine--hover' data-testid='claim-my-claims' onClick={() => open(ROUTES.myClaims)}>
      <Text className='sz-claim__mine-title'>我的申报</Text>
      <Text className='sz-claim__mine-hint'>看审核进度</Text>
      <Text className='sz-arrow'>›</Text>
    </View>
  )
  if (categories.length === 0) {
    return (
      <View className={`sz-page ${elderClass(elder)}`}>
        {header}
        <PageState kind='empty' title='社区还没有设置积分细则' description='请过几天再来看看，或问问院长、网格员。' testId='catalogue-empty' />
      </View>
    )
  }

  return (
    <View className={`sz-page sz-claim ${elderClass(elder)}`}>
      {header}
      <Text className='sz-claim__intro' data-testid='claim-intro'>
        {`做了好事，选一项申报：${GLOSSARY.headStep}、${GLOSSARY.gridStep}后积分记上。`}
      </Text>
      <RuleCatalogue categories={categories} onSelect={onSelect} />
    </View>
  )
}
