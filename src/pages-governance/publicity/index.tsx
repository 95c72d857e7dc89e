import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro, { useRouter, usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { GLOSSARY } from '@core/glossary'
import { isMonthInput } from '@core/inputs'
import { ApiError, api, type Publicity, type PublicityItem } from '../../api'
import { ListFooter, NotJoined, PageState, ROUTES, formatDate, formatDateTime, monthLabel, open, quietUnknown, signedPoints, useApi, usePaged } from '../../components'
import { Chip, type ChipTone } from '../../components/Chip'
import { MonthPicker } from '../../components/PickerRow'
import { InspectionRanking, RankRow } from '../RankRow'
import { lastMonth } from '../shared'
import '../governance.scss'
import './index.scss'

/** What an objection may be raised against: points earned, deducted or adjusted (not a correction itself). */
const OBJECTABLE = new Set(['credit', 'deduction', 'adjustment'])
const STATUS_TONES: Record<Publicity['status'], ChipTone> = { open: 'grey', closed: 'orange', final: 'green' }

type Verify = { status: 'idle' } | { status: 'checking' } | { status: 'done'; valid: boolean; digest: string | null; brokenAt?: string } | { status: 'failed'; message: string }

/**
 * 积分公示栏: a month's board, open to every member. The month's status (未结月 / 公示中 until … / 已认定), 已更正 when it
 * was corrected after publication, the rankings (the month's scores now, corrections included: they add up to the entries), each entry (names as core/visibility lets this viewer see them) with 提出异议 while the window lasts, 防篡改核对 (the digest chain), 打印,
 * and the month's courtyard hygiene ranking. Opened with ?month=2026-11, or last month.
 */
export default function PublicityPage() {
  const param = useRouter().params.month
  const [month, setMonth] = useState(() => (param && isMonthInput(param) ? param : lastMonth()))
  const [board, setBoard] = useState<Publicity | null>(null)
  const [verify, setVerify] = useState<Verify>({ status: 'idle' })

  const list = usePaged<PublicityItem>(
    [
      async (cursor) => {
        const page = await api.governance.publicity({ month, ...(cursor ? { cursor } : {}) }, quietUnknown)
        if (!cursor) setBoard(page)
        return page
      },
    ],
    null,
    [month],
  )
  const inspections = useApi(() => api.governance.inspections({ month }, { silent: true }), [month])

  usePullDownRefresh(() => {
    setVerify({ status: 'idle' })
    void Promise.all([list.reload(), inspections.reload()]).finally(() => Taro.stopPullDownRefresh())
  })
  useReachBottom(() => void list.loadMore())

  const pick = (m: string) => {
    setMonth(m)
    setVerify({ status: 'idle' })
  }

  const check = async () => {
    setVerify({ status: 'checking' })
    try {
      const r = await api.governance.verify({ month }, { silent: true })
      setVerify({ status: 'done', valid: r.valid, digest: r.digest, ...(r.brokenAt ? { brokenAt: r.brokenAt } : {}) })
    } catch (e) {
      const message = !(e instanceof ApiError) ? `${GLOSSARY.verify}没有做成，请再试一次` : e.code === 'NOT_FOUND' ? `${monthLabel(month)}还没有结月，结月以后才能做${GLOSSARY.verify}。` : e.message
      setVerify({ status: 'failed', message })
    }
  }

  if (list.status === 'error' && list.error?.code === 'AUTH.UNAUTHENTICATED') {
    return (
      <View className='sz-page'>
        <NotJoined />
      </View>
    )
  }

  const head = board && board.month === month ? board : null

  let entries
  if (list.status === 'loading') entries = <PageState kind='loading' />
  else if (list.status === 'error') entries = <PageState kind='error' description={list.error?.message} onRetry={() => void list.reload()} testId='publicity-error' />
  else if (list.items.length === 0)
    entries = <PageState kind='empty' title={`${monthLabel(month)}没有积分记录`} description='这个月没有人得分或扣分。' testId='publicity-empty' />
  else
    entries = (
      <>
        <View className='sz-list' data-testid='publicity-list'>
          {list.items.map((item, i) => (
            <EntryRow key={item.entryId} item={item} divided={i > 0} canObject={!!head?.objectionsOpen} month={month} />
          ))}
        </View>
        <ListFooter list={list} />
      </>
    )

  return (
    <View className='sz-page sz-board' data-testid='publicity-page'>
      <View className='sz-gov__month'>
        <MonthPicker month={month} onChange={pick} testId='publicity-month' />
      </View>
      {head ? <StatusCard board={head} /> : null}
      {head?.corrected ? <CorrectedNote corrected={head.corrected} /> : null}
      <View className='sz-gov__links'>
        <View className='sz-gov__link' hoverClass='sz-gov__link--hover' data-testid='verify-button' onClick={() => verify.status !== 'checking' && void check()}>
          {verify.status === 'checking' ? `正在${GLOSSARY.verify}…` : GLOSSARY.verify}
        </View>
        <View className='sz-gov__link sz-gov__link--next' hoverClass='sz-gov__link--hover' data-testid='print-link' onClick={() => open(ROUTES.publicityPrint(month))}>
          打印
        </View>
        <View className='sz-gov__link sz-gov__link--next' hoverClass='sz-gov__link--hover' data-testid='my-objections-link' onClick={() => open(ROUTES.myObjections)}>
          我的异议
        </View>
      </View>
      <VerifyResult verify={verify} />
      {head?.rankings ? <Rankings rankings={head.rankings} corrected={!!head.corrected} /> : null}

      <View className='sz-list-head'>
        <Text className='sz-list-head__title'>积分记录</Text>
      </View>
      {head?.objectionsOpen ? <Text className='sz-gov__intro'>对哪一条有疑问，点它下面的“提出异议”。您的姓名只有社区工作小组看得到。</Text> : null}
      {entries}

      <View className='sz-list-head'>
        <Text className='sz-list-head__title'>院落卫生检查</Text>
      </View>
      <InspectionRanking state={inspections.state} reload={inspections.reload} month={month} />
      <View className='sz-bottom-space' />
    </View>
  )
}

/** The month, its status in a chip, and in words what that means for the reader (can I still object? until when?). */
function StatusCard({ board }: { board: Publicity }) {
  let line: string
  if (board.status === 'open') line = '这个月还没有结月，下面的记录还会变化。结月后开始公示，公示期间可以提出异议。'
  else if (board.status === 'closed' && board.objectionsOpen)
    line = `公示到 ${formatDateTime(board.windowEndsAt!)}。这期间对哪一条有疑问，都可以提出异议。`
  else if (board.status === 'closed') line = `公示期已于 ${formatDateTime(board.windowEndsAt!)} 结束，不能再提出异议，正在等待认定。`
  else line = '公示期已结束，这个月的积分已经认定。'
  return (
    <View className='sz-card sz-board__status' data-testid='publicity-status' data-status={board.status}>
      <View className='sz-board__status-head'>
        <Text className='sz-board__status-month'>{monthLabel(board.month)} 积分公示</Text>
        <Chip tone={STATUS_TONES[board.status]} large status={board.status} testId='publicity-status-chip'>
          {board.statusName}
        </Chip>
      </View>
      <Text className='sz-board__status-line'>{line}</Text>
    </View>
  )
}

/** 已更正: the month was corrected after it was published — an entry found wrong and struck out; totals and ranks follow the correction. */
function CorrectedNote({ corrected }: { corrected: NonNullable<Publicity['corrected']> }) {
  return (
    <View className='sz-alert sz-alert--warning' data-testid='publicity-corrected'>
      <Text className='sz-alert__title'>已更正</Text>
      <Text className='sz-alert__line'>{corrected.note}</Text>
    </View>
  )
}

function VerifyResult({ verify }: { verify: Verify }) {
  if (verify.status === 'done' && verify.valid)
    return (
      <View className='sz-alert sz-alert--success' data-testid='verify-result' data-valid='true'>
        <Text className='sz-alert__title'>公示数据完整，未被改动</Text>
        <Text className='sz-alert__line'>和结月时的记录逐条核对过，一条也没有变。</Text>
        {verify.digest ? <Text className='sz-board__digest'>{GLOSSARY.verifyCode} {verify.digest.slice(0, 16)}</Text> : null}
      </View>
    )
  if (verify.status === 'done')
    return (
      <View className='sz-alert sz-alert--error' data-testid='verify-result' data-valid='false'>
        <Text className='sz-alert__title'>注意：公示数据被改动过</Text>
        <Text className='sz-alert__line'>
          {verify.brokenAt ? `从 ${monthLabel(verify.brokenAt)} 起，` : ''}记录和结月时的不一致。请告诉社区工作小组。
        </Text>
      </View>
    )
  if (verify.status === 'failed')
    return (
      <View className='sz-alert sz-alert--warning' data-testid='verify-result' data-valid='unknown'>
        <Text className='sz-alert__line'>{verify.message}</Text>
      </View>
    )
  return null
}

function Rankings({ rankings, corrected }: { rankings: NonNullable<Publicity['rankings']>; corrected: boolean }) {
  const courtyards = rankings.courtyard ?? []
  const residents = (rankings.resident ?? []).slice(0, 10)
  if (courtyards.length === 0 && residents.length === 0) return null
  return (
    <View data-testid='publicity-rankings'>
      <View className='sz-list-head'>
        <Text className='sz-list-head__title'>本月排名</Text>
      </View>
      <Text className='sz-gov__intro' data-testid='ranking-intro'>
        按这个月的积分排名{corrected ? '，已按更正以后的分数重新计算' : ''}；在黑榜上的不参加排名。
      </Text>
      {courtyards.length > 0 ? (
        <>
          <Text className='sz-section-title sz-board__rank-title'>院落积分</Text>
          <View className='sz-list' data-testid='ranking-courtyards'>
            {courtyards.map((r, i) => (
              <RankRow key={r.id} place={i + 1} name={r.name} score={r.score} divided={i > 0} />
            ))}
          </View>
        </>
      ) : null}
      {residents.length > 0 ? (
        <>
          <Text className='sz-section-title sz-board__rank-title'>个人积分前 {residents.length} 名</Text>
          <View className='sz-list' data-testid='ranking-residents'>
            {residents.map((r, i) => (
              // As the answer has it: masked but for the viewer themselves and the officials over each (core/visibility).
              <RankRow key={r.id} place={i + 1} name={r.name} score={r.score} divided={i > 0} />
            ))}
          </View>
        </>
      ) : null}
    </View>
  )
}

/** One entry of the board: who (masked), what, where, when, the points; struck through once reversed; 公示后 corrections marked. */
function EntryRow({ item, divided, canObject, month }: { item: PublicityItem; divided: boolean; canObject: boolean; month: string }) {
  const objectable = canObject && !item.reversed && OBJECTABLE.has(item.kind)
  return (
    <View
      className={`sz-board__row ${divided ? 'sz-board__row--divided' : ''}`}
      data-testid='publicity-item'
      data-entry-id={item.entryId}
      data-reversed={item.reversed ? 'true' : 'false'}
      data-corrected={item.corrected ? 'true' : 'false'}
    >
      <View className='sz-board__line'>
        <View className='sz-board__main'>
          <Text className='sz-board__who'>{item.name}</Text>
          <Text className={`sz-board__item ${item.reversed ? 'sz-board__item--void' : ''}`}>{item.item}</Text>
          <Text className='sz-board__meta'>
            {item.courtyard} · {formatDate(item.at)}
          </Text>
        </View>
        <Text
          className={`sz-board__points sz-board__points--${item.points >= 0 ? 'plus' : 'minus'} ${item.reversed ? 'sz-board__points--void' : ''}`}
          data-testid='publicity-points'
        >
          {signedPoints(item.points)}
        </Text>
      </View>
      {item.reversed || item.corrected || objectable ? (
        <View className='sz-board__foot'>
          {item.reversed ? (
            <Chip tone='red' testId='publicity-reversed'>
              {GLOSSARY.reversed}
            </Chip>
          ) : null}
          {item.corrected ? (
            <Chip tone='orange' testId='publicity-corrected-item'>
              {item.reversed ? '公示后查实有误，不算分' : '公示后的更正'}
            </Chip>
          ) : null}
          {objectable ? (
            <View className='sz-board__object' hoverClass='sz-board__object--hover' data-testid='object-link' onClick={() => open(ROUTES.objectionForm(item.entryId, month))}>
              提出异议 ›
            </View>
          ) : null}
        </View>
      ) : null}
    </View>
  )
}
