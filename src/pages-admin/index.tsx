import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { api, type DeletionRequest } from '../api'
import { ADMIN_TODO, Loaded, PageState, ROUTES, type TodoEntry, TodoList, formatDateTime, quietUnknown, useApi, useReshow } from '../components'
import { Sheet } from '../components/Sheet'
import './admin.scss'

/** The doors of 社区管理 below what waits. */
const GROUPS: { title: string; entries: TodoEntry[] }[] = [
  {
    title: '社区与规则',
    entries: [
      { key: 'org', title: '组织架构', hint: '网格、院落、户、院长、无手机居民', url: ROUTES.adminOrg },
      { key: 'rules', title: '积分细则', hint: '条目、分值、需拍照、每月上限、停用', url: ROUTES.adminRules },
      { key: 'invite', title: '邀请居民', hint: '发邀请码和二维码', url: ROUTES.invite },
      { key: 'settings', title: '社区设置', hint: '积分到账方式、公示天数、家庭账户、黑榜暂停、检查奖励', url: ROUTES.adminSettings },
    ],
  },
  {
    title: '居民与积分',
    entries: [
      // Pages of this work (src/app.config.ts); their addresses as written there.
      { key: 'residents', title: '查询居民积分', hint: '查找居民，看积分、明细、申报、兑换券；加分、扣分、冲正', url: ROUTES.residentLookup() },
      { key: 'cards-print', title: '打印积分卡', hint: '没有手机的居民的积分卡，一个院落排在 A4 纸上', url: ROUTES.cardsPrint() },
      { key: 'inspections', title: '卫生检查评奖', hint: '每月检查排名，前三名院落每户发 3、2、1 分', url: ROUTES.adminInspections },
      { key: 'lessons', title: '学习课程', hint: '发布学习内容和答题，居民答对八成得积分', url: ROUTES.adminLessons },
    ],
  },
  {
    title: '活动',
    entries: [
      { key: 'activity-new', title: '发布活动', hint: '时间、地点、名额、积分；居民报名，现场扫码签到', url: ROUTES.activityEdit() },
      { key: 'activities', title: '我组织的活动', hint: '报名和签到人数、代签到、结束发积分、导出签到表、志愿服务队', url: ROUTES.activityManage() },
    ],
  },
  {
    title: '说事',
    entries: [
      { key: 'voices', title: '说事办理', hint: '居民说事、微心愿、随手拍：回复、采纳、公开、受理', url: ROUTES.voices('suggestion', 'queue') },
      { key: 'voice-summary', title: '说事统计', hint: '每月各类说事的件数、办结、用时，导出 Excel', url: ROUTES.voiceSummary },
    ],
  },
  {
    title: '积分超市',
    entries: [
      { key: 'merchants', title: '商居联盟', hint: '商家、店员邀请码、暂停与恢复', url: ROUTES.adminMerchants },
      { key: 'settlement', title: '月结算', hint: '各商家核销的券和积分，导出 Excel', url: ROUTES.adminSettlement },
      { key: 'card-exchange', title: '柜台刷卡兑换', hint: '没有手机的居民凭积分卡和密码兑换商家的商品', url: ROUTES.cardExchange },
    ],
  },
  {
    title: '数据与档案',
    entries: [
      { key: 'dashboard', title: '数据看板', hint: '每月积分、各类别、各院落参与、年度荣誉', url: ROUTES.adminDashboard },
      { key: 'party', title: '党员积分档案', hint: '每季度党员积分，导出 Excel 给单位', url: ROUTES.adminParty },
      { key: 'audit', title: '操作日志', hint: '谁在什么时候做了什么，改前改后', url: ROUTES.adminAudit },
    ],
  },
]

/**
 * 社区管理 (工作小组): first what waits (the month to close, objections, black/red-list proposals, offers to approve,
 * deductions to check, each with how many: the same list as on 首页), then the doors to the org, rules, settings, the shop, the data and the log. h5 first, usable
 * on a phone.
 */
