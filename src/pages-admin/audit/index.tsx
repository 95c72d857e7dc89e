import { useState } from 'react'
import { View, Text, Input, Picker } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { api, type AuditEntry } from '../../api'
import { ListFooter, PageState, dayLabel, formatDateTime, pickerDate, quietUnknown, usePaged } from '../../components'
import { PickerRow } from '../../components/PickerRow'
import { dayStartIso, nextDayStartIso } from '../periods'
import { ACTION_NAMES, FUNCTION_NAMES, TARGET_NAMES, actionName, changeLine, detailLines } from './labels'
import '../admin.scss'
import '../governance.scss'
import './index.scss'

interface Filters {
  operator: string
  action: string
  from: string
  to: string
}

const NONE: Filters = { operator: '', action: '', from: '', to: '' }

/** 全部, each function as a whole (申报（全部）), then each action by name. */
const ACTION_OPTIONS: { value: string; label: string }[] = [
  { value: '', label: '全部操作' },
  ...Object.entries(FUNCTION_NAMES).map(([value, name]) => ({ value, label: `${name}（全部）` })),
  ...Object.entries(ACTION_NAMES).map(([value, name]) => ({ value, label: `${name}（${value}）` })),
]

/**
 * 操作日志 (工作小组): every act of an official — who, when, what, on what, and what it was before and after —
 * newest first, 50 at a time. Search by 经办人 (their name), by action (a whole function such as 申报, or one such as
 * 审核申报) and by dates. A row opens to show the before, after and request as 字段：值 lines. Nobody reads an openid
 * or an internal key here: people by name, ids as what they are. Nothing here can change the log.
 */
export default function AuditPage() {
  const [draft, setDraft] = useState<Filters>(NONE)
  const [applied, setApplied] = useState<Filters>(NONE)
  const [opened, setOpened] = useState<Record<string, boolean>>({})
  const today = pickerDate(new Date())

  const list = usePaged<AuditEntry>(
    [
      (cursor) =>
        api.governance.audit(
          {
            ...(applied.operator ? { operator: applied.operator } : {}),
            // `operation`, not `action`: the transport's `action` names the call itself and would overwrite it.
            ...(applied.action ? { operation: applied.action } : {}),
            ...(applied.from ? { from: dayStartIso(applied.from) } : {}),
            ...(applied.to ? { to: nextDayStartIso(applied.to) } : {}),
            ...(cursor ? { cursor } : {}),
          },
          quietUnknown,
        ),
    ],
    null,
    [applied],
  )

  usePullDownRefresh(() => {
    void list.reload().finally(() => Taro.stopPullDownRefresh())
  })

  const search = () => {
    if (draft.from && draft.to && draft.from > draft.to) return void Taro.showToast({ title: '开始日期不能晚于结束日期', icon: 'none' })
    setOpened({})
    setApplied({ ...draft, operator: draft.operator.trim() })
  }
  const clear = () => {
    setDraft(NONE)
    setApplied(NONE)
  }

  const actionIndex = Math.max(0, ACTION_OPTIONS.findIndex((o) => o.value === draft.action))
  const filtered = applied.operator || applied.action || applied.from || applied.to

  return (
    <View className='sz-page sz-audit' data-testid='audit-page'>
      <View className='sz-card sz-audit__filters' data-testid='audit-filters'>
        <Picker mode='selector' range={ACTION_OPTIONS.map((o) => o.label)} value={actionIndex} onChange={(e) => setDraft({ ...draft, action: ACTION_OPTIONS[Number(e.detail.value)].value })}>
          <PickerRow label='操作' testId='audit-action'>
            {ACTION_OPTIONS[actionIndex].label}
          </PickerRow>
        </Picker>
        <View className='sz-picker-gap' />
        <Input
          className='sz-input'
          data-testid='audit-operator'
          value={draft.operator}
          maxlength={64}
          placeholder='经办人姓名（不填为所有人）'
          onInput={(e) => setDraft({ ...draft, operator: e.detail.value })}
        />
        <View className='sz-picker-gap' />
        <View className='sz-audit__dates'>
          <View className='sz-audit__date'>
            <Picker mode='date' value={draft.from || today} end={today} onChange={(e) => setDraft({ ...draft, from: String(e.detail.value) })}>
              <PickerRow label='从' testId='audit-from'>
                {draft.from ? dayLabel(draft.from) : '不限'}
              </PickerRow>
            </Picker>
          </View>
          <View className='sz-audit__date'>
            <Picker mode='date' value={draft.to || today} end={today} onChange={(e) => setDraft({ ...draft, to: String(e.detail.value) })}>
              <PickerRow label='到' testId='audit-to'>
                {draft.to ? dayLabel(draft.to) : '不限'}
              </PickerRow>
            </Picker>
          </View>
        </View>
        <View className='sz-audit__buttons'>
          <Button className='sz-button' size='large' data-testid='audit-clear' onClick={clear}>
            清空条件
          </Button>
          <Button className='sz-button' type='primary' size='large' data-testid='audit-search' onClick={search}>
            查询
          </Button>
        </View>
      </View>

      {list.status === 'loading' ? (
        <PageState kind='loading' />
      ) : list.status === 'error' ? (
        list.error?.code === 'AUTH.FORBIDDEN' ? (
          <PageState kind='empty' title='只有社区工作小组可以查看操作日志' testId='audit-forbidden' />
        ) : (
          <PageState kind='error' description={list.error?.message} onRetry={() => void list.reload()} />
        )
      ) : list.items.length === 0 ? (
        <PageState kind='empty' title={filtered ? '没有符合条件的记录' : '还没有操作记录'} description={filtered ? '换个条件再查，或点“清空条件”。' : undefined} testId='audit-empty' />
      ) : (
        <View className='sz-list' data-testid='audit-list'>
          {list.items.map((e, i) => (
            <AuditRow key={e.id} entry={e} divided={i > 0} open={!!opened[e.id]} onToggle={() => setOpened({ ...opened, [e.id]: !opened[e.id] })} />
          ))}
        </View>
      )}
      <ListFooter list={list} />
      <View className='sz-bottom-space' />
    </View>
  )
}

