import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { MONTH_STATUS_NAMES, type MonthStatus } from '@core/governance'
import { GLOSSARY } from '@core/glossary'
import { monthCloseProblem } from '@core/months'
import { api, type Objection, type Publicity, type Settings } from '../../api'
import { Loaded, PageState, ROUTES, formatDate, formatDateTime, monthKeyOf, monthLabel, open, quietUnknown, useApi, useReshow, usePullDownReload } from '../../components'
import { Chip, type ChipTone } from '../../components/Chip'
import { Sheet } from '../../components/Sheet'
import { ExportButton } from '../../components/ExportButton'
import { recentMonths } from '../periods'
import '../admin.scss'
import '../governance.scss'
import './index.scss'

const MONTHS_SHOWN = 12
const DAY = 86_400_000
const TONES: Record<MonthStatus, ChipTone> = { open: 'grey', closed: 'blue', final: 'green' }

interface Loaded12 {
  settings: Settings
  /** The boards of this month and the eleven before it, newest first. */
  boards: Publicity[]
  /** Objections still being investigated, by month. */
  openObjections: Record<string, number>
}

/** What can be done with an open month: `next` is the one that waits (the latest month that is over). */
type Closable = 'next' | 'yes' | 'not-over' | 'too-late'

type Verified = { checking: true } | { checking: false; valid: boolean; brokenAt?: string }

/** 12 条 or 50 条以上: the first page of the board says how many, or that there are more. */
const countOf = (b: Publicity) => (b.cursor ? `${b.items.length} 条以上` : `${b.items.length} 条`)

/** 1a2b 3c4d: the first 8 characters of the digest, in two groups, enough to compare with the printed board. */
const shortDigest = (d: string) => `${d.slice(0, 4)} ${d.slice(4, 8)}`

/**
 * 结月与公示 (工作小组): of the last twelve months, those with points or a close record, and last month (the one to
 * close now), each with its state. A month that is over can be closed — its scores and rankings are frozen and its
 * board goes up for the publicity days (objections until then) — after a confirmation, because closing is final. A
 * closed month shows its 防篡改核对码 (8 characters; the whole one behind a tap), 防篡改核对 (recomputes the chain),
 * the board, its print version and the Excel export. The timer closes last month on the 1st by itself; this page is
 * for doing it by hand.
 */
export default function MonthsPage() {
  const thisMonth = monthKeyOf()
  const months = recentMonths(thisMonth, MONTHS_SHOWN)
  const { state, reload } = useApi<Loaded12>(async () => {
    const [{ settings }, boards, objections] = await Promise.all([
      api.org.settings({}, quietUnknown),
      Promise.all(months.map((month) => api.governance.publicity({ month }, quietUnknown))),
      api.governance.objections({ status: 'open' }, quietUnknown),
    ])
    const openObjections: Record<string, number> = {}
    for (const o of objections.items as Objection[]) openObjections[o.month] = (openObjections[o.month] ?? 0) + 1
    return { settings, boards, openObjections }
  }, [thisMonth])
  const [asking, setAsking] = useState<Publicity | null>(null)
  const [closing, setClosing] = useState(false)
  const [verified, setVerified] = useState<Record<string, Verified>>({})

  useReshow(() => void reload())
  usePullDownReload(reload)

  const close = async (month: string) => {
    setClosing(true)
    try {
      await api.governance.closeMonth({ month })
      setAsking(null)
      void Taro.showToast({ title: `${monthLabel(month)}已结月，开始公示`, icon: 'none', duration: 2500 })
      await reload()
    } catch {
      // the toast said why; the sheet stays open
    } finally {
      setClosing(false)
    }
  }

  const verify = async (month: string) => {
    setVerified((v) => ({ ...v, [month]: { checking: true } }))
    try {
      const r = await api.governance.verify({ month })
      setVerified((v) => ({ ...v, [month]: { checking: false, valid: r.valid, brokenAt: r.brokenAt } }))
    } catch {
      setVerified((v) => {
        const { [month]: _dropped, ...rest } = v
        return rest
      })
    }
  }

  return (
    <Loaded
      state={state}
      reload={reload}
      refusals={{ 'AUTH.FORBIDDEN': <PageState kind='empty' title='只有社区工作小组可以结月' testId='months-forbidden' /> }}
    >
      {({ settings, boards, openObjections }) => {
        const latestClosed = boards.filter((b) => b.status !== 'open').map((b) => b.month).sort().pop()
        const lastOver = months[1]
        // The close's own rule (core/governance), which governance.closeMonth applies too.
        const closable = (b: Publicity): Closable => {
          const problem = monthCloseProblem(b.month, thisMonth, latestClosed)
          return problem === 'not_over' ? 'not-over' : problem === 'later_closed' ? 'too-late' : b.month === lastOver ? 'next' : 'yes'
        }
        return (
          <View className='sz-page sz-months' data-testid='months-page'>
            <Text className='sz-gov-intro'>
              一月一审核一公示：每月 1 日凌晨系统自动结上个月，也可以在这里手动结月。结月后公示 {settings.publicityDays} 天，居民可以对公示的记录提出异议。
            </Text>
            {boards
              .filter((b) => b.items.length > 0 || b.cursor || b.status !== 'open' || b.month === lastOver)
              .map((b) => (
                <MonthCard
                  key={b.month}
                  board={b}
                  closable={closable(b)}
                  objections={openObjections[b.month] ?? 0}
                  verified={verified[b.month]}
                  onClose={() => setAsking(b)}
                  onVerify={() => void verify(b.month)}
                />
              ))}
            <View className='sz-bottom-space' />
            {asking ? (
              <CloseSheet
                board={asking}
                publicityDays={settings.publicityDays}
                locked={boards.filter((b) => b.status === 'open' && b.month < asking.month && b.items.length > 0).map((b) => b.month)}
                sending={closing}
                onCancel={() => setAsking(null)}
                onConfirm={() => void close(asking.month)}
              />
            ) : null}
          </View>
        )
      }}
    </Loaded>
  )
}

