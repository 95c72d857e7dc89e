import { View, Text } from '@tarojs/components'
import { usePullDownRefresh } from '@tarojs/taro'
import { formatPoints } from '@core/points'
import type { Me } from '@core/user'
import { api } from '../../api'
import { ADMIN_TODO, DEDUCTIONS_TODO, ROUTES, TodoList, formatDate, open, quietUnknown, useApi, useReshow } from '../../components'
import { HAZARDS_TODO } from './VoicesEntry'

export const isReviewer = (me: Me) => me.roles.some((r) => r.role === 'head' || r.role === 'grid')
export const isAdmin = (me: Me) => me.roles.some((r) => r.role === 'admin')

/**
 * The reviewer's part of 首页 (院长, 网格员), above their own resident part: how many claims wait for me (a badge) with
 * the oldest one named, the head's 院长积分 in plain view, and 代申报 / 邀请居民 one tap away.
 */
export function ReviewerHome({ me }: { me: Me }) {
  const head = me.roles.some((r) => r.role === 'head')
  const queue = useApi(() => api.claims.queue({}, quietUnknown), [me.openid])
  const balance = useApi(() => (head && !me.residentId ? api.points.balance({}, quietUnknown) : Promise.resolve(null)), [me.openid, head])

  // Back from the queue: a fresh count.
  useReshow(() => void Promise.all([queue.reload(), balance.reload()]))
  usePullDownRefresh(() => {
    void Promise.all([queue.reload(), balance.reload()])
  })

  let count: string
  let line: string
  if (queue.state.status === 'loading') {
    count = '…'
    line = '正在查看有没有等您审核的申报'
  } else if (queue.state.status === 'error') {
    count = '!'
    line = '没有加载成功，点这里重试'
  } else {
    const { items, cursor } = queue.state.data
    count = `${items.length}${cursor ? '+' : ''}`
    const oldest = items[0]
    line = oldest ? `最早一条：${oldest.residentName} · ${oldest.ruleName} · ${formatDate(oldest.createdAt)}` : '没有等您审核的申报'
  }
  const waiting = queue.state.status === 'ready' && queue.state.data.items.length > 0

  return (
    <View className='sz-reviewer' data-testid='reviewer-home'>
      {/* A head who is also a resident sees 院长积分 on the balance card below; only a head without one needs it here. */}
      {head && !me.residentId ? (
        <View className='sz-card sz-reviewer__score' data-testid='home-courtyard-score'>
          <View className='sz-reviewer__score-main'>
            <Text className='sz-reviewer__score-label'>院长积分（本月）</Text>
            <Text className='sz-reviewer__score-hint'>{me.roles.find((r) => r.role === 'head')?.nodeName ?? '本院'}居民本月得分之和</Text>
          </View>
          <Text className='sz-reviewer__score-value' data-testid='courtyard-score'>
            {balance.state.status === 'ready' && balance.state.data ? formatPoints(balance.state.data.courtyardScore ?? 0) : '…'}
          </Text>
        </View>
      ) : null}
      <View
        className={`sz-card sz-reviewer__queue ${waiting ? 'sz-reviewer__queue--waiting' : ''}`}
        hoverClass='sz-reviewer__queue--hover'
        data-testid='home-review-queue'
        onClick={() => (queue.state.status === 'error' ? void queue.reload() : open(ROUTES.reviewQueue))}
      >
        <View className='sz-reviewer__queue-main'>
          <Text className='sz-reviewer__queue-title'>待我审核</Text>
          <Text className='sz-reviewer__queue-line'>{line}</Text>
        </View>
        <Text className={`sz-reviewer__badge ${waiting ? 'sz-reviewer__badge--on' : ''}`} data-testid='review-count'>
          {count}
        </Text>
        <Text className='sz-arrow'>›</Text>
      </View>
      <View className='sz-home__links'>
        <View className='sz-home__link' hoverClass='sz-home__link--hover' data-testid='home-proxy-claim' onClick={() => open(ROUTES.proxyClaim)}>
          代居民申报
        </View>
        <View className='sz-home__link' hoverClass='sz-home__link--hover' data-testid='home-resident-lookup' onClick={() => open(ROUTES.residentLookup())}>
          查居民积分
        </View>
        {head ? (
          <View className='sz-home__link' hoverClass='sz-home__link--hover' data-testid='home-invite' onClick={() => open(ROUTES.invite)}>
            邀请居民
          </View>
        ) : null}
      </View>
      {/* 扣分复核 and 随手拍 with how many wait for me; the admin sees deductions in 待我处理 below. */}
      {me.roles.some((r) => r.role === 'grid') && !isAdmin(me) ? <TodoList entries={[DEDUCTIONS_TODO, HAZARDS_TODO]} rowTestId='home-todo' /> : null}
      {me.roles.some((r) => r.role === 'grid') ? (
        <View className='sz-home__links'>
          <View className='sz-home__link' hoverClass='sz-home__link--hover' data-testid='home-inspect' onClick={() => open(ROUTES.inspect)}>
            卫生检查
          </View>
          <View className='sz-home__link' hoverClass='sz-home__link--hover' data-testid='home-propose' onClick={() => open(ROUTES.propose)}>
            红黑榜提名
          </View>
        </View>
      ) : null}
      {/* 活动: the grid worker publishes and runs activities in the grid. */}
      {me.roles.some((r) => r.role === 'grid') ? (
        <View className='sz-home__links' data-testid='home-activity-links'>
          <View className='sz-home__link' hoverClass='sz-home__link--hover' data-testid='home-activity-new' onClick={() => open(ROUTES.activityEdit())}>
            发布活动
          </View>
          <View className='sz-home__link' hoverClass='sz-home__link--hover' data-testid='home-activities-organised' onClick={() => open(ROUTES.activityManage())}>
            我组织的活动
          </View>
        </View>
      ) : null}
    </View>
  )
}

/**
 * The admin's part of 首页: 待我处理 in plain view — the month to close, objections, proposals, offers, deductions, each
 * with how many (the same list as 社区管理's) — and the door to 社区管理 (组织架构、积分细则、邀请居民).
 */
export function AdminEntry() {
  return (
    <View data-testid='home-admin-part'>
      <Text className='sz-section-title'>待我处理</Text>
      <TodoList entries={ADMIN_TODO} rowTestId='home-todo' testId='home-admin-todo' />
      <View className='sz-card sz-reviewer__queue' hoverClass='sz-reviewer__queue--hover' data-testid='home-admin' onClick={() => open(ROUTES.admin)}>
        <View className='sz-reviewer__queue-main'>
          <Text className='sz-reviewer__queue-title'>社区管理</Text>
          <Text className='sz-reviewer__queue-line'>组织架构 · 积分细则 · 邀请居民 · 设置</Text>
        </View>
        <Text className='sz-arrow'>›</Text>
      </View>
    </View>
  )
}
