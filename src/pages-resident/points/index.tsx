import { View, Text } from '@tarojs/components'
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { ENTRY_KIND_NAMES } from '@core/ledger'
import { inResidentWords } from '@core/glossary'
import { api, type LedgerEntry } from '../../api'
import { BalanceCard, LedgerRow, ListFooter, NotJoined, PageState, ROUTES, open, useApi, usePaged, elderClass, useElder } from '../../components'

const silent = { silent: ['AUTH.UNAUTHENTICATED'] } as const

/** What an entry was for, in words: the item of a claim, the reason of an adjustment. */
function entryTitle(e: LedgerEntry): string {
  // A correction's note reads 撤销：…, in the residents' words (the ledger keeps the office's 冲正：…).
  if (e.note) return inResidentWords(e.note)
  return ENTRY_KIND_NAMES[e.kind] ?? '积分变动'
}

/** 我的积分: the balance in very large type, then every change (积分明细), newest first. */
export default function Points() {
  const elder = useElder()
  const balance = useApi(() => api.points.balance({}, silent))
  const ledger = usePaged<LedgerEntry>([(cursor) => api.points.ledger({ cursor }, silent)], null, [])

  usePullDownRefresh(() => {
    void Promise.all([balance.reload(), ledger.reload()]).finally(() => Taro.stopPullDownRefresh())
  })
  useReachBottom(() => void ledger.loadMore())

  if (balance.state.status === 'error' && balance.state.error.code === 'AUTH.UNAUTHENTICATED') {
    return (
      <View className={`sz-page ${elderClass(elder)}`}>
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
          {ledger.items.map((e, i) => (
            <LedgerRow key={e.id} entry={e} title={entryTitle(e)} divided={i > 0} onClick={e.source.type === 'claim' ? () => open(ROUTES.claimDetail(e.source.id)) : undefined} />
          ))}
        </View>
        <ListFooter list={ledger} />
      </>
    )

  return (
    <View className={`sz-page sz-points ${elderClass(elder)}`}>
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
