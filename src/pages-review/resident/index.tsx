import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro, { usePullDownRefresh, useReachBottom, useRouter } from '@tarojs/taro'
import { ENTRY_KIND_NAMES } from '@core/ledger'
import { LISTING_STATUS_NAMES } from '@core/listings'
import { formatPoints } from '@core/points'
import { BARE_REVERSAL } from '@core/reversals'
import type { Me } from '@core/user'
import { api, type LedgerEntry, type Output, type TreeNode } from '../../api'
import {
  type ApiState,
  BalanceCard,
  ClaimRow,
  Field,
  LedgerRow,
  ListFooter,
  Loaded,
  PageState,
  ROUTES,
  TextInput,
  formatDateTime,
  open,
  quietUnknown,
  signedPoints,
  useApi,
  usePaged,
} from '../../components'
import { ReasonSheet } from '../../components/ReasonSheet'
import { VoucherRow } from '../../components/VoucherRow'
import { ByCard } from '../ByCard'
import { residentsOf, type ResidentChoice } from '../treeWalk'
import { AdjustForm } from './AdjustForm'
import { CardSection } from './CardSection'
import { DeductionForm } from './DeductionForm'
import './index.scss'

const STAFF = ['admin', 'head', 'grid'] as const

/** How many names a search shows at once: enough to find one, few enough to read. */
const SHOWN = 50

const REVERSE_REASONS = ['记错了人', '分数记错了', '同一件事记了两次'] as const

/**
 * 查询居民积分 (工作小组, 院长, 网格员): find a resident by name among those one is responsible for (the admin: the whole
 * community; a head: their courtyard; a grid worker: their grid — the org tree answers just that part), then see their
 * points (可用, 待生效), every change, their claims, vouchers and red/black-list entries. The admin can also add or take
 * away points with a reason, and 冲正 an entry. `?id=` opens one resident directly; 扫积分卡 opens the card's holder.
 * The admin and a head keep the residents' points cards (积分卡: 发卡, 设密码, 作废, 打印).
 */
export default function ResidentLookupPage() {
  const { state, reload } = useApi(async () => {
    const me = await api.user.me({}, quietUnknown)
    const staff = me.roles.some((r) => (STAFF as readonly string[]).includes(r.role))
    return { me, root: staff ? (await api.org.tree({}, { silent: true })).root : null }
  })
  return (
    <Loaded state={state} reload={reload}>
      {({ me, root }) =>
        root ? (
          <Lookup me={me} root={root} />
        ) : (
          <View className='sz-page'>
            <PageState kind='empty' title='只有社区工作小组、院长和网格员可以查询居民' description='您没有这项职责。' testId='lookup-forbidden' />
          </View>
        )
      }
    </Loaded>
  )
}

function Lookup({ me, root }: { me: Me; root: TreeNode }) {
  const params = useRouter().params
  const everyone = residentsOf(root).sort((a, b) => a.name.localeCompare(b.name, 'zh'))
  const [query, setQuery] = useState('')
  const [chosen, setChosen] = useState<ResidentChoice | null>(() => everyone.find((r) => r.id === params.id) ?? null)
  const keepsCards = me.roles.some((r) => r.role === 'admin' || r.role === 'head')

  if (chosen) return <ResidentDetail me={me} resident={chosen} onBack={() => setChosen(null)} />

  const q = query.trim()
  const found = q ? everyone.filter((r) => r.name.includes(q) || r.householdName.includes(q) || r.courtyardName.includes(q)) : everyone
  const scope = root.type === 'community' ? '全社区' : root.name

  let rows
  if (everyone.length === 0) rows = <PageState kind='empty' title='您负责的范围里还没有居民' description='居民用邀请码加入后，会出现在这里。' testId='lookup-none' />
  else if (found.length === 0) rows = <PageState kind='empty' title={`没有找到“${q}”`} description='请检查名字有没有写错，或者只写姓名中的一两个字。' testId='lookup-empty' />
  else
    rows = (
      <View className='sz-list' data-testid='lookup-list'>
        {found.slice(0, SHOWN).map((r, i) => (
          <View
            key={r.id}
            className={`sz-lookup__row ${i > 0 ? 'sz-lookup__row--divided' : ''}`}
            hoverClass='sz-lookup__row--hover'
            data-testid={`lookup-resident-${r.id}`}
            onClick={() => setChosen(r)}
          >
            <View className='sz-lookup__main'>
              <Text className='sz-lookup__title'>{r.name}</Text>
              <Text className='sz-lookup__meta'>
                {r.courtyardName} · {r.householdName}
                {r.hasPhone ? '' : ' · 没有手机'}
              </Text>
            </View>
            <Text className='sz-lookup__arrow'>›</Text>
          </View>
        ))}
      </View>
    )

  return (
    <View className='sz-page sz-lookup' data-testid='lookup-page'>
      <Text className='sz-lookup__intro'>
        {scope}共 {everyone.length} 位居民。写下姓名（或院落、户名）中的字，点一位居民查看积分。
      </Text>
      <ByCard residents={everyone} onPick={setChosen} scanLabel='扫积分卡找居民' testId='lookup-card' />
      {keepsCards ? (
        <View className='sz-list sz-lookup__doors'>
          <View className='sz-lookup__row' hoverClass='sz-lookup__row--hover' data-testid='lookup-cards-print' onClick={() => open(ROUTES.cardsPrint())}>
            <View className='sz-lookup__main'>
              <Text className='sz-lookup__title'>打印积分卡</Text>
              <Text className='sz-lookup__meta'>一个院落的卡排在 A4 纸上，剪开就能用</Text>
            </View>
            <Text className='sz-lookup__arrow'>›</Text>
          </View>
        </View>
      ) : null}
      <Field label='查找居民' testId='lookup-search-field' className='sz-lookup__search'>
        <TextInput value={query} onInput={setQuery} maxlength={20} placeholder='例如：张秀英' testId='lookup-search' />
      </Field>
      {rows}
      {found.length > SHOWN ? (
        <Text className='sz-lookup__note' data-testid='lookup-more'>
          还有 {found.length - SHOWN} 位没有列出，请多写几个字缩小范围。
        </Text>
      ) : null}
      <View className='sz-bottom-space' />
    </View>
  )
}

