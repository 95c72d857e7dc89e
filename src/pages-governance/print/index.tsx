import { View, Text } from '@tarojs/components'
import { GLOSSARY, boardRemark } from '@core/glossary'
import { useRouter } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { ENTRY_KIND_NAMES, type EntryKind } from '@core/ledger'
import { maskName } from '@core/names'
import { isMonthInput } from '@core/inputs'
import { formatPoints } from '@core/points'
import { api, type Publicity, type PublicityItem } from '../../api'
import { Loaded, beijingParts, monthLabel, quietUnknown, signedPoints, useApi } from '../../components'
import { fullDate, lastMonth } from '../shared'
import { canPrint, printPage } from './printer'
import './index.scss'

const MAX_PAGES = 200

/** The whole board of a month: every page of it, for paper. */
async function wholeBoard(month: string): Promise<{ board: Publicity; items: PublicityItem[] }> {
  const first = await api.governance.publicity({ month }, quietUnknown)
  const items = [...first.items]
  let cursor = first.cursor
  for (let i = 0; cursor && i < MAX_PAGES; i++) {
    const page = await api.governance.publicity({ month, cursor }, quietUnknown)
    items.push(...page.items)
    cursor = page.cursor
  }
  return { board: first, items }
}

/** The printed board goes up on the notice board, for the public (core/visibility PUBLIC): every name masked, whoever prints it. */
const masked = (name: string) => (name.includes('*') ? name : maskName(name))
const shortDay = (at: string) => {
  const p = beijingParts(at)
  return `${p.month}月${p.day}日`
}

/**
 * 打印公示 (?month=2026-11): the board as the notice on the community's wall — title, status and window, 已更正 when the
 * month was corrected after it went up, a table of every entry (its 类别, 已撤销 and the corrections), the total that
 * equals the courtyard ranking's, the digest as 防篡改核对码, and blanks for the objection phone and contact, written by hand.
 * h5 prints it on A4 (打印); the mini-program shows the same table.
 */
export default function PrintPage() {
  const param = useRouter().params.month
  const month = param && isMonthInput(param) ? param : lastMonth()
  const { state, reload } = useApi(() => Promise.all([api.user.me({}, quietUnknown), wholeBoard(month)]), [month])

  return (
    <Loaded state={state} reload={reload}>
      {([me, { board, items }]) => <Sheet community={me.communityName ?? '本社区'} board={board} items={items} />}
    </Loaded>
  )
}


