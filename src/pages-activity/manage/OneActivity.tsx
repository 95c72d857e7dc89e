import { useEffect, useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro, { useDidHide, useDidShow } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { ACTIVITY_STATUS_NAMES } from '@core/activities'
import { formatPoints } from '@core/points'
import { api } from '../../api'
import { Loaded, PageState, ROUTES, TextInput, formatDateTime, open, quietUnknown, useApi } from '../../components'
import { ExportButton } from '../../components/ExportButton'
import { Sheet } from '../../components/Sheet'
import { residentsOf, type ResidentChoice } from '../../pages-review/treeWalk'

/** How often the count and the list refresh while the page is open. */
const REFRESH_MS = 5_000

type Got = Awaited<ReturnType<typeof api.activities.get>>
type Attendee = NonNullable<Got['attendees']>[number]

/** 签到管理 of one activity, for its organiser (or the admin). */
export function OneActivity({ id }: { id: string }) {
  const { state, reload } = useApi(() => api.activities.get({ activityId: id }, quietUnknown), [id])
  // While the page is shown and the activity runs: the count and the list again every few seconds, quietly.
  const [shown, setShown] = useState(true)
  useDidShow(() => {
    setShown(true)
    void reload()
  })
  useDidHide(() => setShown(false))
  useEffect(() => void Taro.setNavigationBarTitle({ title: '签到管理' }).catch(() => undefined), [])
  const running = state.status === 'ready' && state.data.activity.status === 'published'
  useEffect(() => {
    if (!shown || !running) return
    const timer = setInterval(() => void reload(), REFRESH_MS)
    return () => clearInterval(timer)
  }, [shown, running])

  return (
    <Loaded
      state={state}
      reload={reload}
      refusals={{ NOT_FOUND: <PageState kind='empty' title='没有找到这个活动' description='它可能已经删除了。' testId='manage-not-found' /> }}
    >
      {(got) =>
        got.activity.organiser && got.attendees ? (
          <Manage got={got} attendees={got.attendees} reload={reload} />
        ) : (
          <View className='sz-page'>
            <PageState kind='empty' title='只有活动的发起人可以管理签到' description='请联系发起这个活动的人。' testId='manage-forbidden' />
          </View>
        )
      }
    </Loaded>
  )
}

function Manage({ got, attendees, reload }: { got: Got; attendees: Attendee[]; reload: () => Promise<void> }) {
  const { activity, counts } = got
  const [finishing, setFinishing] = useState(false)
  const [proxying, setProxying] = useState(false)
  const [sending, setSending] = useState(false)
  const [awarded, setAwarded] = useState<number | null>(null)
  const finished = activity.status === 'finished'

  const finish = async () => {
    setSending(true)
    try {
      const answer = await api.activities.finish({ activityId: activity.id })
      setAwarded(answer.awarded)
      setFinishing(false)
      await reload()
    } catch {
      // Toasted; the sheet stays for another try.
    } finally {
      setSending(false)
    }
  }

  return (
    <View className='sz-page sz-act-org' data-testid='manage-page'>
      <View className='sz-card'>
        <Text className='sz-act-org__title' data-testid='manage-title'>
          {activity.title}
        </Text>
        <Text className='sz-act-org__line'>
          {formatDateTime(activity.startAt)} 到 {formatDateTime(activity.endAt)}
        </Text>
        <Text className='sz-act-org__line'>
          {activity.place} · 每人 {formatPoints(activity.points)} 分 · {activity.capacity ? `名额 ${activity.capacity}` : '名额不限'} · {ACTIVITY_STATUS_NAMES[activity.status]}
        </Text>
      </View>

      <View className='sz-card sz-act-org__counts' data-testid='manage-counts'>
        <View className='sz-act-org__count'>
          <Text className='sz-act-org__count-value' data-testid='manage-signups'>
            {counts.signups}
          </Text>
          <Text className='sz-act-org__count-label'>已报名</Text>
        </View>
        <View className='sz-act-org__count'>
          <Text className='sz-act-org__count-value' data-testid='manage-attended'>
            {counts.attended}
          </Text>
          <Text className='sz-act-org__count-label'>已签到</Text>
        </View>
      </View>
      <Text className='sz-act-org__note' data-testid='manage-count-line'>
        已报名 {counts.signups} 人 · 已签到 {counts.attended} 人{finished ? '' : '（每 5 秒更新）'}
      </Text>

      {awarded !== null ? (
        <View className='sz-alert sz-alert--success' data-testid='manage-awarded'>
          <Text className='sz-alert__title'>活动已结束</Text>
          <Text className='sz-alert__line'>{awarded > 0 ? `这次给 ${awarded} 人发了积分，每人 ${formatPoints(activity.points)} 分。` : '没有新发的积分：签到的人都已经发过了。'}</Text>
        </View>
      ) : null}

      <View className='sz-act-org__buttons'>
        {finished ? null : (
          <>
            <Button className='sz-button' type='primary' size='large' block data-testid='manage-open-qr' onClick={() => open(ROUTES.activityQr(activity.id))}>
              打开签到二维码
            </Button>
            <Button className='sz-button' size='large' block data-testid='manage-proxy' onClick={() => setProxying(true)}>
              代签到（没有手机的居民）
            </Button>
            <Button className='sz-button' size='large' block data-testid='manage-edit' onClick={() => open(ROUTES.activityEdit(activity.id))}>
              修改活动
            </Button>
          </>
        )}
        {attendees.length > 0 ? <ExportButton plain label='导出签到表' testId='manage-export' make={() => api.activities.exportAttendance({ activityId: activity.id }).then((d) => d.file)} /> : null}
      </View>

      <Text className='sz-section-title'>签到表</Text>
      <View className='sz-list' data-testid='manage-attendees'>
        {attendees.length === 0 ? <Text className='sz-act-org__row sz-act-org__row-hint' data-testid='manage-attendees-empty'>还没有人报名</Text> : null}
        {attendees.map((a, i) => (
          <View key={a.residentId} className={`sz-act-org__row ${i > 0 ? 'sz-act-org__row--divided' : ''}`} data-testid={`manage-attendee-${i}`}>
            <View className='sz-act-org__row-main'>
              <Text className='sz-act-org__row-title'>{a.name}</Text>
              <Text className='sz-act-org__row-hint'>
                {a.attendedAt ? `${formatDateTime(a.attendedAt)} 签到${a.byOrganiser ? '（代签）' : ''}${a.walkIn ? '（没报名，现场签到）' : ''}` : '已报名，还没签到'}
              </Text>
            </View>
          </View>
        ))}
      </View>

      {finished ? (
        <Text className='sz-act-org__note' data-testid='manage-finished'>
          这个活动已经结束，积分已发给签到的人。
        </Text>
      ) : (
        <View className='sz-actions'>
          <Button className='sz-button' type='primary' size='large' block data-testid='manage-finish' onClick={() => setFinishing(true)}>
            结束并发积分
          </Button>
        </View>
      )}
      <View className='sz-bottom-space' />

      {finishing ? (
        <Sheet
          title='结束活动并发积分？'
          subtitle='结束后不能再签到，也不能撤销'
          confirmText='结束并发积分'
          cancelText='再想想'
          sending={sending}
          onCancel={() => setFinishing(false)}
          onConfirm={() => void finish()}
          testId='manage-finish-sheet'
          confirmTestId='manage-finish-confirm'
        >
          <View className='sz-sheet__body'>
            <Text className='sz-sheet__line'>
              现在已签到 {counts.attended} 人：每人得 {formatPoints(activity.points)} 分，每人只发一次。
            </Text>
            <Text className='sz-sheet__line'>报了名没签到的人不得分。积分按社区的结算方式到账。</Text>
          </View>
        </Sheet>
      ) : null}
      {proxying ? <ProxySheet activityId={activity.id} attendees={attendees} onClose={() => setProxying(false)} onDone={() => void reload()} /> : null}
    </View>
  )
}

/**
 * 代签到: the signed-up who have not checked in (those without a phone first, when the org tree says so), or any
 * resident without a phone found in the org tree (the admin, grid workers; a team leader sees the signed-up only).
 */
function ProxySheet({ activityId, attendees, onClose, onDone }: { activityId: string; attendees: Attendee[]; onClose: () => void; onDone: () => void }) {
  const tree = useApi(() => api.org.tree({}, { silent: true }).then(({ root }) => residentsOf(root)).catch(() => [] as ResidentChoice[]))
  const [finding, setFinding] = useState('')
  const [chosen, setChosen] = useState<{ id: string; name: string } | null>(null)
  const [sending, setSending] = useState(false)
  const residents = tree.state.status === 'ready' ? tree.state.data : []
  const noPhone = new Set(residents.filter((r) => !r.hasPhone).map((r) => r.id))
  const waiting = attendees.filter((a) => !a.attendedAt).sort((a, b) => Number(noPhone.has(b.residentId)) - Number(noPhone.has(a.residentId)))
  const listed = new Set(attendees.map((a) => a.residentId))
  const others = residents.filter((r) => !r.hasPhone && !listed.has(r.id) && (!finding.trim() || r.name.includes(finding.trim()))).slice(0, 8)

  const checkIn = async () => {
    if (!chosen) return
    setSending(true)
    try {
      await api.activities.checkinFor({ activityId, residentId: chosen.id })
      void Taro.showToast({ title: `已为${chosen.name}签到`, icon: 'success' })
      onDone()
      onClose()
    } catch {
      setSending(false)
    }
  }

  const option = (id: string, name: string, note: string, testId: string) => (
    <View key={id} className={`sz-sheet__option ${chosen?.id === id ? 'sz-sheet__option--on' : ''}`} data-testid={testId} onClick={() => setChosen({ id, name })}>
      {name}
      {note}
    </View>
  )

  return (
    <Sheet title='代签到' subtitle='为没有手机的居民签到' confirmText={chosen ? `为${chosen.name}签到` : '请先选一位居民'} sending={sending} onCancel={onClose} onConfirm={() => void checkIn()} testId='manage-proxy-sheet' confirmTestId='manage-proxy-confirm'>
      <View className='sz-sheet__body'>
        <Text className='sz-sheet__line'>报了名还没签到的：</Text>
        {waiting.length === 0 ? <Text className='sz-sheet__line'>没有</Text> : null}
        {waiting.map((a) => option(a.residentId, a.name, noPhone.has(a.residentId) ? '（没有手机）' : '', `manage-proxy-signed-${a.residentId}`))}
        {residents.length > 0 ? (
          <>
            <Text className='sz-sheet__line'>没报名、没有手机的居民：</Text>
            <TextInput testId='manage-proxy-find' value={finding} maxlength={10} placeholder='写名字里的一个字来找' onInput={setFinding} />
            <View className='sz-act-org__gap' />
            {others.map((r) => option(r.id, r.name, `（${r.courtyardName}）`, `manage-proxy-other-${r.id}`))}
          </>
        ) : null}
      </View>
    </Sheet>
  )
}