interface MonthCardProps {
  board: Publicity
  closable: Closable
  objections: number
  verified?: Verified
  onClose: () => void
  onVerify: () => void
}

function MonthCard({ board: b, closable, objections, verified, onClose, onVerify }: MonthCardProps) {
  const [wholeDigest, setWholeDigest] = useState(false)
  return (
    <View className='sz-card sz-months__card' data-testid={`month-${b.month}`} data-status={b.status}>
      <View className='sz-gov-card__head'>
        <Text className='sz-gov-card__title'>{monthLabel(b.month)}</Text>
        <Chip tone={TONES[b.status]} status={b.status} testId={`month-status-${b.month}`}>
          {MONTH_STATUS_NAMES[b.status]}
        </Chip>
      </View>
      <Text className='sz-gov-card__line'>{b.items.length === 0 && !b.cursor ? '没有积分记录' : `积分记录 ${countOf(b)}`}</Text>

      {b.status === 'open' ? (
        closable === 'next' || closable === 'yes' ? (
          <View className='sz-gov-card__actions'>
            <View
              className={`sz-gov-card__action ${closable === 'next' ? 'sz-gov-card__action--primary' : ''}`}
              hoverClass='sz-gov-card__action--hover'
              data-testid={`month-close-${b.month}`}
              onClick={onClose}
            >
              结月
            </View>
          </View>
        ) : (
          <Text className='sz-gov-card__line' data-testid={`month-note-${b.month}`}>
            {closable === 'not-over'
              ? '这个月还没有过完，下个月 1 日后可结月。'
              : b.items.length === 0
                ? '没有积分记录，不必结月。'
                : '已经结过更晚的月份，这个月不能再补结。'}
          </Text>
        )
      ) : (
        <>
          <Text className='sz-gov-card__line sz-gov-card__line--strong' data-testid={`month-window-${b.month}`}>
            {b.status === 'final'
              ? '公示期已结束，结果已认定。'
              : b.objectionsOpen && b.windowEndsAt
                ? `公示中，${formatDateTime(b.windowEndsAt)} 截止，截止前居民可提出异议。`
                : objections > 0
                  ? '公示期已过，异议处理完后自动认定。'
                  : '公示期已过，系统将自动认定。'}
          </Text>
          {objections > 0 ? (
            <Text className='sz-gov-card__line sz-gov-card__line--warn sz-months__link' data-testid={`month-objections-${b.month}`} onClick={() => open(ROUTES.adminObjections)}>
              {objections} 条异议待处理 ›
            </Text>
          ) : null}
          {b.digest ? (
            <View className='sz-months__digest' data-testid={`month-digest-${b.month}`} onClick={() => setWholeDigest(!wholeDigest)}>
              <Text className='sz-gov-card__line'>
                {GLOSSARY.verifyCode} <Text className='sz-months__code'>{shortDigest(b.digest)}</Text>
                <Text className='sz-months__more'>{wholeDigest ? ' 收起 ▴' : ' 看完整的 ▾'}</Text>
              </Text>
              {wholeDigest ? (
                <Text className='sz-months__code sz-months__code--whole' userSelect data-testid={`month-digest-whole-${b.month}`}>
                  {b.digest}
                </Text>
              ) : null}
            </View>
          ) : null}
          {verified ? (
            verified.checking ? (
              <Text className='sz-gov-card__line'>正在核对…</Text>
            ) : (
              <Text className={`sz-months__verdict ${verified.valid ? 'sz-months__verdict--ok' : 'sz-months__verdict--bad'}`} data-testid={`month-verified-${b.month}`} data-valid={verified.valid ? 'true' : 'false'}>
                {verified.valid
                  ? `✓ ${GLOSSARY.verify}通过：结月以来，公示的记录没有被改动过。`
                  : `✗ ${GLOSSARY.verify}不通过：${verified.brokenAt ? monthLabel(verified.brokenAt) : '这个月'}的记录在结月后被改动过，请核查。`}
              </Text>
            )
          ) : null}
          <View className='sz-gov-card__actions'>
            <View className='sz-gov-card__action' hoverClass='sz-gov-card__action--hover' data-testid={`month-verify-${b.month}`} onClick={onVerify}>
              {GLOSSARY.verify}
            </View>
            <View className='sz-gov-card__action' hoverClass='sz-gov-card__action--hover' data-testid={`month-board-${b.month}`} onClick={() => open(ROUTES.publicity(b.month))}>
              查看公示
            </View>
            <View className='sz-gov-card__action' hoverClass='sz-gov-card__action--hover' data-testid={`month-print-${b.month}`} onClick={() => open(ROUTES.publicityPrint(b.month))}>
              打印
            </View>
            <ExportButton variant='action' make={() => api.governance.exportPublicity({ month: b.month })} testId={`month-export-${b.month}`} />
          </View>
        </>
      )}
    </View>
  )
}