/** What an entry was for, in words: the item of a claim, the reason of an adjustment. */
const entryTitle = (e: LedgerEntry) => e.note ?? ENTRY_KIND_NAMES[e.kind] ?? '积分变动'

/** Whether the admin's bare 冲正 may correct it (src/core/reversals: one table, the server's too). */
const reversible = (e: LedgerEntry) => e.kind !== 'reversal' && BARE_REVERSAL[e.source.type as keyof typeof BARE_REVERSAL] === null

function ResidentDetail({ me, resident, onBack }: { me: Me; resident: ResidentChoice; onBack: () => void }) {
  const admin = me.roles.some((r) => r.role === 'admin')
  const residentId = resident.id
  const balance = useApi(() => api.points.balance({ residentId }, { silent: true }), [residentId])
  const about = useApi(() => api.points.resident({ residentId }, { silent: true }), [residentId])
  const ledger = usePaged<LedgerEntry>([(cursor) => api.points.ledger({ residentId, cursor }, { silent: true })], null, [residentId])
  const [reversing, setReversing] = useState<LedgerEntry | null>(null)
  const [sending, setSending] = useState(false)

  const refresh = () => Promise.all([balance.reload(), ledger.reload()])
  usePullDownRefresh(() => {
    void Promise.all([refresh(), about.reload()]).finally(() => Taro.stopPullDownRefresh())
  })
  useReachBottom(() => void ledger.loadMore())

  const reverse = async (entry: LedgerEntry, reason: string) => {
    setSending(true)
    try {
      await api.points.reverse({ entryId: entry.id, reason })
      setReversing(null)
      void Taro.showToast({ title: '已冲正', icon: 'success' })
      await refresh()
    } catch {
      // the toast said why; the sheet stays for another try
    } finally {
      setSending(false)
    }
  }

  let head
  if (balance.state.status === 'loading') head = <PageState kind='loading' testId='lookup-balance-loading' />
  else if (balance.state.status === 'error')
    head = <PageState kind='error' description={balance.state.error.message} onRetry={() => void balance.reload()} testId='lookup-balance-error' />
  else
    head = (
      <>
        <BalanceCard balance={balance.state.data} testId='lookup-balance' />
        <Text className='sz-lookup__note'>“公示后可用”的积分，要等那个月结月、公示期满以后才能用来兑换。</Text>
      </>
    )

  let entries
  if (ledger.status === 'loading') entries = <PageState kind='loading' testId='lookup-ledger-loading' />
  else if (ledger.status === 'error') entries = <PageState kind='error' description={ledger.error?.message} onRetry={() => void ledger.reload()} testId='lookup-ledger-error' />
  else if (ledger.items.length === 0) entries = <PageState kind='empty' title='还没有积分变动' testId='lookup-ledger-empty' />
  else
    entries = (
      <>
        <View className='sz-list' data-testid='lookup-ledger'>
          {ledger.items.map((e, i) => (
            <LedgerRow
              key={e.id}
              entry={e}
              title={entryTitle(e)}
              divided={i > 0}
              showOperator
              testId={`lookup-entry-${e.id}`}
              deltaTestId='lookup-entry-delta'
              action={
                admin && reversible(e) ? (
                  <Text className='sz-ledger__action' data-testid={`lookup-reverse-${e.id}`} onClick={() => setReversing(e)}>
                    冲正
                  </Text>
                ) : null
              }
            />
          ))}
        </View>
        <ListFooter list={ledger} />
      </>
    )

  return (
    <View className='sz-page sz-lookup' data-testid='lookup-detail'>
      <View className='sz-card sz-lookup__who'>
        <View className='sz-lookup__who-main'>
          <Text className='sz-lookup__name' data-testid='lookup-name'>
            {resident.name}
          </Text>
          <Text className='sz-lookup__where'>
            {resident.courtyardName} · {resident.householdName}
          </Text>
        </View>
        <View className='sz-lookup__back' hoverClass='sz-lookup__row--hover' data-testid='lookup-back' onClick={onBack}>
          换一位
        </View>
      </View>
      {head}
      {admin || me.roles.some((r) => r.role === 'head') ? <CardSection residentId={residentId} name={resident.name} /> : null}
      {admin ? <AdjustForm residentId={residentId} name={resident.name} onDone={() => void refresh()} /> : null}
      {admin || me.roles.some((r) => r.role === 'grid') ? <DeductionForm residentId={residentId} name={resident.name} openid={me.openid} /> : null}

      <View className='sz-list-head'>
        <Text className='sz-list-head__title'>积分明细</Text>
      </View>
      {entries}

      <About state={about.state} reload={about.reload} />

      {reversing ? (
        <ReasonSheet
          title='冲正这条积分记录？'
          subtitle={`${resident.name} · ${entryTitle(reversing)} · ${signedPoints(reversing.delta)}`}
          intro={<Text className='sz-sheet__line'>会写一条相反的“冲正”记录，原来的记录不删除；只能冲正一次。</Text>}
          confirmText='确认冲正'
          confirmType='danger'
          templates={REVERSE_REASONS}
          placeholder='请写明为什么冲正（至少 2 个字）'
          sending={sending}
          onCancel={() => setReversing(null)}
          onConfirm={(reason) => void reverse(reversing, reason)}
          testId='lookup-reverse'
          textTestId='lookup-reverse-reason'
        />
      ) : null}
      <View className='sz-bottom-space' />
    </View>
  )
}

