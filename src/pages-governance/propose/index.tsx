import { useMemo, useRef, useState } from 'react'
import { View, Text, Input } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { LIST_NAMES, type ListKind } from '@core/governance'
import { proposeInput } from '@core/governance.schema'
import type { Me } from '@core/user'
import { ApiError, api, newRequestId, type Listing, type TreeNode } from '../../api'
import { Field, Loaded, PageState, ROUTES, SubmitBar, TextArea, TextInput, quietUnknown, useApi } from '../../components'
import { type HouseholdChoice, householdsOf, isAdmin, isOfficial, isoDay } from '../shared'
import '../governance.scss'
import './index.scss'

type Target = 'resident' | 'household'
type FieldKey = 'list' | 'who' | 'reason' | 'points'

/** 红黑榜提名 (网格员, 工作小组): red or black, a resident or a whole household of my grid, the reason, optional points. */
export default function ProposePage() {
  const { state, reload } = useApi(() => Promise.all([api.user.me({}, quietUnknown), api.org.tree({}, quietUnknown), api.org.settings({}, quietUnknown)]))
  const forbidden = <PageState kind='empty' title='只有网格员和社区工作小组可以提名' description='如果您发现好人好事或不文明行为，请告诉网格员。' testId='propose-forbidden' />
  return (
    <Loaded state={state} reload={reload} refusals={{ 'AUTH.FORBIDDEN': forbidden }}>
      {([me, { root }, { settings }]) => (isOfficial(me) ? <ProposeForm me={me} root={root} suspensionMonths={settings.suspensionMonths} /> : <View className='sz-page'>{forbidden}</View>)}
    </Loaded>
  )
}

/** Back to the lists: the page it came from when it did, else a fresh one. */
function backToLists() {
  const pages = Taro.getCurrentPages()
  const previous = pages.length > 1 ? pages[pages.length - 2] : null
  if (previous?.route?.includes('pages-governance/lists')) void Taro.navigateBack()
  else void Taro.redirectTo({ url: ROUTES.lists })
}

