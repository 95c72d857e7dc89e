import { useState } from 'react'
import { View, Text, Input } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { isQuarterInput } from '@core/inputs'
import { setPartyMemberInput } from '@core/org.schema'
import { formatPoints } from '@core/points'
import { api, type PartyRow, type TreeNode } from '../../api'
import { Loaded, PageState, quietUnknown, useApi, useSending, usePullDownReload } from '../../components'
import { Sheet } from '../../components/Sheet'
import { ExportButton } from '../../components/ExportButton'
import { PeriodStepper } from '../PeriodStepper'
import { quarterLabel, quarterMonths, quarterOf, shiftQuarter } from '../periods'
import '../admin.scss'
import '../governance.scss'
import './index.scss'

/** A resident as the marking sheet lists them: where they live, to tell two of the same name apart. */
interface Person {
  id: string
  name: string
  courtyard: string
  household: string
}

function peopleOf(node: TreeNode, courtyard = ''): Person[] {
  const here = node.type === 'courtyard' ? node.name : courtyard
  const own = (node.residents ?? []).map((r) => ({ id: r.id, name: r.name, courtyard: here, household: node.name }))
  return [...own, ...node.children.flatMap((c) => peopleOf(c, here))]
}

const SHOWN = 20

/**
 * 党员积分档案 (工作小组): each party member's points and activities in a quarter, for their employer units (报到制);
 * 导出 Excel for sending on. 标记党员: pick a resident, say whether they are a party member, and their unit.
 */
export default function PartyPage() {
  const asked = useRouter().params.quarter
  const current = quarterOf()
  const [quarter, setQuarter] = useState(asked && isQuarterInput(asked) && asked <= current ? asked : current)
  const { state, reload } = useApi(() => api.governance.partyReport({ quarter }, quietUnknown), [quarter])
  const [marking, setMarking] = useState(false)

  usePullDownReload(reload)

  return (
    <View className='sz-page sz-party' data-testid='party-page'>
      <PeriodStepper
        label={quarterLabel(quarter)}
        previousLabel='上一季度'
        nextLabel='下一季度'
        onPrevious={() => setQuarter(shiftQuarter(quarter, -1))}
        onNext={quarter < current ? () => setQuarter(shiftQuarter(quarter, 1)) : undefined}
        testId='party-quarter'
      />
      <Loaded
        state={state}
        reload={reload}
        bare
        refusals={{ 'AUTH.FORBIDDEN': <PageState kind='empty' title='只有社区工作小组可以看党员积分档案' testId='party-forbidden' /> }}
      >
        {({ items }) => (
          <>
            {items.length === 0 ? (
              <PageState kind='empty' title='还没有登记党员' description='点下面的“标记党员”，选居民、填工作单位。' testId='party-empty' />
            ) : (
              <>
                <Text className='sz-gov-intro'>
                  {items.length} 位党员。积分是本季度（{quarterMonths(quarter)}）获得减去扣除的分数，活动是审核通过的申报次数。
                </Text>
                <View className='sz-list' data-testid='party-list'>
                  {items.map((p, i) => (
                    <PartyMemberRow key={p.residentId} row={p} divided={i > 0} />
                  ))}
                </View>
              </>
            )}
            <View className='sz-actions'>
              {items.length > 0 ? (
                <>
                  <ExportButton make={async () => (await api.governance.partyReport({ quarter, export: true })).file!} testId='party-export' />
                  <View className='sz-picker-gap' />
                </>
              ) : null}
              <Button className='sz-button' size='large' block data-testid='party-mark' onClick={() => setMarking(true)}>
                标记党员 / 取消标记
              </Button>
            </View>
            {marking ? (
              <MarkSheet
                members={items}
                onCancel={() => setMarking(false)}
                onDone={() => {
                  setMarking(false)
                  void reload()
                }}
              />
            ) : null}
          </>
        )}
      </Loaded>
      <View className='sz-bottom-space' />
    </View>
  )
}

function PartyMemberRow({ row: p, divided }: { row: PartyRow; divided: boolean }) {
  return (
    <View className={`sz-party__row ${divided ? 'sz-party__row--divided' : ''}`} data-testid={`party-row-${p.residentId}`}>
      <View className='sz-party__main'>
        <Text className='sz-party__name'>{p.name}</Text>
        <Text className='sz-party__line'>{p.unit || '（未填单位）'}</Text>
        <Text className='sz-party__line'>{p.courtyard}</Text>
      </View>
      <View className='sz-party__numbers'>
        <Text className={`sz-party__points ${p.points < 0 ? 'sz-party__points--minus' : ''}`} data-testid={`party-points-${p.residentId}`}>
          {formatPoints(p.points)} 分
        </Text>
        <Text className='sz-party__line'>活动 {p.activities} 次</Text>
      </View>
    </View>
  )
}

interface MarkSheetProps {
  /** Those marked already, to show their unit and offer 取消. */
  members: PartyRow[]
  onCancel: () => void
  onDone: () => void
}

