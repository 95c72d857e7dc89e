import { useState } from 'react'
import { View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { ClaimStatus } from '@core/claims'
import { api, type Claim } from '../../api'
import { ClaimRow, PageState, PagedList, ROUTES, Tabs, open, openTab, usePaged, usePagedPage, type PageSource, elderClass, useElder } from '../../components'

type Filter = 'all' | 'pending' | 'approved' | 'rejected' | 'returned'

const FILTERS: readonly { key: Filter; title: string; statuses: ClaimStatus[] | null }[] = [
  { key: 'all', title: '全部', statuses: null },
  { key: 'pending', title: '办理中', statuses: ['submitted', 'pre_approved'] },
  { key: 'approved', title: '已通过', statuses: ['approved'] },
  { key: 'rejected', title: '未通过', statuses: ['rejected'] },
  { key: 'returned', title: '退回补充', statuses: ['returned'] },
]

/** Newest first: by creation time, then id (the server's order). */
const newestFirst = (a: Claim, b: Claim) => (a.createdAt === b.createdAt ? (a.id < b.id ? 1 : -1) : a.createdAt < b.createdAt ? 1 : -1)

const silent = { silent: ['AUTH.UNAUTHENTICATED'] } as const

/** 我的申报: every claim I filed, newest first, filtered by status; a tap opens it. */
export default function MyClaims() {
  const elder = useElder()
  const [filter, setFilter] = useState<Filter>('all')
  const statuses = FILTERS.find((f) => f.key === filter)!.statuses
  const sources: PageSource<Claim>[] = statuses
    ? statuses.map((status) => (cursor?: string) => api.claims.mine({ status, cursor }, silent))
    : [(cursor?: string) => api.claims.mine({ cursor }, silent)]
  const list = usePaged(sources, newestFirst, [filter])

  // Back from a claim (withdrawn, resubmitted): show what changed.
  usePagedPage(list)

  const title = FILTERS.find((f) => f.key === filter)!.title
  const body = (
    <PagedList
      list={list}
      testId='my-claims-list'
      empty={
        <PageState
          kind='empty'
          title={filter === 'all' ? '您还没有申报过' : `没有“${title}”的申报`}
          description={filter === 'all' ? '做了好事，选一项申报，审核通过后积分到账。' : undefined}
          testId='my-claims-empty'
        >
          {filter === 'all' ? (
            <Button className='sz-button' type='primary' size='large' block onClick={() => openTab(ROUTES.claimTab)}>
              去申报
            </Button>
          ) : null}
        </PageState>
      }
      item={(c, i) => <ClaimRow key={c.id} claim={c} divided={i > 0} onTap={() => open(ROUTES.claimDetail(c.id))} />}
    />
  )

  return (
    <View className={`sz-page ${elderClass(elder)}`}>
      <Tabs tabs={FILTERS} value={filter} onChange={setFilter} wide testId='claim-filter' />
      {body}
    </View>
  )
}
