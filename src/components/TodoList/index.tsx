import { View, Text } from '@tarojs/components'
import { api } from '../../api'
import { previousMonth } from '@core/period'
import { HAZARD_OVERDUE_DAYS } from '@core/voices'
import { monthKeyOf } from '../format'
import { ROUTES, open } from '../routes'
import { useApi } from '../useApi'
import { useReshow } from '../useReshow'
import type { BaseProps } from '../types'
import './index.scss'

/** A door to work that waits: its name, what is behind it, where it opens, and how much waits there. */
export interface TodoEntry {
  key: string
  title: string
  hint: string
  url: string
  /** What waits there, as a badge. */
  waiting?: () => Promise<Waiting>
}

/** How many things wait, and the words of the badge: 2 条待处理, or 没有待处理 when none. */
export interface Waiting {
  count: number
  text: string
}

const waiting = (count: number, some: string, none: string): Waiting => ({ count, text: count > 0 ? some : none })

/** 扣分复核: deductions recorded by a colleague, waiting for a second person (grid workers and the admin). */
export const DEDUCTIONS_TODO: TodoEntry = {
  key: 'deductions',
  title: '扣分复核',
  hint: '别人登记的扣分：看照片，通过或不通过',
  url: ROUTES.deductions,
  waiting: async () => {
    const { items } = await api.points.deductions({}, { silent: true })
    const mine = items.filter((d) => d.mayDecide).length
    return waiting(mine, `${mine} 条待复核`, '没有待复核')
  },
}

/** How many items of a paged list pass `counts`, reading at most `pages` pages (what waits is a short list, its oldest last). */
async function countPaged<T>(load: (cursor?: string) => Promise<{ items: T[]; cursor?: string }>, counts: (item: T) => boolean, pages = 5): Promise<number> {
  let count = 0
  let cursor: string | undefined
  for (let page = 0; page < pages; page++) {
    const answer = await load(cursor)
    count += answer.items.filter(counts).length
    cursor = answer.cursor
    if (!cursor) break
  }
  return count
}

/** 微心愿 waiting for the 工作小组 to check them before they go public. */
export const WISHES_TODO: TodoEntry = {
  key: 'wishes',
  title: '微心愿审核',
  hint: '居民许的心愿：看过后公开，或不通过',
  url: ROUTES.voices('wish', 'queue'),
  waiting: async () => {
    const count = await countPaged((cursor) => api.voices.list({ kind: 'wish', queue: true, status: 'pending', ...(cursor ? { cursor } : {}) }, { silent: true }), () => true)
    return waiting(count, `${count} 条待审核`, '没有待审核')
  },
}

/** 随手拍 that waited more than three days for the grid worker (reported, or accepted and not yet resolved). */
export const OVERDUE_HAZARDS_TODO: TodoEntry = {
  key: 'hazards-overdue',
  title: '随手拍超时',
  hint: `超过 ${HAZARD_OVERDUE_DAYS} 天还没处理完的隐患，提醒网格员`,
  url: ROUTES.voices('hazard', 'queue'),
  waiting: async () => {
    const statuses = ['reported', 'accepted'] as const
    const counts = await Promise.all(
      statuses.map((status) => countPaged((cursor) => api.voices.list({ kind: 'hazard', queue: true, status, ...(cursor ? { cursor } : {}) }, { silent: true }), (v) => v.overdue)),
    )
    const count = counts[0] + counts[1]
    return waiting(count, `${count} 件超过 ${HAZARD_OVERDUE_DAYS} 天`, '没有超时')
  },
}

/**
 * 待我处理 of the 工作小组, on 首页 and on 社区管理: the month to close, objections, proposals, offers, deductions, wishes to
 * check, 随手拍 waiting too long.
 */
export const ADMIN_TODO: TodoEntry[] = [
  {
    key: 'months',
    title: '结月与公示',
    hint: '结月、公示、防篡改核对、导出',
    url: ROUTES.adminMonths,
    waiting: async () => {
      // Last month, once it is over: still open means it waits to be closed (the timer does it on the 1st).
      const month = previousMonth(monthKeyOf())
      const board = await api.governance.publicity({ month, summary: true }, { silent: true })
      return waiting(board.status === 'open' ? 1 : 0, `${Number(month.slice(5))}月待结月`, '上月已结')
    },
  },
  {
    key: 'objections',
    title: '异议处理',
    hint: '居民对公示记录、红黑榜的异议：成立或不成立',
    url: ROUTES.adminObjections,
    waiting: async () => {
      const { items } = await api.governance.objections({ status: 'open' }, { silent: true })
      return waiting(items.length, `${items.length} 条待处理`, '没有待处理')
    },
  },
  {
    key: 'lists',
    title: '红黑榜',
    hint: '确认网格员的提名，查看红榜、黑榜',
    url: ROUTES.adminLists,
    waiting: async () => {
      const { items } = await api.governance.lists({ status: 'proposed' }, { silent: true })
      return waiting(items.length, `${items.length} 条待确认`, '没有待确认')
    },
  },
  {
    key: 'offers',
    title: '商品审核',
    hint: '商家发布的商品：通过、不通过、下架',
    url: ROUTES.adminOffers,
    waiting: async () => {
      const { items } = await api.shop.offers({ status: 'pending' }, { silent: true })
      return waiting(items.length, `${items.length} 件待审核`, '没有待审核')
    },
  },
  DEDUCTIONS_TODO,
  WISHES_TODO,
  OVERDUE_HAZARDS_TODO,
]

export interface TodoListProps extends BaseProps {
  entries: readonly TodoEntry[]
  /** Each row's test id is `<rowTestId>-<key>`, its badge's `<rowTestId>-<key>-pending`. */
  rowTestId: string
}

/** Rows of work that waits, each with a badge of how much: one tap opens the page where it is done. */
export function TodoList({ entries, rowTestId, className, testId }: TodoListProps) {
  return (
    <View className={`sz-list ${className ?? ''}`} data-testid={testId}>
      {entries.map((e, i) => (
        <View key={e.key} className={`sz-todo__row ${i > 0 ? 'sz-todo__row--divided' : ''}`} hoverClass='sz-todo__row--hover' data-testid={`${rowTestId}-${e.key}`} onClick={() => open(e.url)}>
          <View className='sz-todo__main'>
            <Text className='sz-todo__title'>{e.title}</Text>
            <Text className='sz-todo__hint'>{e.hint}</Text>
          </View>
          {e.waiting ? <Badge load={e.waiting} testId={`${rowTestId}-${e.key}-pending`} /> : null}
          <Text className='sz-arrow'>›</Text>
        </View>
      ))}
    </View>
  )
}

/** How much waits behind a door: red when anything does; nothing at all while it loads or if it failed. */
function Badge({ load, testId }: { load: () => Promise<Waiting>; testId: string }) {
  const { state, reload } = useApi(load)
  // Back from the page behind it: a fresh count. (This part mounts after the page's first show.)
  useReshow(() => void reload())
  if (state.status !== 'ready') return null
  const { count, text } = state.data
  return (
    <Text className={`sz-todo__badge ${count > 0 ? 'sz-todo__badge--on' : ''}`} data-testid={testId} data-count={count}>
      {text}
    </Text>
  )
}
