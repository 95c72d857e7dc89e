import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import { api, type RuleItem } from '../../api'
import { Loaded, PageState, ROUTES, RuleCatalogue, open, quietUnknown, useApi, visibleCategories } from '../../components'
import { residentsOf, type ResidentChoice } from '../treeWalk'
import './index.scss'

/**
 * 代申报 (院长, 网格员): choose a resident of my courtyard / grid — those without a phone first — then the item; the claim
 * form is the residents' own, in its 代申报 mode (photos go to my own folder, the claim records me as the proxy).
 */
export default function ProxyClaimPage() {
  const { state, reload } = useApi(() => Promise.all([api.org.tree({}, quietUnknown), api.rules.list({}, quietUnknown)]))
  const [chosen, setChosen] = useState<ResidentChoice | null>(null)

  return (
    <Loaded
      state={state}
      reload={reload}
      refusals={{ 'AUTH.FORBIDDEN': <PageState kind='empty' title='只有院长和网格员可以代申报' description='请让居民自己申报。' testId='proxy-forbidden' /> }}
    >
      {([{ root }, { categories }]) => {
        const residents = residentsOf(root)
        if (chosen) {
          return (
            <View className='sz-page sz-proxy'>
              <View className='sz-card sz-proxy__chosen' data-testid='proxy-chosen'>
                <View className='sz-proxy__chosen-main'>
                  <Text className='sz-proxy__chosen-label'>为这位居民申报</Text>
                  <Text className='sz-proxy__chosen-name'>{chosen.name}</Text>
                  <Text className='sz-proxy__chosen-hint'>{chosen.householdName}</Text>
                </View>
                <View className='sz-proxy__change' data-testid='proxy-change' onClick={() => setChosen(null)}>
                  换一位
                </View>
              </View>
              <Text className='sz-proxy__intro'>选一项申报：</Text>
              <RuleCatalogue
                categories={visibleCategories(categories)}
                onSelect={(item: RuleItem) => open(ROUTES.claimForm(item.id, { id: chosen.id, name: chosen.name }))}
              />
            </View>
          )
        }
        if (residents.length === 0) {
          return (
            <View className='sz-page'>
              <PageState kind='empty' title='还没有居民' description='您负责的院落里还没有登记居民。' testId='proxy-empty' />
            </View>
          )
        }
        return (
          <View className='sz-page sz-proxy'>
            <Text className='sz-proxy__intro'>替哪位居民申报？没有手机的居民排在前面。</Text>
            <View className='sz-list' data-testid='proxy-residents'>
              {residents.map((r, i) => (
                <View
                  key={r.id}
                  className={`sz-proxy__row ${i > 0 ? 'sz-proxy__row--divided' : ''}`}
                  hoverClass='sz-proxy__row--hover'
                  data-testid={`proxy-resident-${r.id}`}
                  onClick={() => setChosen(r)}
                >
                  <View className='sz-proxy__row-main'>
                    <Text className='sz-proxy__row-name'>{r.name}</Text>
                    <Text className='sz-proxy__row-hint'>
                      {r.courtyardName} · {r.householdName}
                    </Text>
                  </View>
                  {!r.hasPhone ? <Text className='sz-proxy__no-phone'>无手机</Text> : null}
                  <Text className='sz-arrow'>›</Text>
                </View>
              ))}
            </View>
          </View>
        )
      }}
    </Loaded>
  )
}
