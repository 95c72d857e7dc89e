import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { CHECKIN_OPENS_MINUTES, signupClosesAt, signupOpen } from '@core/activities'
import { formatPoints } from '@core/points'
import { GLOSSARY } from '@core/glossary'
import { ApiError, api, newRequestId, type Answer } from '../../api'
import { askActivityReminder } from '../../api/subscribe'
import { Fact, Loaded, PageState, ROUTES, formatDateTime, open, quietUnknown, useApi, usePullDownReload } from '../../components'
import { activityTime, placesLeft } from '../../components/ActivityCard'
import { Chip } from '../../components/Chip'
import { Sheet } from '../../components/Sheet'
import { PrivacySheet } from '../../components/PrivacySheet'
import { Checkin } from './Checkin'
import './index.scss'

type Detail = Answer<'activities', 'get'>

/** Where I stand with this activity, in words (the chip at the top) — the first that holds. */
export function standing(d: Detail, now = Date.now()): { words: string; tone: 'green' | 'blue' | 'grey' | 'red' } {
  const a = d.activity
  const ended = a.status === 'finished' || Date.parse(a.endAt) <= now
  if (a.status === 'finished') return d.attended ? { words: '已结束，积分已发放', tone: 'green' } : { words: '已结束', tone: 'grey' }
  if (d.attended) return { words: '已签到', tone: 'green' }
  if (ended) return { words: '已结束', tone: 'grey' }
  if (d.signedUp) return { words: '已报名', tone: 'blue' }
  if (!signupOpen(a, new Date(now))) return { words: '报名已截止', tone: 'grey' }
  if (placesLeft(a).full) return { words: '名额已满', tone: 'red' }
  return { words: '可以报名', tone: 'blue' }
}

/**
 * One activity for a resident: what, when, where, who organises it, the points and the places; 报名 (asking for the
 * reminder) or 取消报名 (after a confirm); on the day, 扫码签到 (or the typed code); after it ends, whether points were given.
 */
export default function ActivityDetail() {
  const id = useRouter().params.id ?? ''
  const { state, reload } = useApi(() => api.activities.get({ activityId: id }, quietUnknown), [id])
  usePullDownReload(reload)
  return (
    <Loaded
      state={state}
      reload={reload}
      refusals={{
        NOT_FOUND: <PageState kind='empty' title='没有找到这个活动' description='它可能已经取消了。回到“活动”看看别的吧。' testId='activity-not-found' />,
      }}
    >
      {(d) => <ActivityView detail={d} reload={reload} />}
    </Loaded>
  )
}

