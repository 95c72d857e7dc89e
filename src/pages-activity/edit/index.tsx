import { useRef, useState, type ReactNode } from 'react'
import { View, Text, Picker } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import type { Activity, Team } from '@core/activities'
import { saveInput } from '@core/activities.schema'
import { problemsByField } from '@core/inputs'
import type { Me } from '@core/user'
import { ApiError, api, newRequestId } from '../../api'
import { Field, Loaded, PageState, goToFirstProblem, ROUTES, SubmitBar, TextArea, TextInput, beijingIso, formatDate, pickerDate, pickerTime, quietUnknown, useApi } from '../../components'
import { PickerRow } from '../../components/PickerRow'
import '../organiser.scss'

type FieldKey = 'title' | 'place' | 'startAt' | 'endAt' | 'signupUntil' | 'capacity' | 'points' | 'teamId' | 'description'
type Problems = Partial<Record<FieldKey, string>>

/** Top to bottom, as on the form: the page scrolls to the first one that is wrong. */
const FIELD_ORDER: FieldKey[] = ['title', 'place', 'startAt', 'endAt', 'signupUntil', 'capacity', 'points', 'teamId', 'description']

/** When the schema's own words are not Chinese (a number that is not a whole number, say), these are. */
const PLAIN: Record<FieldKey, string> = {
  title: '活动名称写 2 到 30 个字',
  place: '地点写 2 到 60 个字',
  startAt: '请选择开始时间',
  endAt: '请选择结束时间',
  signupUntil: '请选择报名截止时间',
  capacity: '名额写 1 到 10000 的整数，不限就不填',
  points: '积分写大于 0 的数字，最多一位小数',
  teamId: '请选择志愿服务队',
  description: '活动介绍不超过 500 个字',
}

const DAY = 86_400_000
const isAdmin = (me: Me) => me.roles.some((r) => r.role === 'admin')
const isGrid = (me: Me) => me.roles.some((r) => r.role === 'grid')

interface Needed {
  me: Me
  teams: Team[]
  activity: Activity | null
}

/**
 * 发布活动 / 修改 (`?id=`): the admin, a grid worker, or a volunteer team's leader (for the team). Checked with the
 * server's own `saveInput`; each field says what is wrong in Chinese when it is left. One requestId per form: a retried
 * 发布 makes one activity.
 */
export default function ActivityEditPage() {
  const id = useRouter().params.id
  const { state, reload } = useApi<Needed>(async () => {
    const [me, { items: teams }, got] = await Promise.all([
      api.user.me({}, quietUnknown),
      api.activities.teams({}, quietUnknown),
      id ? api.activities.get({ activityId: decodeURIComponent(id) }, quietUnknown) : Promise.resolve(null),
    ])
    return { me, teams, activity: got?.activity ?? null }
  }, [id])

  return (
    <Loaded
      state={state}
      reload={reload}
      refusals={{ NOT_FOUND: <PageState kind='empty' title='没有找到这个活动' description='它可能已经删除了。' testId='activity-edit-not-found' /> }}
    >
      {({ me, teams, activity }) => {
        const led = teams.filter((t) => t.leads)
        const staff = isAdmin(me) || isGrid(me)
        if ((!staff && led.length === 0) || (activity && !activity.organiser))
          return (
            <View className='sz-page'>
              <PageState kind='empty' title='您不能发布或修改这个活动' description='工作小组、网格员和志愿服务队队长可以发布活动；修改只能由发起人来。' testId='activity-edit-forbidden' />
            </View>
          )
        if (activity && activity.status === 'finished')
          return (
            <View className='sz-page'>
              <PageState kind='empty' title='这个活动已经结束了' description='结束的活动不能再修改。' testId='activity-edit-finished' />
            </View>
          )
        // The admin may publish for any team; a grid worker for none or a team they lead; a leader only for their team.
        const choices = isAdmin(me) ? teams : led
        return <ActivityForm activity={activity} teams={choices} teamRequired={!staff} />
      }}
    </Loaded>
  )
}

