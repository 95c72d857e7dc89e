import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { LIST_NAMES } from '@core/governance'
import type { Me } from '@core/user'
import { api, type Listing } from '../../api'
import { Loaded, PageState, ROUTES, Tabs, open, quietUnknown, signedPoints, useApi, useReshow } from '../../components'
import { Chip } from '../../components/Chip'
import { fullDate, isAdmin, isOfficial, isoDay } from '../shared'
import '../governance.scss'
import './index.scss'

type Tab = 'red' | 'black' | 'proposed'

const INTROS: Record<Tab, string> = {
  red: '为社区做了好事、受到表彰的居民和家庭。',
  black: '违反居民公约被通报的居民和家庭：扣分，并暂停兑换和评比，到期自动解除。觉得不对，可以对它提出异议。',
  proposed: '网格员的提名，社区工作小组确认后才公布。',
}

const EMPTY: Record<Tab, { title: string; description: string }> = {
  red: { title: '红榜上还没有人', description: '社区表彰的居民和家庭会列在这里。' },
  black: { title: '黑榜上没有人', description: '现在没有被通报的居民和家庭。' },
  proposed: { title: '没有等待确认的提名', description: '网格员提名后，会先列在这里。' },
}

/** 红黑榜: who is honoured and who is on the black list (and until when), for every member; officials also see proposals. */
export default function ListsPage() {
  const { state, reload } = useApi(() => api.user.me({}, quietUnknown))
  return <Loaded state={state} reload={reload}>{(me) => <Lists me={me} />}</Loaded>
}

function Lists({ me }: { me: Me }) {
  const official = isOfficial(me)
  const [tab, setTab] = useState<Tab>('red')
  const tabs: { key: Tab; title: string }[] = [
    { key: 'red', title: '红榜' },
    { key: 'black', title: '黑榜' },
    ...(official ? [{ key: 'proposed' as const, title: '待确认' }] : []),
  ]
  const lists = useApi(() => api.governance.lists(tab === 'proposed' ? { status: 'proposed' } : { list: tab }, quietUnknown), [tab])

  // Back from 提名: the new one is there.
  useReshow(() => void lists.reload())
  usePullDownRefresh(() => {
    void lists.reload().finally(() => Taro.stopPullDownRefresh())
  })

  return (
    <View className='sz-page sz-lists' data-testid='lists-page'>
      {official ? (
        <View className='sz-actions sz-actions--top'>
          <Button className='sz-button' type='primary' size='large' block data-testid='propose-button' onClick={() => open(ROUTES.propose)}>
            提名上榜
          </Button>
        </View>
      ) : null}
      <Tabs tabs={tabs} value={tab} onChange={setTab} testId='list-tab' />
      <Text className='sz-gov__intro'>{INTROS[tab]}</Text>
      <Loaded state={lists.state} reload={lists.reload} bare>
        {({ items }) =>
          items.length === 0 ? (
            <PageState kind='empty' title={EMPTY[tab].title} description={EMPTY[tab].description} testId='lists-empty' />
          ) : (
            <View data-testid='listing-list'>
              {items.map((l) => (
                <ListingCard key={l.id} listing={l} proposed={tab === 'proposed'} />
              ))}
              {tab === 'proposed' && isAdmin(me) ? (
                <View className='sz-actions'>
                  <Button className='sz-button' size='large' block data-testid='lists-confirm-link' onClick={() => open(ROUTES.adminLists)}>
                    去确认或不采纳
                  </Button>
                </View>
              ) : null}
            </View>
          )
        }
      </Loaded>
      <View className='sz-bottom-space' />
    </View>
  )
}

function ListingCard({ listing: l, proposed }: { listing: Listing; proposed: boolean }) {
  const black = l.list === 'black'
  const shown = proposed ? l.asked : l.points
  return (
    <View className={`sz-card sz-listing sz-listing--${l.list}`} data-testid='listing-row' data-listing-id={l.id} data-list={l.list}>
      <View className='sz-listing__head'>
        <View className='sz-listing__main'>
          {proposed ? (
            <Chip tone={black ? 'grey' : 'red'} className='sz-listing__chip'>
              {LIST_NAMES[l.list]}提名
            </Chip>
          ) : null}
          <Text className='sz-listing__name' data-testid='listing-name'>
            {l.name}
          </Text>
          <Text className='sz-listing__meta'>
            {l.courtyard}
            {l.target === 'household' ? ' · 整户' : ''}
          </Text>
        </View>
        {/* What was actually deducted or awarded (0 too, when points were asked); a proposal shows what it asks. */}
        {shown > 0 || l.asked > 0 ? (
          <Text className={`sz-listing__points sz-listing__points--${l.list}`} data-testid='listing-points'>
            {signedPoints(black ? -shown : shown)} 分
          </Text>
        ) : null}
      </View>
      <Text className='sz-listing__reason'>{l.reason}</Text>
      {!proposed && black && l.asked > l.points ? (
        <Text className='sz-listing__meta' data-testid='listing-asked'>
          应扣 {l.asked} 分，积分只有 {l.points} 分，实际扣 {l.points} 分
        </Text>
      ) : null}
      {l.from ? <Text className='sz-listing__meta'>{fullDate(l.from)} 上榜</Text> : null}
      {black && l.until ? (
        <Text className='sz-listing__until' data-testid='listing-until'>
          暂停兑换和评比至 {isoDay(l.until)}
        </Text>
      ) : null}
      {proposed ? <Text className='sz-listing__waiting'>等待社区工作小组确认</Text> : null}
      {!proposed ? (
        <View className='sz-listing__object' hoverClass='sz-listing__object--hover' data-testid='listing-object' onClick={() => open(ROUTES.listingObjection(l.id))}>
          觉得不对？提出异议 ›
        </View>
      ) : null}
    </View>
  )
}