function ProposeForm({ me, root, suspensionMonths }: { me: Me; root: TreeNode; suspensionMonths: number }) {
  const admin = isAdmin(me)
  const households = useMemo(() => householdsOf(root), [root])
  const [list, setList] = useState<ListKind | null>(null)
  const [target, setTarget] = useState<Target>('resident')
  const [chosen, setChosen] = useState<string | null>(null)
  const [search, setSearch] = useState('')
  const [reason, setReason] = useState('')
  const [points, setPoints] = useState('')
  const [problems, setProblems] = useState<Partial<Record<FieldKey, string>>>({})
  const [failure, setFailure] = useState<string | null>(null)
  const [sending, setSending] = useState(false)
  const [done, setDone] = useState<Listing | null>(null)
  const requestId = useRef(newRequestId('listing'))

  const fixed = (key: FieldKey) => setProblems((p) => (p[key] ? { ...p, [key]: undefined } : p))
  const typed = (set: (value: string) => void, key: FieldKey) => (value: string) => {
    set(value)
    fixed(key)
  }
  const chosenName = chosenLabel(households, target, chosen)

  if (done) {
    const confirmed = done.status === 'confirmed'
    return (
      <View className='sz-page'>
        <PageState
          kind='empty'
          title={confirmed ? `已列入${LIST_NAMES[done.list]}` : '已提名，等社区工作小组确认'}
          description={
            confirmed
              ? `${done.name}已经公布在${LIST_NAMES[done.list]}上${done.list === 'black' && done.until ? `，暂停兑换和评比至 ${isoDay(done.until)}` : ''}。`
              : `${done.name}的${LIST_NAMES[done.list]}提名已经交给社区工作小组，确认后才公布。`
          }
          testId='propose-done'
        >
          <Button className='sz-button' type='primary' size='large' block data-testid='propose-to-lists' onClick={backToLists}>
            看红黑榜
          </Button>
          <View className='sz-picker-gap' />
          <Button
            className='sz-button'
            size='large'
            block
            data-testid='propose-again'
            onClick={() => {
              requestId.current = newRequestId('listing')
              setDone(null)
              setList(null)
              setChosen(null)
              setReason('')
              setPoints('')
            }}
          >
            再提名一个
          </Button>
        </PageState>
      </View>
    )
  }

  const check = () => {
    const found: Partial<Record<FieldKey, string>> = {}
    if (!list) found.list = '请选红榜或黑榜'
    if (!chosen) found.who = target === 'resident' ? '请选一位居民' : '请选一户人家'
    const amount = points.trim() === '' ? undefined : Number(points)
    const parsed = proposeInput.safeParse({
      list: list ?? 'red',
      ...(target === 'resident' ? { residentId: chosen ?? 'x' } : { householdId: chosen ?? 'x' }),
      reason,
      ...(amount === undefined ? {} : { points: amount }),
    })
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const key = issue.path[0]
        if (key === 'reason' && !found.reason) found.reason = issue.message
        if (key === 'points' && !found.points) found.points = Number.isNaN(amount) ? '请填一个数，例如 2 或 0.5' : issue.message.startsWith('Number') ? '积分在 0 到 100 之间' : issue.message
      }
    }
    return { found, amount }
  }

  const submit = async () => {
    if (sending) return
    const { found, amount } = check()
    setProblems(found)
    setFailure(null)
    if (Object.values(found).some(Boolean)) return
    const kind = list!
    if (kind === 'black') {
      const { confirm } = await Taro.showModal({
        title: `把${chosenName}列入黑榜？`,
        content: `${amount ? `扣 ${amount} 分，` : ''}暂停兑换和评比 ${suspensionMonths} 个月。${admin ? '提交后立即公布。' : '社区工作小组确认后生效。'}`,
        confirmText: '确定',
        cancelText: '再想想',
        confirmColor: '#b42318',
      })
      if (!confirm) return
    }
    setSending(true)
    try {
      const { listing } = await api.governance.propose({
        list: kind,
        ...(target === 'resident' ? { residentId: chosen! } : { householdId: chosen! }),
        reason: reason.trim(),
        ...(amount ? { points: amount } : {}),
        requestId: requestId.current,
      })
      setDone(listing)
    } catch (e) {
      setFailure(e instanceof ApiError ? e.message : '没有提交成功，请再试一次')
    } finally {
      setSending(false)
    }
  }

  const query = search.trim()
  const shownHouseholds = query ? households.filter((h) => h.name.includes(query) || h.residents.some((r) => r.name.includes(query))) : households
  const open = Object.values(problems).filter(Boolean).length
  const black = list === 'black'

  return (
    <View className='sz-page sz-propose' data-testid='propose-form'>
      <View className={`sz-alert ${admin ? 'sz-alert--success' : 'sz-alert--warning'}`} data-testid='propose-who-decides'>
        <Text className='sz-alert__line'>
          {admin ? '您是社区工作小组：提交后立即公布，积分同时加上或扣除。' : '您的提名交给社区工作小组，确认后才公布、才加分或扣分。'}
        </Text>
      </View>

      <Field
        label='上哪个榜'
        error={problems.list}
        hint={
          black
            ? `黑榜：扣分（可以不扣），并暂停兑换和评比 ${suspensionMonths} 个月，到期自动解除。`
            : list === 'red'
              ? '红榜：表彰好人好事，可以奖励积分。'
              : '红榜表彰好人好事；黑榜通报不文明行为。'
        }
        testId='propose-field-list'
      >
        <View className='sz-gov__choices'>
          {(['red', 'black'] as const).map((k) => (
            <View
              key={k}
              className={`sz-gov__choice sz-propose__list ${list === k ? `sz-gov__choice--${k}-on` : ''}`}
              data-testid={`propose-list-${k}`}
              onClick={() => {
                setList(k)
                fixed('list')
              }}
            >
              {LIST_NAMES[k]}
            </View>
          ))}
        </View>
      </Field>

      <Field
        label={<>上榜的是{chosenName ? <Text className='sz-propose__chosen' data-testid='propose-chosen'>{chosenName}</Text> : null}</>}
        error={problems.who}
        hint='整户上榜时，这户的每个人都算在内。'
        testId='propose-field-who'
      >
        <View className='sz-gov__choices'>
          {(
            [
              ['resident', '一位居民'],
              ['household', '一户人家'],
            ] as const
          ).map(([k, title]) => (
            <View
              key={k}
              className={`sz-gov__choice ${target === k ? 'sz-gov__choice--on' : ''}`}
              data-testid={`propose-target-${k}`}
              onClick={() => {
                if (k !== target) setChosen(null)
                setTarget(k)
              }}
            >
              {title}
            </View>
          ))}
        </View>
        <Input className='sz-input' data-testid='propose-search' value={search} placeholder='输入姓名查找' onInput={(e) => setSearch(e.detail.value)} />
        <View className='sz-propose__people' data-testid='propose-people'>
          {shownHouseholds.length === 0 ? <Text className='sz-gov__quiet'>{query ? `没有找到“${query}”` : '您负责的院落里还没有登记居民'}</Text> : null}
          {target === 'resident'
            ? shownHouseholds.flatMap((h) =>
                h.residents
                  .filter((r) => !query || r.name.includes(query) || h.name.includes(query))
                  .map((r) => (
                    <PersonRow
                      key={r.id}
                      id={r.id}
                      title={r.name}
                      hint={`${h.courtyardName} · ${h.name}`}
                      on={chosen === r.id}
                      onTap={() => {
                        setChosen(r.id)
                        fixed('who')
                      }}
                    />
                  )),
              )
            : shownHouseholds.map((h) => (
                <PersonRow
                  key={h.id}
                  id={h.id}
                  title={h.name}
                  hint={`${h.courtyardName} · ${h.residents.length} 人${h.residents.length ? `：${h.residents.map((r) => r.name).join('、')}` : ''}`}
                  on={chosen === h.id}
                  onTap={() => {
                    setChosen(h.id)
                    fixed('who')
                  }}
                />
              ))}
        </View>
      </Field>

      <Field label='上榜理由' required='必填，至少 4 个字' error={problems.reason} hint='理由会和名字一起公布，请写清楚事实。' testId='propose-field-reason'>
        <TextArea
          testId='propose-reason'
          value={reason}
          maxlength={200}
          placeholder={black ? '例如：多次在楼道堆放杂物，劝说后仍不清理' : '例如：主动照顾独居老人一年多'}
          onInput={typed(setReason, 'reason')}
        />
      </Field>

      <Field
        label={black ? '扣多少分' : '奖励多少分'}
        optional='可以不填'
        error={problems.points}
        hint={black ? '最多扣到 0 分为止。' : '0 到 100 分，最多一位小数。'}
        testId='propose-field-points'
      >
        <TextInput testId='propose-points' type='digit' value={points} maxlength={5} placeholder={black ? '不填就不扣分' : '不填就不加分'} onInput={typed(setPoints, 'points')} />
      </Field>

      <SubmitBar tall label={admin ? '提交并公布' : '提交提名'} busy={sending} busyLabel='正在提交' onSubmit={() => void submit()} testId='propose-submit'
        error={failure} unfixed={open} errorTitle='还没有提交' errorTestId='propose-error' />
      <View className='sz-bottom-space' />
    </View>
  )
}

function chosenLabel(households: HouseholdChoice[], target: Target, chosen: string | null): string {
  if (!chosen) return ''
  if (target === 'household') return households.find((h) => h.id === chosen)?.name ?? ''
  for (const h of households) {
    const r = h.residents.find((x) => x.id === chosen)
    if (r) return r.name
  }
  return ''
}

function PersonRow({ id, title, hint, on, onTap }: { id: string; title: string; hint: string; on: boolean; onTap: () => void }) {
  return (
    <View className={`sz-propose__person ${on ? 'sz-propose__person--on' : ''}`} data-testid={`propose-person-${id}`} data-chosen={on ? 'true' : 'false'} onClick={onTap}>
      <View className='sz-propose__person-main'>
        <Text className='sz-propose__person-name'>{title}</Text>
        <Text className='sz-propose__person-hint'>{hint}</Text>
      </View>
      <Text className='sz-propose__tick'>{on ? '✓' : ''}</Text>
    </View>
  )
}