interface CloseSheetProps {
  board: Publicity
  publicityDays: number
  /** Earlier months still open that have records: closing this one shuts them out for good. */
  locked: string[]
  sending: boolean
  onCancel: () => void
  onConfirm: () => void
}

function CloseSheet({ board, publicityDays, locked, sending, onCancel, onConfirm }: CloseSheetProps) {
  const ends = new Date(Date.now() + publicityDays * DAY)
  return (
    <Sheet
      title={`结 ${monthLabel(board.month)}？`}
      subtitle={`积分记录 ${countOf(board)}`}
      confirmText='确定结月'
      cancelText='再想想'
      sending={sending}
      onCancel={onCancel}
      onConfirm={onConfirm}
      testId='close-sheet'
      cancelTestId='close-cancel'
      confirmTestId='close-confirm'
    >
      <View className='sz-sheet__body'>
        <Text className='sz-sheet__line'>结月后：</Text>
        <Text className='sz-months__point'>· 这个月的积分和排名就此冻结，作为本月的审核结果；</Text>
        <Text className='sz-months__point'>
          · 公示 {publicityDays} 天（到 {formatDate(ends)}），期间居民可以对公示的记录提出异议；
        </Text>
        <Text className='sz-months__point'>· 公示期满、异议处理完后自动认定。</Text>
        <Text className='sz-months__point sz-months__point--warn'>结月不能撤销。</Text>
        {locked.length > 0 ? (
          <Text className='sz-months__point sz-months__point--warn' data-testid='close-locked'>
            更早的 {locked.map(monthLabel).join('、')} 还有积分记录没有结月，结了这个月以后就不能再补结。
          </Text>
        ) : null}
      </View>
    </Sheet>
  )
}