function Sheet({ community, board, items }: { community: string; board: Publicity; items: PublicityItem[] }) {
  // Every entry counts as shown: a struck-out entry and its correction add up to nothing, so the total is the rankings' total.
  const total = items.reduce((sum, i) => sum + Math.round(i.points * 10), 0) / 10
  const reversed = items.filter((i) => i.reversed).length
  const courtyards = board.rankings?.courtyard ?? []
  let status: string
  if (board.status === 'open') status = '未结月（记录还会变化，结月后再张贴）'
  else if (board.status === 'closed') status = `公示中${board.windowEndsAt ? `，公示期至 ${fullDate(board.windowEndsAt)}` : ''}`
  else status = '已认定（公示期已结束）'

  return (
    <View className='sz-page sz-print' data-testid='print-page'>
      {canPrint ? (
        <View className='sz-print__tools'>
          <Button className='sz-button' type='primary' size='large' block data-testid='print-button' onClick={printPage}>
            打印
          </Button>
          <Text className='sz-print__tools-hint'>用 A4 纸竖着打印；浏览器的打印窗口里可以选打印机或“另存为 PDF”。</Text>
        </View>
      ) : (
        <Text className='sz-print__tools sz-print__tools-hint'>小程序里不能直接打印：张贴用的公示请社区工作小组在电脑上打开打印。</Text>
      )}

      <View className='sz-print__sheet' data-testid='print-sheet'>
        <Text className='sz-print__title' data-testid='print-title'>
          {community} {monthLabel(board.month)} 积分公示
        </Text>
        <Text className='sz-print__line' data-testid='print-status'>
          状态：{status}
        </Text>
        {board.corrected ? (
          <Text className='sz-print__line sz-print__corrected' data-testid='print-corrected'>
            已更正：{board.corrected.note}
          </Text>
        ) : null}
        <Text className='sz-print__line' data-testid='print-total'>
          共 {items.length} 条记录，合计 {signedPoints(total)} 分
          {reversed > 0 ? `（其中 ${reversed} 条${GLOSSARY.reversed}：它和它的更正记录一加一减，不再算分）` : ''}。居民姓名按规定隐去一字。
        </Text>

        <View className='sz-print__scroll'>
          <View className='sz-print__table' data-testid='print-table'>
            <View className='sz-print__head'>
              <View className='sz-print__row'>
                {['序号', '日期', '居民', '院落', '事项', '类别', '积分', '备注'].map((h) => (
                  <Text key={h} className='sz-print__cell sz-print__cell--head'>
                    {h}
                  </Text>
                ))}
              </View>
            </View>
            <View className='sz-print__body'>
              {items.length === 0 ? (
                <View className='sz-print__row'>
                  <Text className='sz-print__cell'>—</Text>
                  <Text className='sz-print__cell'>本月没有积分记录</Text>
                </View>
              ) : (
                items.map((i, n) => (
                  <View key={i.entryId} className={`sz-print__row ${i.reversed ? 'sz-print__row--void' : ''}`} data-testid='print-row' data-entry-id={i.entryId}>
                    <Text className='sz-print__cell sz-print__cell--num'>{n + 1}</Text>
                    <Text className='sz-print__cell sz-print__cell--nowrap'>{shortDay(i.at)}</Text>
                    <Text className='sz-print__cell sz-print__cell--nowrap'>{masked(i.name)}</Text>
                    <Text className='sz-print__cell'>{i.courtyard}</Text>
                    <Text className='sz-print__cell'>
                      {i.item}
                      {i.kind !== 'credit' ? `（${ENTRY_KIND_NAMES[i.kind as EntryKind] ?? i.kind}）` : ''}
                    </Text>
                    <Text className='sz-print__cell'>{i.category}</Text>
                    <Text className='sz-print__cell sz-print__cell--num sz-print__cell--nowrap'>{signedPoints(i.points)}</Text>
                    <Text className='sz-print__cell'>{boardRemark(i)}</Text>
                  </View>
                ))
              )}
            </View>
          </View>
        </View>

        {courtyards.length > 0 ? (
          <>
            <Text className='sz-print__section'>院落积分排名</Text>
            {board.corrected ? <Text className='sz-print__line'>名次和分数已按更正以后的分数计算。</Text> : null}
            <View className='sz-print__table sz-print__table--narrow' data-testid='print-rankings'>
              <View className='sz-print__head'>
                <View className='sz-print__row'>
                  {['名次', '院落', '积分'].map((h) => (
                    <Text key={h} className='sz-print__cell sz-print__cell--head'>
                      {h}
                    </Text>
                  ))}
                </View>
              </View>
              <View className='sz-print__body'>
                {courtyards.map((c, n) => (
                  <View key={c.id} className='sz-print__row'>
                    <Text className='sz-print__cell sz-print__cell--num'>{n + 1}</Text>
                    <Text className='sz-print__cell'>{c.name}</Text>
                    <Text className='sz-print__cell sz-print__cell--num'>{formatPoints(c.score)}</Text>
                  </View>
                ))}
              </View>
            </View>
          </>
        ) : null}

        <View className='sz-print__foot' data-testid='print-foot'>
          <Text className='sz-print__foot-line'>
            公示期：{board.windowEndsAt ? `即日起至 ${fullDate(board.windowEndsAt)}` : <Text className='sz-print__blank' />}
          </Text>
          <Text className='sz-print__foot-line'>
            对公示内容有异议的，请在公示期内向社区工作小组反映，也可以在“善治积分”小程序的积分公示栏里提出。
          </Text>
          <Text className='sz-print__foot-line'>
            异议电话：<Text className='sz-print__blank' />
            　联系人：<Text className='sz-print__blank' />
          </Text>
          {board.digest ? (
            <Text className='sz-print__foot-line sz-print__digest' data-testid='print-digest'>
              {GLOSSARY.verifyCode}：{board.digest}
            </Text>
          ) : (
            <Text className='sz-print__foot-line'>{`${GLOSSARY.verifyCode}：本月还没有结月，结月后才有${GLOSSARY.verifyCode}。`}</Text>
          )}
          <Text className='sz-print__seal'>{community}工作小组（盖章）</Text>
          <Text className='sz-print__seal sz-print__seal--date'>年　　月　　日</Text>
        </View>
      </View>
    </View>
  )
}
