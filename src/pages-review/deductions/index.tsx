import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { DEDUCTION_STATUS_NAMES, type Deduction } from '@core/deductions'
import { formatPoints } from '@core/points'
import { api } from '../../api'
import { EvidencePhotos, Fact, Loaded, PageState, ROUTES, Tabs, formatDateTime, open, quietUnknown, useApi, useReshow, useSending, usePullDownReload } from '../../components'
import { Chip } from '../../components/Chip'
import { ReasonSheet } from '../../components/ReasonSheet'
import '../../pages-admin/governance.scss'

type Tab = 'waiting' | 'done'

const REJECT_REASONS = ['照片看不出扣分的事', '情况不属实', '分值过重，请重新登记'] as const

/** Handled: passed, turned down, withdrawn, undone — the latest first. */
async function handled(): Promise<Deduction[]> {
  const lists = await Promise.all((['applied', 'rejected', 'withdrawn', 'revoked'] as const).map((status) => api.points.deductions({ status }, quietUnknown)))
  return lists.flatMap((l) => l.items).sort((a, b) => (b.decidedAt ?? b.recordedAt).localeCompare(a.decidedAt ?? a.recordedAt))
}

/**
 * 扣分复核 (网格员, 工作小组): deductions recorded by a colleague wait here for a second pair of eyes. Each shows the
 * resident, what happened, the points, the story and the photos (a tap opens them). 通过 takes the points (at most what
 * the resident has) and tells them; 不通过 needs a reason. One's own recordings wait for someone else, and can be
 * withdrawn. New ones are recorded from 查询居民积分.
 */
export default function DeductionsPage() {
  const [tab, setTab] = useState<Tab>('waiting')
  const waiting = useApi(() => api.points.deductions({}, quietUnknown).then((r) => r.items))
  const done = useApi(handled)
  const [rejecting, setRejecting] = useState<Deduction | null>(null)
  const { sending, send } = useSending()
  const reload = () => Promise.all([waiting.reload(), done.reload()]).then(() => undefined)

  useReshow(() => void reload())
  usePullDownReload(reload)

  const decide = (d: Deduction, decision: 'pass' | 'reject' | 'withdraw', note?: string) =>
    send(
      () => api.points.decideDeduction({ deductionId: d.id, decision, ...(note ? { note } : {}) }),
      ({ deduction }) => (decision === 'pass' ? `已扣 ${formatPoints(deduction.points)} 分` : decision === 'reject' ? '已退回：不扣分' : '已撤回'),
      () => {
        setRejecting(null)
        return reload()
      },
    )

  const state = tab === 'waiting' ? waiting : done
  return (
    <Loaded state={state.state} reload={state.reload} refusals={{ 'AUTH.FORBIDDEN': <PageState kind='empty' title='只有网格员和社区工作小组可以复核扣分' testId='deductions-forbidden' /> }}>
      {(items) => {
        return (
          <View className='sz-page' data-testid='deductions-page'>
            <Tabs
              tabs={[
                { key: 'waiting', title: waiting.state.status === 'ready' && waiting.state.data.length ? `等复核 ${waiting.state.data.length}` : '等复核' },
                { key: 'done', title: '已处理' },
              ]}
              value={tab}
              onChange={setTab}
              testId='deductions-tabs'
            />
            {tab === 'waiting' && items.length > 0 ? (
              <Text className='sz-gov-intro'>请看照片和经过，属实就通过：扣分记入居民的积分明细和当月公示，居民会收到通知，可以提出异议。自己登记的要由别人复核。</Text>
            ) : null}
            {items.length === 0 ? (
              <PageState
                kind='empty'
                title={tab === 'waiting' ? '没有等复核的扣分' : '还没有处理过的扣分'}
                description={tab === 'waiting' ? '在“查询居民积分”里找到居民，可以登记扣分。' : undefined}
                testId='deductions-empty'
              >
                {tab === 'waiting' ? (
                  <Button className='sz-button' type='primary' size='large' block onClick={() => open(ROUTES.residentLookup())}>
                    去查询居民
                  </Button>
                ) : null}
              </PageState>
            ) : (
              items.map((d) => <DeductionCard key={d.id} deduction={d} sending={sending} onDecide={(decision) => (decision === 'reject' ? setRejecting(d) : void decide(d, decision))} />)
            )}
            <View className='sz-bottom-space' />
            {rejecting ? (
              <ReasonSheet
                title='不通过：请写原因'
                subtitle={`${rejecting.name} · ${rejecting.item} · ${formatPoints(rejecting.asked)} 分`}
                intro={<Text className='sz-sheet__line'>不扣分。原因会告诉登记的人。</Text>}
                confirmText='确定不通过'
                templates={REJECT_REASONS}
                placeholder='请写明为什么不通过（至少 2 个字）'
                sending={sending}
                onCancel={() => setRejecting(null)}
                onConfirm={(note) => void decide(rejecting, 'reject', note)}
                testId='deduction-reject'
                textTestId='deduction-reject-note'
              />
            ) : null}
          </View>
        )
      }}
    </Loaded>
  )
}