function ActivityView({ detail: d, reload }: { detail: Detail; reload: () => Promise<void> }) {
  const a = d.activity
  const [sending, setSending] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)
  const [confirmCancel, setConfirmCancel] = useState(false)
  const [requestId, setRequestId] = useState(() => newRequestId('signup'))
  // Checked in just now: the big 签到成功 stays on screen after the page reloads.
  const [checkedIn, setCheckedIn] = useState(false)
  const now = Date.now()
  const status = standing(d, now)
  const places = placesLeft(a)
  const started = Date.parse(a.startAt) <= now
  const ended = a.status === 'finished' || Date.parse(a.endAt) <= now
  const canSignup = !ended && !d.signedUp && !d.attended && signupOpen(a, new Date(now)) && !places.full
  const canCancel = d.signedUp && !d.attended && !started && a.status !== 'finished'
  const checkinLater = !ended && !d.attended

  const send = async (what: 'signup' | 'cancel') => {
    if (sending) return
    setSending(true)
    setProblem(null)
    try {
      if (what === 'signup') {
        // Straight from the tap (WeChat's rule): may WeChat remind me before it starts?
        await askActivityReminder()
        await api.activities.signup({ activityId: a.id, requestId }, { silent: true })
      } else {
        await api.activities.cancelSignup({ activityId: a.id, requestId }, { silent: true })
        setConfirmCancel(false)
      }
      setRequestId(newRequestId('signup'))
      void Taro.showToast({ title: what === 'signup' ? '报名成功' : '已取消报名', icon: 'success' })
      await reload()
    } catch (e) {
      const error = e instanceof ApiError ? e : new ApiError('INTERNAL')
      setConfirmCancel(false)
      setProblem(error.message)
      if (error.code !== 'NETWORK.FAILED') void reload()
    } finally {
      setSending(false)
    }
  }

  return (
    <View className='sz-page sz-activity' data-testid='activity-detail'>
      <View className='sz-card'>
        <View className='sz-activity__chips'>
          <Chip tone={status.tone} large status={status.words} testId='activity-status'>
            {status.words}
          </Chip>
          {a.partyProject ? <Chip tone='red'>党员项目</Chip> : null}
        </View>
        <Text className='sz-activity__title' data-testid='activity-title'>
          {a.title}
        </Text>
        {a.description ? <Text className='sz-activity__description'>{a.description}</Text> : null}
        <View className='sz-activity__price'>
          <Text className='sz-activity__points' data-testid='activity-points'>
            +{formatPoints(a.points)}
          </Text>
          <Text className='sz-activity__unit'>积分（到场签到，活动结束后发）</Text>
        </View>
      </View>

      <View className='sz-card sz-activity__facts'>
        <Fact label='时间' value={activityTime(a)} testId='activity-time' />
        <Fact label='地点' value={a.place} testId='activity-place' />
        <Fact label='发起人' value={a.teamName ? `${a.teamName}（${a.organiserName}）` : a.organiserName} />
        <Fact label='名额' value={a.capacity === null ? `不限，已有 ${d.counts.signups} 人报名` : `${a.capacity} 人，${places.full ? '已满' : `还剩 ${a.capacity - a.taken} 个`}`} warn={places.full && !ended} testId='activity-places' />
        {ended ? null : <Fact label='报名截止' value={formatDateTime(signupClosesAt(a))} />}
      </View>

      {a.status === 'finished' && d.attended ? (
        <View className='sz-alert sz-alert--success' data-testid='activity-awarded'>
          <Text className='sz-alert__title'>积分已发放：+{formatPoints(d.credit?.points ?? a.points)} 分</Text>
          {/* 公示后可用 only where the community settles monthly: the credit itself says so. */}
          <Text className='sz-alert__line'>{`记在“我的积分”里。${d.credit?.pending ? GLOSSARY.pendingNote : ''}`}</Text>
        </View>
      ) : null}

      {problem ? (
        <View className='sz-alert sz-alert--error' data-testid='activity-problem'>
          <Text className='sz-alert__title'>没有办成</Text>
          <Text className='sz-alert__line'>{problem}</Text>
        </View>
      ) : null}

      {canSignup ? (
        <View className='sz-actions'>
          <Button className='sz-button' type='primary' size='xlarge' block loading={sending} disabled={sending} data-testid='activity-signup' onClick={() => void send('signup')}>
            {/* A party project is claimed (认领) by a party member; any other activity is signed up for. */}
            {a.partyProject ? '认领这个项目' : '报名'}
          </Button>
        </View>
      ) : null}

      {checkinLater || checkedIn ? (
        <Checkin
          activityId={a.id}
          attended={d.attended}
          hint={`活动开始前 ${CHECKIN_OPENS_MINUTES} 分钟到活动结束，扫现场屏幕上的二维码签到。`}
          onDone={() => {
            setCheckedIn(true)
            void reload()
          }}
        />
      ) : null}

      {canCancel ? (
        <View className='sz-actions'>
          <Button className='sz-button' size='large' block disabled={sending} data-testid='activity-cancel' onClick={() => setConfirmCancel(true)}>
            取消报名
          </Button>
        </View>
      ) : null}

      <View className='sz-activity__links'>
        <View className='sz-activity__link' hoverClass='sz-activity__link--hover' data-testid='activity-all' onClick={() => open(ROUTES.activities)}>
          全部活动 ›
        </View>
      </View>
      <View className='sz-bottom-space' />

      {confirmCancel ? (
        <Sheet
          title={`取消报名「${a.title}」？`}
          confirmText='确认取消'
          cancelText='再想想'
          confirmType='danger'
          sending={sending}
          onCancel={() => !sending && setConfirmCancel(false)}
          onConfirm={() => void send('cancel')}
          testId='cancel-sheet'
          cancelTestId='cancel-keep'
          confirmTestId='cancel-confirm'
        >
          <View className='sz-sheet__body'>
            <Text className='sz-sheet__line'>取消后名额会让给别人，开始前还可以再报名。</Text>
          </View>
        </Sheet>
      ) : null}
      <PrivacySheet />
    </View>
  )
}
