import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import type { Team } from '@core/activities'
import { ApiError, api } from '../../api'
import { Loaded, PageState, quietUnknown, useApi, usePullDownReload } from '../../components'
import { Chip } from '../../components/Chip'
import './index.scss'

/** 志愿队: each volunteer team with its leader and how many are in it; 加入 or 退出 (a leader stays). */
export default function Teams() {
  const { state, reload } = useApi(() => api.activities.teams({}, quietUnknown))
  usePullDownReload(reload)
  return (
    <Loaded state={state} reload={reload}>
      {({ items }) => (
        <View className='sz-page' data-testid='teams-page'>
          <Text className='sz-teams__intro'>加入志愿队，队里发布的活动会在“活动”里，报名参加、到场签到得积分。</Text>
          {items.length === 0 ? (
            <PageState kind='empty' title='还没有志愿队' description='社区工作小组建好志愿队后会在这里。' testId='teams-empty' />
          ) : (
            <View data-testid='teams-list'>
              {items.map((t, i) => (
                <TeamCard key={t.id} team={t} testId={`team-${i}`} reload={reload} />
              ))}
            </View>
          )}
          <View className='sz-bottom-space' />
        </View>
      )}
    </Loaded>
  )
}

function TeamCard({ team: t, testId, reload }: { team: Team; testId: string; reload: () => Promise<void> }) {
  const [sending, setSending] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)
  const toggle = async () => {
    if (sending) return
    setSending(true)
    setProblem(null)
    try {
      if (t.joined) await api.activities.leaveTeam({ teamId: t.id }, { silent: true })
      else await api.activities.joinTeam({ teamId: t.id }, { silent: true })
      void Taro.showToast({ title: t.joined ? '已退出' : '已加入', icon: 'success' })
      await reload()
    } catch (e) {
      setProblem((e instanceof ApiError ? e : new ApiError('INTERNAL')).message)
    } finally {
      setSending(false)
    }
  }
  return (
    <View className='sz-card sz-teams__card' data-testid={testId}>
      <View className='sz-teams__head'>
        <Text className='sz-teams__name'>{t.name}</Text>
        {t.leads ? <Chip tone='green'>我是队长</Chip> : t.joined ? <Chip tone='blue'>已加入</Chip> : null}
      </View>
      {t.description ? <Text className='sz-teams__line sz-teams__line--body'>{t.description}</Text> : null}
      <Text className='sz-teams__line'>队长：{t.leaderName}</Text>
      <Text className='sz-teams__line' data-testid={`${testId}-members`}>
        {t.members} 名队员
      </Text>
      {problem ? <Text className='sz-teams__problem'>{problem}</Text> : null}
      {t.leads ? null : (
        <Button
          className='sz-button sz-teams__button'
          type={t.joined ? 'default' : 'primary'}
          size='large'
          block
          loading={sending}
          disabled={sending}
          data-testid={`${testId}-${t.joined ? 'leave' : 'join'}`}
          onClick={() => void toggle()}
        >
          {t.joined ? '退出' : '加入'}
        </Button>
      )}
    </View>
  )
}
