import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { LIST_NAMES, LISTING_STATUS_NAMES } from '@core/governance'
import { formatPoints } from '@core/points'
import { api, type Listing, type Settings } from '../../api'
import { Loaded, PageState, ROUTES, Tabs, formatDate, open, quietUnknown, useApi, useReshow, useSending, usePullDownReload } from '../../components'
import { Chip } from '../../components/Chip'
import { ReasonSheet } from '../../components/ReasonSheet'
import '../admin.scss'
import '../governance.scss'

type Tab = 'proposed' | 'red' | 'black'

interface Boards {
  settings: Settings
  proposed: Listing[]
  red: Listing[]
  black: Listing[]
}

const who = (l: Listing) => (l.target === 'household' ? `${l.name}（全户）` : l.name)

/** 扣 5 分 / 奖 5 分 / 不加减分: a proposal's asked points; a published one's as its ledger has them (扣 0 分（应扣 2 分，积分不够）). */
function pointsText(l: Listing): string {
  if (l.status === 'proposed') {
    if (!l.asked) return '不加减分'
    return l.list === 'black' ? `扣 ${formatPoints(l.asked)} 分` : `奖 ${formatPoints(l.asked)} 分`
  }
  if (!l.asked && !l.points) return '不加减分'
  const done = l.list === 'black' ? `扣 ${formatPoints(l.points)} 分` : `奖 ${formatPoints(l.points)} 分`
  return l.list === 'black' && l.asked > l.points ? `${done}（应扣 ${formatPoints(l.asked)} 分，积分不够）` : done
}

/** The usual reasons for 撤销: a wrong listing. */
const REVOKE_REASONS = ['核实有误，不是本人所为', '认错了人', '已当面道歉并改正', '提名的情况不属实'] as const

/**
 * 红黑榜管理 (工作小组): the grid workers' proposals waiting for confirmation (确认 carries them out at once: a black
 * entry deducts and suspends, a red one awards), and the lists as published — black entries with the end of their
 * suspension, red ones with their date. 新增 opens the proposal form (an admin's own entry is published at once).
 */