export default function AdminHome() {
  const { state, reload } = useApi(() => api.user.me({}, quietUnknown))
  return (
    <Loaded state={state} reload={reload}>
      {(me) =>
        me.roles.some((r) => r.role === 'admin') ? (
          <View className='sz-page sz-admin' data-testid='admin-home'>
            <Text className='sz-admin__intro'>{me.communityName ?? '本社区'} · 社区工作小组</Text>
            <Text className='sz-section-title'>待我处理</Text>
            <TodoList entries={ADMIN_TODO} rowTestId='admin' testId='admin-todo' />
            <DeletionRequests />
            {GROUPS.map((g) => (
              <View key={g.title}>
                <Text className='sz-section-title'>{g.title}</Text>
                <TodoList entries={g.entries} rowTestId='admin' />
              </View>
            ))}
            <View className='sz-bottom-space' />
          </View>
        ) : (
          <View className='sz-page'>
            <PageState kind='empty' title='只有社区工作小组可以管理' description='您没有管理的职责。' testId='admin-forbidden' />
          </View>
        )
      }
    </Loaded>
  )
}

/**
 * 注销申请 (under 待我处理): members who asked for their data to be deleted, oldest first, each with 处理. The sheet says
 * what goes and what stays before the admin confirms; it cannot be undone.
 */
function DeletionRequests() {
  const { state, reload } = useApi(() => api.org.deletionRequests({}, { silent: true }))
  useReshow(() => void reload())
  const [chosen, setChosen] = useState<DeletionRequest | null>(null)
  const [sending, setSending] = useState(false)

  const process = async (request: DeletionRequest) => {
    setSending(true)
    try {
      await api.org.processDeletion({ deletionId: request.id })
      setChosen(null)
      void Taro.showToast({ title: '已办理注销', icon: 'success' })
      await reload()
    } catch {
      // Toasted; the sheet stays for another try.
    } finally {
      setSending(false)
    }
  }

  let rows
  if (state.status === 'loading') rows = <Text className='sz-todo__row sz-todo__hint'>正在加载…</Text>
  else if (state.status === 'error')
    rows = (
      <View className='sz-todo__row' hoverClass='sz-todo__row--hover' data-testid='admin-deletions-error' onClick={() => void reload()}>
        <Text className='sz-todo__hint'>注销申请没有加载成功，点此重试</Text>
      </View>
    )
  else if (state.data.items.length === 0) rows = <Text className='sz-todo__row sz-todo__hint' data-testid='admin-deletions-empty'>没有待办理的注销申请</Text>
  else
    rows = state.data.items.map((r, i) => (
      <View key={r.id} className={`sz-todo__row ${i > 0 ? 'sz-todo__row--divided' : ''}`} data-testid={`admin-deletion-${r.id}`}>
        <View className='sz-todo__main'>
          <Text className='sz-todo__title'>{r.name}</Text>
          <Text className='sz-todo__hint'>
            {r.courtyardName ? `${r.courtyardName} · ` : ''}
            {formatDateTime(r.requestedAt)} 申请
          </Text>
        </View>
        <View className='sz-admin__act' hoverClass='sz-admin__act--hover' data-testid={`admin-deletion-process-${r.id}`} onClick={() => setChosen(r)}>
          处理
        </View>
      </View>
    ))

  return (
    <View data-testid='admin-deletions'>
      <Text className='sz-section-title'>注销申请</Text>
      <View className='sz-list'>{rows}</View>
      {chosen ? (
        <Sheet
          title={`为${chosen.name}办理注销？`}
          subtitle='办理后不能撤销'
          confirmText='确认办理'
          confirmType='danger'
          cancelText='再想想'
          sending={sending}
          onCancel={() => setChosen(null)}
          onConfirm={() => void process(chosen)}
          testId='admin-deletion-sheet'
          confirmTestId='admin-deletion-confirm'
        >
          <View className='sz-sheet__body'>
            <Text className='sz-sheet__line'>删除：账号与微信的关联，出生年份、党员信息，申报和异议里的文字和照片。</Text>
            <Text className='sz-sheet__line'>没用的兑换券退回，审核中的申报撤回；各处姓名改为“已注销居民”。</Text>
            <Text className='sz-sheet__line'>保留：积分台账的每一条记录，校验码不变；办理这件事会记入操作日志。</Text>
          </View>
        </Sheet>
      ) : null}
    </View>
  )
}