type AboutState = ApiState<Output<'points', 'resident'>>

/** 申报, 兑换券, 红黑榜 of the resident: the latest of each, each with its own empty line. */
function About({ state, reload }: { state: AboutState; reload: () => Promise<void> }) {
  if (state.status === 'loading') return <PageState kind='loading' testId='lookup-about-loading' />
  if (state.status === 'error') return <PageState kind='error' description={state.error.message} onRetry={() => void reload()} testId='lookup-about-error' />
  const { claims, moreClaims, vouchers, moreVouchers, listings } = state.data
  return (
    <>
      <View className='sz-list-head'>
        <Text className='sz-list-head__title'>申报</Text>
      </View>
      {claims.length === 0 ? (
        <PageState kind='empty' title='还没有申报' testId='lookup-claims-empty' />
      ) : (
        <View className='sz-list' data-testid='lookup-claims'>
          {claims.map((c, i) => (
            <ClaimRow key={c.id} claim={c} divided={i > 0} onTap={() => open(ROUTES.claimDetail(c.id))} />
          ))}
          {moreClaims ? <Text className='sz-lookup__more'>只列出最近 20 条申报</Text> : null}
        </View>
      )}

      <View className='sz-list-head'>
        <Text className='sz-list-head__title'>兑换券</Text>
      </View>
      {vouchers.length === 0 ? (
        <PageState kind='empty' title='还没有兑换过' testId='lookup-vouchers-empty' />
      ) : (
        <View className='sz-list' data-testid='lookup-vouchers'>
          {vouchers.map((v, i) => (
            <VoucherRow key={v.id} voucher={v} divided={i > 0} />
          ))}
          {moreVouchers ? <Text className='sz-lookup__more'>只列出最近 20 张兑换券</Text> : null}
        </View>
      )}

      <View className='sz-list-head'>
        <Text className='sz-list-head__title'>红黑榜</Text>
      </View>
      {listings.length === 0 ? (
        <PageState kind='empty' title='没有上过红黑榜' testId='lookup-listings-empty' />
      ) : (
        <View className='sz-list' data-testid='lookup-listings'>
          {listings.map((l, i) => (
            <View key={l.id} className={`sz-lookup__row ${i > 0 ? 'sz-lookup__row--divided' : ''}`} data-testid={`lookup-listing-${l.id}`}>
              <View className='sz-lookup__main'>
                <Text className='sz-lookup__title'>
                  {l.list === 'red' ? '红榜' : '黑榜'} · {l.reason}
                </Text>
                <Text className='sz-lookup__meta'>
                  {LISTING_STATUS_NAMES[l.status] ?? l.status}
                  {l.target === 'household' ? ' · 全户' : ''}
                  {l.from ? ` · ${formatDateTime(l.from)} 起` : ''}
                </Text>
              </View>
              {l.points ? <Text className={`sz-ledger__delta sz-ledger__delta--${l.list === 'red' ? 'plus' : 'minus'}`}>{`${l.list === 'red' ? '+' : '-'}${formatPoints(l.points)}`}</Text> : null}
            </View>
          ))}
        </View>
      )}
    </>
  )
}
