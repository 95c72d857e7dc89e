import { useRef, useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import type { Activity, Team } from '@core/activities'
import { ACTIVITY_STATUS_NAMES } from '@core/activities'
import { problemsByField } from '@core/inputs'
import { saveTeamInput } from '@core/activities.schema'
import type { Me } from '@core/user'
import { ApiError, api, newRequestId } from '../../api'
import { Field, Loaded, PageState, ROUTES, TextInput, formatDateTime, open, quietUnknown, useApi, useReshow } from '../../components'
import { Sheet } from '../../components/Sheet'
import { residentsOf, type ResidentChoice } from '../../pages-review/treeWalk'

interface Needed {
  me: Me
  upcoming: Activity[]
  past: Activity[]
  teams: Team[]
}

const mayPublish = (me: Me, teams: Team[]) => me.roles.some((r) => r.role === 'admin' || r.role === 'grid') || teams.some((t) => t.leads)

/**
 * 我组织的活动: `activities.list` has no organiser filter, so the first page of upcoming and of past activities is
 * fetched and those whose `organiser` flag is on are kept (for the admin: every activity of the community).
 */
export function Organised() {
  const { state, reload } = useApi<Needed>(async () => {
    const [me, upcoming, past, teams] = await Promise.all([
      api.user.me({}, quietUnknown),
      api.activities.list({ when: 'upcoming' }, quietUnknown),
      api.activities.list({ when: 'past' }, quietUnknown),
      api.activities.teams({}, quietUnknown),
    ])
    const mine = (items: Activity[]) => items.filter((a) => a.organiser)
    return { me, upcoming: mine(upcoming.items), past: mine(past.items), teams: teams.items }
  })
  useReshow(() => void reload())

  return (
    <Loaded state={state} reload={reload}>
      {({ me, upcoming, past, teams }) =>
        !mayPublish(me, teams) ? (
          <View className='sz-page'>
            <PageState kind='empty' title='您没有组织的活动' description='工作小组、网格员和志愿服务队队长可以发布活动。' testId='organised-forbidden' />
          </View>
        ) : (
          <View className='sz-page sz-act-org' data-testid='organised-page'>
            <View className='sz-actions sz-actions--top'>
              <Button className='sz-button' type='primary' size='large' block data-testid='organised-new' onClick={() => open(ROUTES.activityEdit())}>
                发布活动
              </Button>
            </View>
            <Text className='sz-section-title'>没结束的</Text>
            <ActivityList items={upcoming} empty='没有没结束的活动' testId='organised-upcoming' />
            <Text className='sz-section-title'>已过去的</Text>
            <ActivityList items={past} empty='还没有过去的活动' testId='organised-past' />
            {me.roles.some((r) => r.role === 'admin') ? <Teams teams={teams} reload={reload} /> : null}
            <View className='sz-bottom-space' />
          </View>
        )
      }
    </Loaded>
  )
}

function ActivityList({ items, empty, testId }: { items: Activity[]; empty: string; testId: string }) {
  if (items.length === 0)
    return (
      <View className='sz-list' data-testid={`${testId}-empty`}>
        <Text className='sz-act-org__row sz-act-org__row-hint'>{empty}</Text>
      </View>
    )
  return (
    <View className='sz-list' data-testid={testId}>
      {items.map((a, i) => (
        <View key={a.id} className={`sz-act-org__row ${i > 0 ? 'sz-act-org__row--divided' : ''}`} hoverClass='sz-act-org__row--hover' data-testid={`organised-${a.id}`} onClick={() => open(ROUTES.activityManage(a.id))}>
          <View className='sz-act-org__row-main'>
            <Text className='sz-act-org__row-title'>{a.title}</Text>
            <Text className='sz-act-org__row-hint'>
              {formatDateTime(a.startAt)} · {a.place} · {ACTIVITY_STATUS_NAMES[a.status]}
            </Text>
          </View>
          <Text className='sz-arrow'>›</Text>
        </View>
      ))}
    </View>
  )
}

/** 志愿服务队 (the admin's): the teams, and 新建 / 修改 in a sheet — name, description, the leader picked from residents. */
function Teams({ teams, reload }: { teams: Team[]; reload: () => Promise<void> }) {
  const [editing, setEditing] = useState<Team | 'new' | null>(null)
  return (
    <View data-testid='teams-admin'>
      <Text className='sz-section-title'>志愿服务队</Text>
      <View className='sz-list'>
        {teams.length === 0 ? <Text className='sz-act-org__row sz-act-org__row-hint' data-testid='teams-admin-empty'>还没有志愿服务队</Text> : null}
        {teams.map((t, i) => (
          <View key={t.id} className={`sz-act-org__row ${i > 0 ? 'sz-act-org__row--divided' : ''}`} data-testid={`team-${t.id}`}>
            <View className='sz-act-org__row-main'>
              <Text className='sz-act-org__row-title'>{t.name}</Text>
              <Text className='sz-act-org__row-hint'>
                队长 {t.leaderName} · {t.members} 人
              </Text>
            </View>
            <View className='sz-act-org__act' hoverClass='sz-act-org__act--hover' data-testid={`team-edit-${i}`} onClick={() => setEditing(t)}>
              修改
            </View>
          </View>
        ))}
      </View>
      <View className='sz-actions'>
        <Button className='sz-button' size='large' block data-testid='team-new' onClick={() => setEditing('new')}>
          新建志愿服务队
        </Button>
      </View>
      {editing ? (
        <TeamSheet
          team={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null)
            void reload()
          }}
        />
      ) : null}
    </View>
  )
}