interface Values {
  title: string
  place: string
  description: string
  startDate: string
  startTime: string
  endDate: string
  endTime: string
  /** null: sign-up closes at the start. */
  until: { date: string; time: string } | null
  capacity: string
  points: string
  teamId: string | null
  partyProject: boolean
}

function ActivityForm({ activity, teams, teamRequired }: { activity: Activity | null; teams: Team[]; teamRequired: boolean }) {
  const [values, setValues] = useState<Values>(() => {
    // A new one: tomorrow 9:00 to 11:00.
    const start = activity ? new Date(activity.startAt) : new Date(`${pickerDate(Date.now() + DAY)}T09:00:00+08:00`)
    const end = activity ? new Date(activity.endAt) : new Date(start.getTime() + 2 * 3600_000)
    const until = activity && activity.signupUntil < activity.startAt ? new Date(activity.signupUntil) : null
    return {
      title: activity?.title ?? '',
      place: activity?.place ?? '',
      description: activity?.description ?? '',
      startDate: pickerDate(start),
      startTime: pickerTime(start),
      endDate: pickerDate(end),
      endTime: pickerTime(end),
      until: until ? { date: pickerDate(until), time: pickerTime(until) } : null,
      capacity: activity?.capacity ? String(activity.capacity) : '',
      points: activity ? String(activity.points) : '',
      teamId: activity?.teamId ?? (teamRequired && teams.length === 1 ? teams[0].id : null),
      partyProject: activity?.partyProject ?? false,
    }
  })
  const [problems, setProblems] = useState<Problems>({})
  const [failure, setFailure] = useState<string | null>(null)
  const [sending, setSending] = useState(false)
  const [tried, setTried] = useState(false)
  // One per form: a retry after a lost answer publishes the same activity, never a second one.
  const requestId = useRef(newRequestId('activity'))
  const today = pickerDate(new Date())

  /** The form as activities.save takes it, checked with its own schema; or the problems, field by field. */
  const check = (v: Values): { input: ReturnType<typeof saveInput.parse> } | { problems: Problems } => {
    const number = (text: string) => (text.trim() === '' ? NaN : Number(text.trim()))
    const found: Problems = {}
    if (v.points.trim() === '') found.points = '请填写每位签到的人得多少积分'
    if (teamRequired && !v.teamId) found.teamId = '请选择是哪个志愿服务队的活动'
    const parsed = saveInput.safeParse({
      ...(activity ? { id: activity.id } : {}),
      title: v.title.trim(),
      description: v.description.trim(),
      place: v.place.trim(),
      startAt: beijingIso(v.startDate, v.startTime),
      endAt: beijingIso(v.endDate, v.endTime),
      ...(v.until ? { signupUntil: beijingIso(v.until.date, v.until.time) } : {}),
      ...(v.capacity.trim() ? { capacity: number(v.capacity) } : {}),
      points: number(v.points),
      ...(v.teamId ? { teamId: v.teamId } : {}),
      partyProject: v.partyProject,
      requestId: requestId.current,
    })
    if (!parsed.success) Object.assign(found, { ...(problemsByField(parsed.error.issues, { plain: PLAIN }) as Problems), ...found })
    return parsed.success && !Object.values(found).some(Boolean) ? { input: parsed.data } : { problems: found }
  }
  const problemsOf = (v: Values): Problems => {
    const checked = check(v)
    return 'problems' in checked ? checked.problems : {}
  }

  /** Says at once what is wrong with one field (or that nothing is). */
  const recheck = (keys: FieldKey[], v: Values) => {
    const found = problemsOf(v)
    setProblems((p) => ({ ...p, ...Object.fromEntries(keys.map((k) => [k, found[k]])) }))
  }
  /** Typing keeps the text and takes the field's red words away; leaving the field checks it. */
  const typed = (key: keyof Values & FieldKey) => (value: string) => {
    setValues((v) => ({ ...v, [key]: value }))
    setProblems((p) => (p[key] ? { ...p, [key]: undefined } : p))
    setFailure(null)
  }
  const left = (key: FieldKey) => () => recheck([key], values)
  /** A picker or a choice: checked at once, with the times that depend on it. */
  const set = (next: Partial<Values>, keys: FieldKey[]) => {
    const v = { ...values, ...next }
    setValues(v)
    setFailure(null)
    recheck(keys, v)
  }

  const save = async () => {
    if (sending) return
    const checked = check(values)
    setTried(true)
    if ('problems' in checked) {
      setProblems(checked.problems)
      setFailure(goToFirstProblem(checked.problems, FIELD_ORDER, 'activity-field') ? null : '填写的内容有误，请检查后再试')
      return
    }
    setProblems({})
    setFailure(null)
    setSending(true)
    try {
      const { activity: saved } = await api.activities.save(checked.input, { silent: true })
      void Taro.showToast({ title: activity ? '已保存' : '已发布', icon: 'success' })
      void Taro.redirectTo({ url: ROUTES.activityManage(saved.id) })
    } catch (e) {
      const error = e instanceof ApiError ? e : new ApiError('INTERNAL')
      // The server checks with the same schema (and a little more): its issues go next to their fields too.
      const issues = (error.details as { issues?: unknown } | undefined)?.issues
      const fromServer = Array.isArray(issues) ? (problemsByField(issues as { path: (string | number)[]; message: string }[], { plain: PLAIN }) as Problems) : {}
      setProblems(fromServer)
      setFailure(Object.keys(fromServer).length > 0 ? null : error.message)
      setSending(false)
    }
  }

  const at = (key: FieldKey) => ({ id: `activity-field-${key}`, testId: `activity-field-${key}`, error: problems[key] })
  const day = (date: string) => `${formatDate(beijingIso(date, '12:00'))}${date === today ? '（今天）' : ''}`
  const { title, place, description, startDate, startTime, endDate, endTime, until, capacity, points, teamId, partyProject } = values

  return (
    <View className='sz-page sz-act-org' data-testid='activity-form'>
      <View className='sz-alert sz-alert--success' data-testid='activity-form-note'>
        <Text className='sz-alert__title'>{activity ? '修改活动' : '发布新活动'}</Text>
        <Text className='sz-alert__line'>发布后居民马上能看到、能报名。活动当天请打开签到二维码，居民扫码签到；结束后给签到的人发积分。</Text>
      </View>

      <Field {...at('title')} label='活动名称' hint='2 到 30 个字。'>
        <TextInput testId='activity-title' value={title} maxlength={30} placeholder='例如：清理楼道杂物' onInput={typed('title')} onBlur={left('title')} />
      </Field>

      <Field {...at('place')} label='地点'>
        <TextInput testId='activity-place' value={place} maxlength={60} placeholder='例如：3号院门口集合' onInput={typed('place')} onBlur={left('place')} />
      </Field>

      <Field {...at('startAt')} label='开始时间' hint='北京时间。开始前 30 分钟起可以签到。'>
        <Picker mode='date' value={startDate} start={today} onChange={(e) => set({ startDate: String(e.detail.value) }, ['startAt', 'endAt', 'signupUntil'])}>
          <PickerRow label='日期' testId='activity-start-date'>
            {day(startDate)}
          </PickerRow>
        </Picker>
        <View className='sz-picker-gap' />
        <Picker mode='time' value={startTime} onChange={(e) => set({ startTime: String(e.detail.value) }, ['startAt', 'endAt', 'signupUntil'])}>
          <PickerRow label='时间' testId='activity-start-time'>
            {startTime}
          </PickerRow>
        </Picker>
      </Field>

      <Field {...at('endAt')} label='结束时间' hint='到结束时间为止都可以签到。'>
        <Picker mode='date' value={endDate} start={startDate} onChange={(e) => set({ endDate: String(e.detail.value) }, ['endAt'])}>
          <PickerRow label='日期' testId='activity-end-date'>
            {day(endDate)}
          </PickerRow>
        </Picker>
        <View className='sz-picker-gap' />
        <Picker mode='time' value={endTime} onChange={(e) => set({ endTime: String(e.detail.value) }, ['endAt'])}>
          <PickerRow label='时间' testId='activity-end-time'>
            {endTime}
          </PickerRow>
        </Picker>
      </Field>

      <Field {...at('signupUntil')} label='报名截止' optional='可以不设' hint={until ? undefined : '不设的话，活动开始时报名截止。'}>
        <View className='sz-act-org__chips sz-act-org__chips--row'>
          <Choice on={!until} testId='activity-until-start' onTap={() => set({ until: null }, ['signupUntil'])}>
            开始时截止
          </Choice>
          <Choice on={!!until} testId='activity-until-set' onTap={() => set({ until: until ?? { date: startDate, time: '08:00' } }, ['signupUntil'])}>
            另设截止
          </Choice>
        </View>
        {until ? (
          <View className='sz-act-org__chips--below'>
            <Picker mode='date' value={until.date} start={today} end={startDate} onChange={(e) => set({ until: { ...until, date: String(e.detail.value) } }, ['signupUntil'])}>
              <PickerRow label='日期' testId='activity-until-date'>
                {day(until.date)}
              </PickerRow>
            </Picker>
            <View className='sz-picker-gap' />
            <Picker mode='time' value={until.time} onChange={(e) => set({ until: { ...until, time: String(e.detail.value) } }, ['signupUntil'])}>
              <PickerRow label='时间' testId='activity-until-time'>
                {until.time}
              </PickerRow>
            </Picker>
          </View>
        ) : null}
      </Field>

      <Field {...at('capacity')} label='名额' optional='不填就是不限' hint='报满了就不能再报名。'>
        <TextInput testId='activity-capacity' type='number' value={capacity} maxlength={5} placeholder='不限' onInput={typed('capacity')} onBlur={left('capacity')} />
      </Field>

      <Field {...at('points')} label='签到的人每人得多少积分' hint='最多一位小数，例如 2 或 1.5。结束活动时发给每位签到的人，每人一次。'>
        <TextInput testId='activity-points' type='digit' value={points} maxlength={6} placeholder='例如：2' onInput={typed('points')} onBlur={left('points')} />
      </Field>

      {teams.length > 0 ? (
        <Field {...at('teamId')} label='志愿服务队' optional={teamRequired ? undefined : '可以不选'}>
          <View className='sz-act-org__chips'>
            {teamRequired ? null : (
              <Choice on={!teamId} testId='activity-team-none' onTap={() => set({ teamId: null }, ['teamId'])}>
                不属于哪个队
              </Choice>
            )}
            {teams.map((t) => (
              <Choice key={t.id} on={teamId === t.id} testId={`activity-team-${t.id}`} onTap={() => set({ teamId: t.id }, ['teamId'])}>
                {t.name}
              </Choice>
            ))}
          </View>
        </Field>
      ) : null}

      <Field label='党员认领项目' hint='是的话，只有登记的党员能看到和报名（认领），积分计入党员积分档案。' testId='activity-field-party'>
        <View className='sz-act-org__chips sz-act-org__chips--row'>
          <Choice on={!partyProject} testId='activity-party-no' onTap={() => set({ partyProject: false }, [])}>
            不是
          </Choice>
          <Choice on={partyProject} testId='activity-party-yes' onTap={() => set({ partyProject: true }, [])}>
            是
          </Choice>
        </View>
      </Field>

      <Field {...at('description')} label='活动介绍' optional='可以不填' counter={{ text: description, max: 500 }}>
        <TextArea testId='activity-description' value={description} maxlength={500} placeholder='例如：带上手套，工具由社区准备' onInput={typed('description')} onBlur={left('description')} />
      </Field>

      <SubmitBar label={activity ? '保存修改' : '发布活动'} busy={sending} busyLabel='正在保存' onSubmit={() => void save()} testId='activity-submit'
        error={failure} unfixed={tried ? Object.values(problems).filter(Boolean).length : 0} errorTitle='还没有发布' errorTestId='activity-form-error' />
      <View className='sz-bottom-space' />
    </View>
  )
}

function Choice({ on, testId, onTap, children }: { on: boolean; testId: string; onTap: () => void; children: ReactNode }) {
  return (
    <View className={`sz-act-org__chip ${on ? 'sz-act-org__chip--on' : ''}`} data-testid={testId} data-on={on ? 'true' : 'false'} onClick={onTap}>
      {children}
    </View>
  )
}
