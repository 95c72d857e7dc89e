import { View, Text } from '@tarojs/components'
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { ENTRY_KIND_NAMES } from '@core/ledger'
import { api, type LedgerEntry } from '../../api'
import { BalanceCard, ListFooter, NotJoined, PageState, ROUTES, formatDateTime, open, signedPoints, useApi, usePaged } from '../../components'
import { formatPoints } from '@core/points'
import './index.scss'

const silent = { silent: ['AUTH.UNAUTHENTICATED'] } as const

/** What an entry was for, in words: the item of a claim, the reason of an adjustment. */
function entryTitle(e: LedgerEntry): string {
  if (e.note) return e.note
  return ENTRY_KIND_NAMES[e.kind] ?? '积分变动'
}

/** 我的积分: the balance in very large type, then every change (积分明细), newest first. */
export default function Points() {
  const balance = useApi(() => api.points.balance({}, silent))
  const ledger = usePaged<LedgerEntry>([(cursor) => api.points.ledger({ cursor }, silent)], null, [])

  usePullDownRefresh(() => {
    void Promise.all([balance.reload(), ledger.reload()]).finally(() => Taro.stopPullDownRefresh())
  })
  useReachBottom(() => void ledger.loadMore())

  if (balance.state.status === 'error' && balance.state.error.code === 'AUTH.UNAUTHENTICATED') {
    return (
      <View className='sz-page'>
        <NotJoined />
      </View>
    )
  }

  let head
  if (balance.state.status === 'loading') head = <PageState kind='loading' />
  else if (balance.state.status === 'error') head = <PageState kind='error' description={balance.state.error.message} onRetry={() => void balance.reload()} />
  else head = <BalanceCard balance={balance.state.data} />

  let entries
  if (ledger.status === 'loading') entries = balance.state.status === 'loading' ? null : <PageState kind='loading' />
  else if (ledger.status === 'error') entries = <PageState kind='error' description={ledger.error?.message} onRetry={() => void ledger.reload()} testId='ledger-error' />
  else if (ledger.items.length === 0)
    entries = <PageState kind='empty' title='还没有积分变动' description='申报审核通过后，积分会记在这里。' testId='ledger-empty' />
  else
    entries = (
      <>
        <View className='sz-list' data-testid='ledger-list'>
          {ledger.items.map((e, i) => {
            const claim = e.source.type === 'claim'
            return (
              <View
                key={e.id}
                className={`sz-ledger__row ${i > 0 ? 'sz-ledger__row--divided' : ''}`}
                hoverClass={claim ? 'sz-ledger__row--hover' : 'none'}
                data-testid={`ledger-${e.id}`}
                onClick={claim ? () => open(ROUTES.claimDetail(e.source.id)) : undefined}
              >
                <View className='sz-ledger__main'>
                  <Text className='sz-ledger__title'>{entryTitle(e)}</Text>
                  <Text className='sz-ledger__meta'>
                    {formatDateTime(e.at)} · {ENTRY_KIND_NAMES[e.kind] ?? e.kind}
                  </Text>
                </View>
                <View className='sz-ledger__numbers'>
                  <Text className={`sz-ledger__delta sz-ledger__delta--${e.delta >= 0 ? 'plus' : 'minus'}`} data-testid='ledger-delta'>
                    {signedPoints(e.delta)}
                  </Text>
                  <Text className='sz-ledger__after'>余额 {formatPoints(e.balanceAfter)}</Text>
                </View>
              </View>
            )
          })}
        </View>
        <ListFooter list={ledger} />
      </>
    )

  return (
    <View className='sz-page sz-points'>
      {head}
      <View className='sz-list-head'>
        <Text className='sz-list-head__title'>积分明细</Text>
        <View className='sz-list-head__link' data-testid='points-leaderboard' onClick={() => open(ROUTES.leaderboard)}>
          积分排行
          <Text className='sz-arrow'>›</Text>
        </View>
      </View>
      {entries}
    </View>
  )
}