function DeductionCard({ deduction: d, sending, onDecide }: { deduction: Deduction; sending: boolean; onDecide: (decision: 'pass' | 'reject' | 'withdraw') => void }) {
  const taken = d.status === 'applied' || d.status === 'revoked'
  return (
    <View className='sz-card' data-testid={`deduction-${d.id}`} data-status={d.status}>
      <View className='sz-gov-card__head'>
        <Text className='sz-gov-card__title'>
          {d.name} · {d.item}
        </Text>
        <Text className={`sz-gov-card__points sz-gov-card__points--minus ${d.status === 'revoked' ? 'sz-gov-card__points--void' : ''}`}>
          −{formatPoints(taken ? d.points : d.asked)} 分
        </Text>
      </View>
      <Fact label='院落' value={d.courtyard} />
      <Fact label='登记人' value={`${d.recordedBy}，${formatDateTime(d.recordedAt)}`} />
      {taken && d.points < d.asked ? <Fact label='实际扣' value={`${formatPoints(d.points)} 分（登记 ${formatPoints(d.asked)} 分，余额不够）`} /> : null}
      <Text className='sz-gov-card__line'>经过：</Text>
      <Text className='sz-gov-card__quote'>{d.reason}</Text>
      <EvidencePhotos urls={d.photoUrls} testId={`deduction-photos-${d.id}`} />
      {d.status === 'proposed' ? (
        d.mayDecide || d.mayWithdraw ? (
          <View className='sz-gov-card__actions'>
            {d.mayWithdraw ? (
              <View className='sz-gov-card__action' hoverClass='sz-gov-card__action--hover' data-testid={`deduction-withdraw-${d.id}`} onClick={() => !sending && onDecide('withdraw')}>
                撤回
              </View>
            ) : (
              <>
                <View className='sz-gov-card__action' hoverClass='sz-gov-card__action--hover' data-testid={`deduction-reject-${d.id}`} onClick={() => !sending && onDecide('reject')}>
                  不通过
                </View>
                <View className='sz-gov-card__action sz-gov-card__action--danger' hoverClass='sz-gov-card__action--hover' data-testid={`deduction-pass-${d.id}`} onClick={() => !sending && onDecide('pass')}>
                  通过，扣分
                </View>
              </>
            )}
          </View>
        ) : null
      ) : (
        <View className='sz-gov-card__line' data-testid={`deduction-result-${d.id}`}>
          <Chip tone={d.status === 'applied' ? 'red' : 'grey'} status={d.status}>
            {DEDUCTION_STATUS_NAMES[d.status]}
          </Chip>
          <Text className='sz-gov-card__line'>
            {d.decidedBy ? `${d.decidedBy}，${formatDateTime(d.decidedAt!)}` : ''}
            {d.note ? `：${d.note}` : ''}
          </Text>
        </View>
      )}
      {d.status === 'proposed' && d.mayWithdraw ? <Text className='sz-gov-card__line'>等另一位网格员或工作小组复核。</Text> : null}
    </View>
  )
}