function MarkSheet({ members, onCancel, onDone }: MarkSheetProps) {
  const tree = useApi(() => api.org.tree({}, quietUnknown))
  const [query, setQuery] = useState('')
  const [picked, setPicked] = useState<Person | null>(null)
  const [party, setParty] = useState(true)
  const [unit, setUnit] = useState('')
  const [problem, setProblem] = useState<string | null>(null)
  const { sending, send } = useSending()
  const known = new Map(members.map((m) => [m.residentId, m]))

  const pick = (p: Person) => {
    setPicked(p)
    const member = known.get(p.id)
    setParty(!member)
    setUnit(member?.unit ?? '')
    setProblem(null)
  }

  const confirm = async () => {
    if (!picked) return setProblem('请先选一位居民')
    if (party && unit.trim().length < 2) return setProblem('请填写工作单位（报到单位），至少两个字')
    // The rest as org.setPartyMember's own schema checks it (a unit of one line, at most 40 characters).
    const parsed = setPartyMemberInput.safeParse({ residentId: picked.id, partyMember: party, ...(party ? { unit } : {}) })
    if (!parsed.success) return setProblem(parsed.error.issues[0]?.message ?? '填写的内容有误，请检查后再试')
    await send(() => api.org.setPartyMember(parsed.data), () => (party ? `已标记 ${picked.name} 为党员` : `已取消 ${picked.name} 的党员标记`), onDone)
  }

  return (
    <Sheet
      title='标记党员'
      subtitle='选一位居民，说明是否党员，填工作单位'
      confirmText='保存'
      sending={sending}
      onCancel={onCancel}
      onConfirm={() => void confirm()}
      testId='party-sheet'
      cancelTestId='party-cancel'
      confirmTestId='party-confirm'
    >
      {picked ? (
        <View className='sz-party__picked'>
          <View className='sz-sheet__option sz-sheet__option--on sz-party__person' data-testid='party-picked'>
            <Text className='sz-party__person-name'>{picked.name}</Text>
            <Text className='sz-party__person-where'>
              {picked.courtyard} · {picked.household}
            </Text>
          </View>
          <Text className='sz-party__change' data-testid='party-repick' onClick={() => setPicked(null)}>
            换一位居民 ›
          </Text>
          <View className='sz-sheet__switch'>
            <View className={`sz-sheet__option ${party ? 'sz-sheet__option--on' : ''}`} data-testid='party-yes' onClick={() => setParty(true)}>
              是党员
            </View>
            <View className={`sz-sheet__option ${!party ? 'sz-sheet__option--on' : ''}`} data-testid='party-no' onClick={() => setParty(false)}>
              不是党员
            </View>
          </View>
          {party ? (
            <>
              <Text className='sz-party__label'>工作单位（报到单位）</Text>
              <Input className='sz-input' data-testid='party-unit' value={unit} maxlength={40} placeholder='例如：市人民医院' onInput={(e) => setUnit(e.detail.value)} />
            </>
          ) : known.has(picked.id) ? (
            <Text className='sz-party__hint'>保存后，{picked.name} 不再出现在党员积分档案里。</Text>
          ) : null}
        </View>
      ) : (
        <>
          <Input className='sz-input sz-party__search' data-testid='party-search' value={query} maxlength={20} placeholder='输入姓名查找居民' onInput={(e) => setQuery(e.detail.value)} />
          {tree.state.status === 'loading' ? (
            <Text className='sz-party__hint'>正在加载居民名单…</Text>
          ) : tree.state.status === 'error' ? (
            <Text className='sz-sheet__error'>{tree.state.error.message}</Text>
          ) : (
            <PeopleOptions people={peopleOf(tree.state.data.root)} query={query.trim()} members={known} onPick={pick} />
          )}
        </>
      )}
      {problem ? <Text className='sz-sheet__error'>{problem}</Text> : null}
    </Sheet>
  )
}

function PeopleOptions({ people, query, members, onPick }: { people: Person[]; query: string; members: Map<string, PartyRow>; onPick: (p: Person) => void }) {
  const found = query ? people.filter((p) => p.name.includes(query)) : people
  if (found.length === 0) return <Text className='sz-party__hint'>没有找到“{query}”。</Text>
  return (
    <View className='sz-sheet__options'>
      {found.slice(0, SHOWN).map((p) => (
        <View key={p.id} className='sz-sheet__option sz-party__person' data-testid={`party-person-${p.id}`} onClick={() => onPick(p)}>
          <Text className='sz-party__person-name'>
            {p.name}
            {members.has(p.id) ? <Text className='sz-party__tag'> 党员</Text> : null}
          </Text>
          <Text className='sz-party__person-where'>
            {p.courtyard} · {p.household}
          </Text>
        </View>
      ))}
      {found.length > SHOWN ? <Text className='sz-party__hint'>还有 {found.length - SHOWN} 位，请输入姓名查找。</Text> : null}
    </View>
  )
}
