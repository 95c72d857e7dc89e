import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { api, newRequestId, type TreeNode } from '../../api'
import { useSending } from '../../components'
import { Sheet } from '../../components/Sheet'
import { ReasonSheet } from '../../components/ReasonSheet'
import { Action } from './Action'
import './residents.scss'

export type Resident = NonNullable<TreeNode['residents']>[number]

/** Who the admin is acting on, and what for: 迁到别的户 or 登记搬走. */
export type ResidentAsk = { kind: 'move' | 'remove'; resident: Resident; household: TreeNode }

/** One resident of a household: the name (无手机 marked), 迁到别的户 and 登记搬走. */
export function ResidentRow({ resident, household, onAsk }: { resident: Resident; household: TreeNode; onAsk: (ask: ResidentAsk) => void }) {
  return (
    <View className='sz-org-resident' data-testid={`org-resident-${resident.id}`}>
      <Text className={`sz-org-resident__name ${resident.hasPhone ? '' : 'sz-org-resident__name--no-phone'}`}>
        {resident.name}
        {resident.hasPhone ? '' : '（无手机）'}
      </Text>
      <View className='sz-org-resident__actions'>
        <Action testId={`org-move-${resident.id}`} onTap={() => onAsk({ kind: 'move', resident, household })}>
          迁到别的户
        </Action>
        <Action testId={`org-remove-${resident.id}`} danger onTap={() => onAsk({ kind: 'remove', resident, household })}>
          登记搬走
        </Action>
      </View>
    </View>
  )
}

/** Every courtyard of the tree, with the grid it is in (their households are the places one can move to). */
function courtyardsOf(n: TreeNode): TreeNode[] {
  return n.type === 'courtyard' ? [n] : n.children.flatMap(courtyardsOf)
}

/** The courtyard a household is in. */
const courtyardOf = (root: TreeNode, householdId: string) => courtyardsOf(root).find((c) => c.children.some((h) => h.id === householdId))

/** The sheet the page shows for an ask: the move picker, or the reason for moving away. */
export function ResidentSheet({ ask, root, onCancel, onDone }: { ask: ResidentAsk; root: TreeNode; onCancel: () => void; onDone: () => void }) {
  return ask.kind === 'move' ? <MoveSheet ask={ask} root={root} onCancel={onCancel} onDone={onDone} /> : <RemoveSheet ask={ask} onCancel={onCancel} onDone={onDone} />
}

/**
 * 迁到别的户: pick the courtyard (their own first), then the household. The ledger stays as it was; with the household
 * wallet on, what is in the old household's wallet stays with that household (the sheet says so).
 */
function MoveSheet({ ask, root, onCancel, onDone }: { ask: ResidentAsk; root: TreeNode; onCancel: () => void; onDone: () => void }) {
  const { resident, household: from } = ask
  const courtyards = courtyardsOf(root)
  const [courtyardId, setCourtyardId] = useState(courtyardOf(root, from.id)?.id ?? courtyards[0]?.id ?? '')
  const [householdId, setHouseholdId] = useState<string | null>(null)
  const [requestId] = useState(() => newRequestId('move'))
  const { sending, send } = useSending()
  const courtyard = courtyards.find((c) => c.id === courtyardId)
  const households = (courtyard?.children ?? []).filter((h) => h.type === 'household' && h.id !== from.id)
  const target = households.find((h) => h.id === householdId)

  const confirm = async () => {
    if (!target) return void Taro.showToast({ title: '请选要迁入的户', icon: 'none' })
    await send(() => api.org.moveResident({ residentId: resident.id, householdId: target.id, requestId }), () => `已把${resident.name}迁到${target.name}`, onDone)
  }

  return (
    <Sheet
      testId='org-move-sheet'
      title={`把「${resident.name}」迁到别的户`}
      subtitle={`现在住在：${courtyardOf(root, from.id)?.name ?? ''} ${from.name}`}
      confirmText='迁过去'
      sending={sending}
      onCancel={onCancel}
      onConfirm={() => void confirm()}
      confirmTestId='org-move-confirm'
      cancelTestId='org-move-cancel'
    >
      <Text className='sz-org-move__note'>以前的积分明细都保留。开了“家庭积分账户”的，原来那户的积分留在原来那户。</Text>
      <Text className='sz-org-move__step'>第一步：选院落</Text>
      <View className='sz-sheet__options'>
        {courtyards.map((c) => (
          <View
            key={c.id}
            className={`sz-sheet__option ${c.id === courtyardId ? 'sz-sheet__option--on' : ''}`}
            data-testid={`org-move-courtyard-${c.id}`}
            onClick={() => {
              setCourtyardId(c.id)
              setHouseholdId(null)
            }}
          >
            {c.name}
          </View>
        ))}
      </View>
      <Text className='sz-org-move__step'>第二步：选户</Text>
      {households.length === 0 ? (
        <Text className='sz-org-move__note' data-testid='org-move-empty'>
          这个院落还没有别的户。请先在院落里“＋ 添加户”，再来迁。
        </Text>
      ) : (
        <View className='sz-sheet__options'>
          {households.map((h) => (
            <View
              key={h.id}
              className={`sz-sheet__option ${h.id === householdId ? 'sz-sheet__option--on' : ''}`}
              data-testid={`org-move-household-${h.id}`}
              onClick={() => setHouseholdId(h.id)}
            >
              {h.name}
            </View>
          ))}
        </View>
      )}
    </Sheet>
  )
}

const REASONS = ['租期到了，搬走了', '买了房，搬到别处住', '回老家了'] as const

/** 登记搬走, confirmed with a reason: what it does is said before the button. */
function RemoveSheet({ ask, onCancel, onDone }: { ask: ResidentAsk; onCancel: () => void; onDone: () => void }) {
  const { resident, household } = ask
  const [requestId] = useState(() => newRequestId('moved'))
  const { sending, send } = useSending()

  const confirm = (reason: string) =>
    send(
      () => api.org.removeResident({ residentId: resident.id, reason, requestId }),
      ({ vouchersCancelled }) => `已登记${resident.name}搬走${vouchersCancelled > 0 ? `，退回 ${vouchersCancelled} 张兑换券` : ''}`,
      onDone,
    )

  return (
    <ReasonSheet
      title={`登记「${resident.name}」搬走`}
      subtitle={household.name}
      confirmText='登记搬走'
      confirmType='danger'
      templates={REASONS}
      placeholder='写下搬走的原因'
      maxlength={100}
      missingText='请选一个原因，或写下搬走的原因'
      intro={
        <View className='sz-sheet__body'>
          <Text className='sz-sheet__line'>登记后，组织架构和代申报名单里不再有这位居民，也不能再用本社区的身份登录。</Text>
          <Text className='sz-sheet__line'>以前的积分明细和申报都保留；没用的兑换券会退回，积分退还。</Text>
        </View>
      }
      sending={sending}
      onCancel={onCancel}
      onConfirm={(reason) => void confirm(reason)}
      testId='org-remove'
      textTestId='org-remove-reason'
    />
  )
}