function TeamSheet({ team, onClose, onSaved }: { team: Team | null; onClose: () => void; onSaved: () => void }) {
  const residents = useApi(() => api.org.tree({}, quietUnknown).then(({ root }) => residentsOf(root)))
  const [name, setName] = useState(team?.name ?? '')
  const [description, setDescription] = useState(team?.description ?? '')
  const [leader, setLeader] = useState<{ id: string; name: string } | null>(team ? { id: team.leaderId, name: team.leaderName } : null)
  const [finding, setFinding] = useState('')
  const [problems, setProblems] = useState<Record<string, string>>({})
  const [sending, setSending] = useState(false)
  const requestId = useRef(newRequestId('team'))

  const save = async () => {
    const parsed = saveTeamInput.safeParse({ ...(team ? { id: team.id } : {}), name: name.trim(), description: description.trim(), leaderId: leader?.id ?? '', requestId: requestId.current })
    if (!parsed.success) {
      setProblems(problemsByField(parsed.error.issues, { plain: { leaderId: '请选一位队长', name: '队名写 2 到 20 个字' } }))
      return
    }
    setSending(true)
    try {
      await api.activities.saveTeam(parsed.data)
      void Taro.showToast({ title: '已保存', icon: 'success' })
      onSaved()
    } catch (e) {
      if (e instanceof ApiError) setProblems({ name: e.message })
      setSending(false)
    }
  }

  const found: ResidentChoice[] =
    residents.state.status === 'ready' && finding.trim() ? residents.state.data.filter((r) => r.name.includes(finding.trim())).slice(0, 6) : []

  return (
    <Sheet title={team ? '修改志愿服务队' : '新建志愿服务队'} confirmText='保存' sending={sending} onCancel={onClose} onConfirm={() => void save()} testId='team-sheet' confirmTestId='team-save'>
      <Field bare label='队名' error={problems.name} testId='team-field-name'>
        <TextInput testId='team-name' value={name} maxlength={20} placeholder='例如：文明督导队' onInput={setName} />
      </Field>
      <Field bare label='介绍' optional='可以不填' error={problems.description}>
        <TextInput testId='team-description' value={description} maxlength={200} placeholder='这个队做什么' onInput={setDescription} />
      </Field>
      <Field bare label={leader ? `队长：${leader.name}` : '队长'} error={problems.leaderId} hint='写名字里的一个字，再点下面的人。' testId='team-field-leader'>
        <TextInput testId='team-leader-find' value={finding} maxlength={10} placeholder='找居民' onInput={setFinding} />
        {found.map((r) => (
          <View key={r.id} className={`sz-sheet__option ${leader?.id === r.id ? 'sz-sheet__option--on' : ''}`} data-testid={`team-leader-${r.id}`} onClick={() => setLeader({ id: r.id, name: r.name })}>
            {r.name}（{r.courtyardName}）
          </View>
        ))}
      </Field>
    </Sheet>
  )
}
