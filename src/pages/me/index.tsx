import { GLOSSARY } from '@core/glossary'
import { useEffect } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { api } from '../../api'
import { Loaded, MeCard, ROUTES, elderClass, open, quietUnknown, rememberElder, useApi, useElder, useSending, usePullDownReload } from '../../components'
import { rememberViewer } from '../../components/TabBar/viewer'
import './index.scss'

/** 我的: who I am, 大字模式（长辈模式）, then my points, my claims and the rankings, my data and privacy; (h5 demo only) 切换身份. */
export default function Mine() {
  const { state, reload } = useApi(() => api.user.me({}, quietUnknown))
  const isH5 = process.env.TARO_ENV === 'h5'
  const elder = useElder()
  const { sending, send } = useSending()
  useEffect(() => {
    if (state.status === 'ready') {
      rememberViewer(state.data)
      rememberElder(state.data.elderMode)
    } else if (state.status === 'error' && state.error.code === 'AUTH.UNAUTHENTICATED') rememberViewer(null)
  }, [state])

  usePullDownReload(reload)

  const head = (
    <Loaded state={state} reload={reload} bare>
      {(me) => <MeCard me={me} />}
    </Loaded>
  )

  const joined = state.status === 'ready'
  const resident = joined && !!state.data.residentId
  const roles = joined ? state.data.roles.map((r) => r.role) : []
  const reviewer = roles.includes('head') || roles.includes('grid')
  const admin = roles.includes('admin')
  const inviter = roles.includes('head') || admin
  const rows = [
    ...(resident
      ? [
          { key: 'points', title: '我的积分', hint: '余额和明细', url: ROUTES.points },
          { key: 'my-claims', title: '我的申报', hint: '审核进度', url: ROUTES.myClaims },
          { key: 'vouchers', title: '我的兑换券', hint: '领取、退回', url: ROUTES.myVouchers },
          { key: 'lessons', title: '学习', hint: '学完答题得积分', url: ROUTES.lessons },
          { key: 'activities', title: '活动', hint: '报名、签到、我报名的', url: ROUTES.activities },
          { key: 'teams', title: '志愿队', hint: '加入、退出', url: ROUTES.teams },
        ]
      : []),
    // 我的说事: a resident's own posts; a 院长's, grid worker's or the admin's too (their reports, and those they filed for others).
    ...(resident || reviewer || admin ? [{ key: 'voices', title: '我的说事', hint: '建议、心愿、随手拍', url: ROUTES.voices('suggestion', 'mine') }] : []),
    ...(joined ? [{ key: 'leaderboard', title: '积分排行', hint: '个人、家庭、院落', url: ROUTES.leaderboard }] : []),
    ...(joined
      ? [
          { key: 'publicity', title: '积分公示', hint: `每月公示、${GLOSSARY.verify}`, url: ROUTES.publicity() },
          { key: 'lists', title: '红黑榜', hint: '表彰与通报', url: ROUTES.lists },
          { key: 'my-objections', title: '我的异议', hint: '处理结果', url: ROUTES.myObjections },
        ]
      : []),
    ...(reviewer ? [{ key: 'review', title: '待我审核', hint: '通过、退回、驳回', url: ROUTES.reviewQueue }] : []),
    ...(reviewer ? [{ key: 'proxy', title: '代居民申报', hint: '没有手机的居民', url: ROUTES.proxyClaim }] : []),
    ...(inviter ? [{ key: 'invite', title: '邀请居民', hint: '邀请码和二维码', url: ROUTES.invite }] : []),
    ...(admin ? [{ key: 'admin', title: '社区管理', hint: '组织、细则、邀请', url: ROUTES.admin }] : []),
    // Every member: see, export or ask to delete what is held about them.
    ...(joined ? [{ key: 'my-data', title: '我的数据与隐私', hint: '查看、导出、注销', url: ROUTES.myData }] : []),
  ]
  // 大字模式: the member's own choice, kept on their account (it then wins over the community's 70-and-over default).
  const toggleElder = () =>
    void send(
      () => api.user.setPreferences({ elderMode: !elder }),
      (a) => (a.elderMode ? '已打开大字模式' : '已关闭大字模式'),
      (a) => rememberElder(a.elderMode),
    )
  return (
    <View className={`sz-page sz-mine ${elderClass(elder)}`}>
      {head}
      {joined ? (
        <View className='sz-mine__list'>
          <View
            className='sz-mine__row sz-mine__elder'
            hoverClass='sz-mine__row--hover'
            data-testid='me-elder'
            data-on={elder ? 'true' : 'false'}
            onClick={sending ? undefined : toggleElder}
          >
            <View className='sz-mine__elder-words'>
              <Text className='sz-mine__row-title'>大字模式（长辈模式）</Text>
              <Text className='sz-mine__row-hint'>字和按钮更大，积分和结果可以读给您听</Text>
            </View>
            <View className={`sz-mine__switch ${elder ? 'sz-mine__switch--on' : ''}`} data-testid='me-elder-switch'>
              <Text className='sz-mine__switch-text'>{elder ? '已打开' : '已关闭'}</Text>
            </View>
          </View>
        </View>
      ) : null}
      {rows.length > 0 ? (
        <View className='sz-mine__list'>
          {rows.map((r, i) => (
            <View
              key={r.key}
              className={`sz-mine__row ${i > 0 ? 'sz-mine__row--divided' : ''}`}
              hoverClass='sz-mine__row--hover'
              data-testid={`me-${r.key}`}
              onClick={() => open(r.url)}
            >
              <Text className='sz-mine__row-title'>{r.title}</Text>
              <Text className='sz-mine__row-hint'>{r.hint}</Text>
              <Text className='sz-mine__row-arrow'>›</Text>
            </View>
          ))}
        </View>
      ) : null}
      {isH5 && joined ? (
        <View className='sz-mine__list'>
          <View
            className='sz-mine__row'
            hoverClass='sz-mine__row--hover'
            data-testid='switch-identity'
            onClick={() => void Taro.navigateTo({ url: '/pages/dev-login/index' })}
          >
            <Text className='sz-mine__row-title'>切换身份</Text>
            <Text className='sz-mine__row-arrow'>›</Text>
          </View>
        </View>
      ) : null}
    </View>
  )
}
