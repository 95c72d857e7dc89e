import { View, Text } from '@tarojs/components'
import { usePullDownRefresh } from '@tarojs/taro'
import type { Me } from '@core/user'
import { api, type Publicity } from '../../api'
import { ROUTES, formatDate, monthKeyOf, monthLabel, open, useApi, useReshow } from '../../components'
import { Chip, type ChipTone } from '../../components/Chip'
import './notice.scss'

const TONES: Record<Publicity['status'], ChipTone> = { open: 'grey', closed: 'orange', final: 'green' }

/** Last month in Beijing time: its board is the one up in the first days of this month. */
function lastMonthKey(): string {
  const [y, m] = monthKeyOf().split('-').map(Number)
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`
}

function boardLine(b: Publicity): string {
  if (b.status === 'open') return '还没有结月，结月后公示'
  if (b.status === 'closed' && b.objectionsOpen && b.windowEndsAt) return `公示到 ${formatDate(b.windowEndsAt)}，有疑问可以提出异议`
  if (b.status === 'closed') return '公示期已结束，等待认定'
  return '公示期已结束，积分已认定'
}

/** 首页's 社区公示, for every member: last month's board (its status, one tap to it) and who is on the red list. */
export function CommunityNotice({ me }: { me: Me }) {
  return me.communityId ? <Notice /> : null
}

function Notice() {
  const month = lastMonthKey()
  // Their failures show here as a line, not as a toast over the whole home page.
  const board = useApi(() => api.governance.publicity({ month, summary: true }, { silent: true }), [month])
  const red = useApi(() => api.governance.lists({ list: 'red' }, { silent: true }))
  useReshow(() => void Promise.all([board.reload(), red.reload()]))
  usePullDownRefresh(() => {
    void Promise.all([board.reload(), red.reload()])
  })

  let boardText: string
  if (board.state.status === 'loading') boardText = '正在加载…'
  else if (board.state.status === 'error') boardText = '没有加载成功，点这里重试'
  else boardText = boardLine(board.state.data)

  let redText: string
  if (red.state.status === 'loading') redText = '正在加载…'
  else if (red.state.status === 'error') redText = '没有加载成功，点这里重试'
  else {
    const names = red.state.data.items.map((l) => l.name)
    redText = names.length === 0 ? '还没有人上红榜' : `${names.slice(0, 3).join('、')}${names.length > 3 ? ` 等 ${names.length} 位` : ''}`
  }

  return (
    <>
      <View className='sz-list-head'>
        <Text className='sz-list-head__title'>社区公示</Text>
      </View>
      <View className='sz-list sz-notice' data-testid='home-notice'>
        <View
          className='sz-notice__row'
          hoverClass='sz-notice__row--hover'
          data-testid='home-notice-board'
          onClick={() => (board.state.status === 'error' ? void board.reload() : open(ROUTES.publicity(month)))}
        >
          <View className='sz-notice__main'>
            <Text className='sz-notice__title'>{monthLabel(month)}积分公示</Text>
            <Text className='sz-notice__line' data-testid='home-notice-status'>
              {boardText}
            </Text>
          </View>
          {board.state.status === 'ready' ? <Chip tone={TONES[board.state.data.status]}>{board.state.data.statusName}</Chip> : null}
          <Text className='sz-notice__arrow'>›</Text>
        </View>
        <View
          className='sz-notice__row sz-notice__row--divided'
          hoverClass='sz-notice__row--hover'
          data-testid='home-notice-lists'
          onClick={() => (red.state.status === 'error' ? void red.reload() : open(ROUTES.lists))}
        >
          <View className='sz-notice__main'>
            <Text className='sz-notice__title'>红榜</Text>
            <Text className='sz-notice__line' data-testid='home-notice-red'>
              {redText}
            </Text>
          </View>
          <Text className='sz-notice__more'>红黑榜</Text>
          <Text className='sz-notice__arrow'>›</Text>
        </View>
      </View>
    </>
  )
}