export default function AdminListsPage() {
  const { state, reload } = useApi<Boards>(async () => {
    const [{ settings }, proposed, red, black] = await Promise.all([
      api.org.settings({}, quietUnknown),
      api.governance.lists({ status: 'proposed' }, quietUnknown),
      api.governance.lists({ list: 'red' }, quietUnknown),
      api.governance.lists({ list: 'black' }, quietUnknown),
    ])
    return { settings, proposed: proposed.items, red: red.items, black: black.items }
  })
  const [tab, setTab] = useState<Tab>('proposed')
  const [busy, setBusy] = useState<string | null>(null)
  const [revoking, setRevoking] = useState<Listing | null>(null)
  const { sending, send } = useSending()

  const revoke = (l: Listing, reason: string) =>
    send(
      () => api.governance.revokeListing({ listingId: l.id, reason }),
      ({ returned }) => (returned ? `已撤销，${l.list === 'black' ? '退回' : '收回'} ${formatPoints(returned)} 分` : '已撤销'),
      () => {
        setRevoking(null)
        return reload()
      },
    )

  useReshow(() => void reload())
  usePullDownReload(reload)

  const decide = async (l: Listing, decision: 'confirm' | 'reject', settings: Settings) => {
    const black = l.list === 'black'
    const { confirm } = await Taro.showModal({
      title: decision === 'confirm' ? `确认${LIST_NAMES[l.list]}：${who(l)}？` : `不采纳这条${LIST_NAMES[l.list]}提名？`,
      content:
        decision === 'confirm'
          ? black
            ? `确认后立即公布：${l.asked ? `扣 ${formatPoints(l.asked)} 分（最多扣到 0），` : ''}${l.target === 'household' ? '全户' : '本人'}${settings.suspensionMonths} 个月内不能兑换、不参加排名，到期自动恢复。`
            : `确认后立即公布在红榜上${l.asked ? `，并奖励 ${formatPoints(l.asked)} 分` : ''}。`
          : '这条提名不会公布，也不会加减积分。',
      confirmText: decision === 'confirm' ? '确认公布' : '不采纳',
      cancelText: '再想想',
      confirmColor: decision === 'confirm' ? '#07c160' : '#b42318',
    })
    if (!confirm) return
    setBusy(l.id)
    try {
      await api.governance.confirm({ listingId: l.id, decision })
      void Taro.showToast({ title: decision === 'confirm' ? `已公布在${LIST_NAMES[l.list]}` : '已不采纳', icon: 'none' })
      await reload()
    } catch {
      // the toast said why
    } finally {
      setBusy(null)
    }
  }

  return (
    <Loaded
      state={state}
      reload={reload}
      refusals={{ 'AUTH.FORBIDDEN': <PageState kind='empty' title='只有社区工作小组可以管理红黑榜' testId='admin-lists-forbidden' /> }}
    >
      {(boards) => {
        const shown = boards[tab]
        return (
          <View className='sz-page' data-testid='admin-lists-page'>
            <Tabs
              tabs={[
                { key: 'proposed', title: boards.proposed.length ? `待确认 ${boards.proposed.length}` : '待确认' },
                { key: 'red', title: '红榜' },
                { key: 'black', title: '黑榜' },
              ]}
              value={tab}
              onChange={setTab}
              testId='admin-lists-tabs'
            />
            <View className='sz-actions sz-actions--top'>
              <Button className='sz-button' type='primary' size='large' block data-testid='admin-lists-add' onClick={() => open(ROUTES.propose)}>
                ＋ 新增红榜 / 黑榜
              </Button>
            </View>
            <Text className='sz-gov-intro'>
              {tab === 'proposed'
                ? '网格员的提名要工作小组确认后才公布。'
                : tab === 'black'
                  ? `上黑榜扣分，并在 ${boards.settings.suspensionMonths} 个月内不能兑换、不参加排名，到期自动下榜。`
                  : '红榜表彰好人好事，可以奖励积分；公布一年。'}
              {tab !== 'proposed' ? '公布错了可以撤销：扣的分退回、暂停立即结束，当事人会收到通知。' : ''}
            </Text>
            {shown.length === 0 ? (
              <PageState
                kind='empty'
                title={tab === 'proposed' ? '没有待确认的提名' : `${LIST_NAMES[tab]}上现在没有人`}
                testId='admin-lists-empty'
              />
            ) : (
              shown.map((l) => (
                <View key={l.id} className='sz-card' data-testid={`listing-${l.id}`} data-status={l.status}>
                  <View className='sz-gov-card__head'>
                    <Text className='sz-gov-card__title'>{who(l)}</Text>
                    <Chip tone={l.list === 'red' ? 'red' : 'grey'} status={l.list}>
                      {LIST_NAMES[l.list]}
                      {l.status !== 'confirmed' ? ` · ${LISTING_STATUS_NAMES[l.status]}` : ''}
                    </Chip>
                  </View>
                  <Text className='sz-gov-card__line'>{l.courtyard}</Text>
                  <Text className='sz-gov-card__quote'>{l.reason}</Text>
                  <Text className={`sz-gov-card__line sz-gov-card__line--strong ${l.list === 'black' && l.points ? 'sz-gov-card__line--warn' : ''}`}>{pointsText(l)}</Text>
                  {l.status === 'proposed' ? (
                    <View className='sz-gov-card__actions'>
                      <View className='sz-gov-card__action sz-gov-card__action--danger' hoverClass='sz-gov-card__action--hover' data-testid={`listing-reject-${l.id}`} onClick={() => busy || void decide(l, 'reject', boards.settings)}>
                        不采纳
                      </View>
                      <View className='sz-gov-card__action sz-gov-card__action--primary' hoverClass='sz-gov-card__action--hover' data-testid={`listing-confirm-${l.id}`} onClick={() => busy || void decide(l, 'confirm', boards.settings)}>
                        {busy === l.id ? '正在处理…' : '确认公布'}
                      </View>
                    </View>
                  ) : (
                    <>
                      <Text className='sz-gov-card__line' data-testid={`listing-dates-${l.id}`}>
                        {l.from ? `${formatDate(l.from)}上榜` : ''}
                        {l.list === 'black' && l.until ? `，暂停至 ${formatDate(l.until)}` : ''}
                      </Text>
                      {/* A wrong listing can always be undone: its points return, its suspension ends at once. */}
                      <View className='sz-gov-card__actions'>
                        <View className='sz-gov-card__action sz-gov-card__action--danger' hoverClass='sz-gov-card__action--hover' data-testid={`listing-revoke-${l.id}`} onClick={() => busy || setRevoking(l)}>
                          撤销
                        </View>
                      </View>
                    </>
                  )}
                </View>
              ))
            )}
            <View className='sz-bottom-space' />
            {revoking ? (
              <ReasonSheet
                title={`撤销这条${LIST_NAMES[revoking.list]}记录：请写明原因`}
                subtitle={`${who(revoking)} · ${revoking.reason}`}
                intro={
                  <Text className='sz-gov-card__line' data-testid='revoke-intro'>
                    {revoking.list === 'black'
                      ? `撤销后立即恢复兑换和排名${revoking.points ? `，退回扣的 ${formatPoints(revoking.points)} 分` : ''}；当事人会收到通知，看到这个原因。`
                      : `撤销后从红榜上撤下${revoking.points ? `，收回奖的 ${formatPoints(revoking.points)} 分` : ''}；当事人会收到通知，看到这个原因。`}
                  </Text>
                }
                confirmText='确定撤销'
                confirmType='danger'
                templates={REVOKE_REASONS}
                placeholder='也可以自己写原因，当事人会看到'
                sending={sending}
                onCancel={() => setRevoking(null)}
                onConfirm={(reason) => void revoke(revoking, reason)}
                testId='revoke'
                textTestId='revoke-reason'
              />
            ) : null}
          </View>
        )
      }}
    </Loaded>
  )
}