function AuditRow({ entry: e, divided, open, onToggle }: { entry: AuditEntry; divided: boolean; open: boolean; onToggle: () => void }) {
  const target = e.target?.type
  const changed = e.before !== undefined || e.after !== undefined
  return (
    <View className={`sz-audit__row ${divided ? 'sz-audit__row--divided' : ''}`} hoverClass='sz-audit__row--hover' data-testid={`audit-row-${e.id}`} data-action={e.action} onClick={onToggle}>
      <View className='sz-audit__head'>
        <Text className='sz-audit__action' data-testid={`audit-action-${e.id}`}>
          {actionName(e.action)}
        </Text>
        <Text className='sz-audit__time'>{formatDateTime(e.at)}</Text>
      </View>
      <Text className='sz-audit__line'>
        {e.operatorName || '系统'}
        {e.target ? ` · ${TARGET_NAMES[e.target.type] ?? e.target.type}` : ''}
      </Text>
      {changed ? (
        <Text className='sz-audit__change' data-testid={`audit-change-${e.id}`}>
          {changeLine(e.before, e.after, target)}
        </Text>
      ) : null}
      <Text className='sz-audit__toggle'>{open ? '收起 ▴' : '详细 ▾'}</Text>
      {open ? (
        <View className='sz-audit__detail' data-testid={`audit-detail-${e.id}`}>
          <Detail title='操作' lines={[`${actionName(e.action)}${e.target ? `（${TARGET_NAMES[e.target.type] ?? '记录'}）` : ''}`]} />
          <Detail title='经办人' lines={[e.operatorName || '系统']} />
          {e.before !== undefined ? <Detail title='之前' lines={detailLines(e.before, target)} /> : null}
          {e.after !== undefined ? <Detail title='之后' lines={detailLines(e.after, target)} /> : null}
          {e.input ? <Detail title='请求内容' lines={detailLines(e.input, target)} /> : null}
        </View>
      ) : null}
    </View>
  )
}

/** A titled block of 字段：值 lines; nothing when no field has a name a person reads. */
function Detail({ title, lines }: { title: string; lines: string[] }) {
  if (lines.length === 0) return null
  return (
    <>
      <Text className='sz-audit__detail-title'>{title}</Text>
      <View className='sz-audit__json' data-testid='audit-lines'>
        {lines.map((line, i) => (
          <Text key={i} className='sz-audit__field' userSelect>
            {line}
          </Text>
        ))}
      </View>
    </>
  )
}
