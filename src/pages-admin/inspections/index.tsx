import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { INSPECTION_AWARDS } from '@core/governance'
import { api, type Output } from '../../api'
import { Loaded, PageState, SubmitBar, monthKeyOf, monthLabel, quietUnknown, useApi } from '../../components'
import { PeriodStepper } from '../PeriodStepper'
import { shiftMonth } from '../periods'
import '../admin.scss'
import '../governance.scss'
import './index.scss'

type Awards = Output<'governance', 'awardInspections'>['awards']

/**
 * 卫生检查评奖 (工作小组): a month's hygiene inspection ranking, and 发放奖励 — the households of the courtyards ranked
 * 1st, 2nd and 3rd get 3, 2 and 1 points, once. By default the month's close pays them (社区设置); this page shows
 * whether they are paid and pays them by hand. Opens on last month, the one usually being awarded.
 */
export default function InspectionAwardsPage() {
  const { state, reload } = useApi(async () => {
    const [me, { settings }] = await Promise.all([api.user.me({}, quietUnknown), api.org.settings({}, quietUnknown)])
    return { admin: me.roles.some((r) => r.role === 'admin'), atClose: settings.awardInspectionsAtClose }
  })
  return (
    <Loaded state={state} reload={reload}>
      {({ admin, atClose }) =>
        admin ? (
          <Ranking atClose={atClose} />
        ) : (
          <View className='sz-page'>
            <PageState kind='empty' title='只有社区工作小组可以发放检查奖励' testId='awards-forbidden' />
          </View>
        )
      }
    </Loaded>
  )
}

function Ranking({ atClose }: { atClose: boolean }) {
  const thisMonth = monthKeyOf()
  const [month, setMonth] = useState(() => shiftMonth(thisMonth, -1))
  const list = useApi(() => api.governance.inspections({ month }, { silent: true }), [month])
  const [sending, setSending] = useState(false)
  const [paid, setPaid] = useState<{ month: string; awards: Awards } | null>(null)

  usePullDownRefresh(() => void list.reload().finally(() => Taro.stopPullDownRefresh()))

  const award = async (unpaid: number) => {
    const { confirm } = await Taro.showModal({
      title: `发放${monthLabel(month)}的检查奖励？`,
      content: `前三名院落的每户各得 ${INSPECTION_AWARDS.join('、')} 分（还有 ${unpaid} 个院落没有发）。每个院落只发一次。`,
      confirmText: '发放',
      cancelText: '再看看',
      confirmColor: '#07c160',
    })
    if (!confirm) return
    setSending(true)
    try {
      const { awards } = await api.governance.awardInspections({ month })
      setPaid({ month, awards })
      void Taro.showToast({ title: '已发放', icon: 'success' })
      await list.reload()
    } catch {
      // the toast said why
    } finally {
      setSending(false)
    }
  }

  return (
    <View className='sz-page sz-awards' data-testid='awards-page'>
      <PeriodStepper
        label={monthLabel(month)}
        previousLabel='上个月'
        nextLabel='下个月'
        onPrevious={() => setMonth(shiftMonth(month, -1))}
        onNext={month < thisMonth ? () => setMonth(shiftMonth(month, 1)) : undefined}
        testId='awards-month'
      />
      <Text className='sz-awards__intro' data-testid='awards-rule'>
        每月卫生大检查前三名院落的每户各得 {INSPECTION_AWARDS.join('、')} 分。
        {atClose ? '现在的设置是结月时自动发放；没有自动发的，可以在这里发。' : '现在的设置是由工作小组在这里手动发放。'}
      </Text>
      {paid && paid.month === month ? (
        <View className='sz-alert sz-alert--success' data-testid='awards-done'>
          <Text className='sz-alert__title'>已发放</Text>
          {paid.awards.map((a) => (
            <Text key={a.courtyard} className='sz-alert__line'>
              第 {a.rank} 名 {a.courtyard}：每户 {a.points} 分，共 {a.households} 户
            </Text>
          ))}
        </View>
      ) : null}
      <Loaded state={list.state} reload={list.reload} bare>
        {({ items }) => {
          if (items.length === 0)
            return <PageState kind='empty' title={`${monthLabel(month)}还没有检查记录`} description='网格员打分后，排名会出现在这里。' testId='awards-empty' />
          const unpaid = items.filter((i) => i.rank <= INSPECTION_AWARDS.length && !i.awarded).length
          const over = month < thisMonth
          return (
            <>
              <View className='sz-list' data-testid='awards-list'>
                {items.map((i, n) => (
                  <View key={i.id} className={`sz-awards__row ${n > 0 ? 'sz-awards__row--divided' : ''}`} data-testid={`awards-row-${i.courtyardId}`}>
                    <Text className='sz-awards__rank'>第{i.rank}名</Text>
                    <View className='sz-awards__main'>
                      <Text className='sz-awards__title'>{i.courtyardName}</Text>
                      <Text className='sz-awards__meta'>检查人：{i.inspector}</Text>
                      {i.rank <= INSPECTION_AWARDS.length ? (
                        <Text className='sz-awards__paid' data-testid={`awards-status-${i.courtyardId}`}>
                          {i.awarded ? `已发放：每户 ${INSPECTION_AWARDS[i.rank - 1]} 分` : `待发放：每户 ${INSPECTION_AWARDS[i.rank - 1]} 分`}
                        </Text>
                      ) : null}
                    </View>
                    <Text className='sz-awards__score'>{i.score} 分</Text>
                  </View>
                ))}
              </View>
              <SubmitBar
                label={unpaid > 0 ? '发放奖励' : '奖励已发放'}
                size='large'
                busy={sending}
                busyLabel='正在发放…'
                disabled={!over || unpaid === 0}
                testId='awards-submit'
                after={over ? (unpaid > 0 ? `还有 ${unpaid} 个院落的奖励没有发。` : '这个月的奖励都发过了，不会重复发。') : '这个月还没过完，下个月再发。'}
                onSubmit={() => void award(unpaid)}
              />
            </>
          )
        }}
      </Loaded>
      <View className='sz-bottom-space' />
    </View>
  )
}
