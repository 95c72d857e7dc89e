import { useState, type ReactNode } from 'react'
import { View, Text } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { api, type Invite, type TreeNode } from '../../api'
import { Field, Loaded, PageState, SubmitBar, formatDate, quietUnknown, useApi } from '../../components'
import { QrCode } from '../../components/QrCode'
import { courtyardsOf } from '../treeWalk'
import './index.scss'

const USES = [1, 5, 20] as const
const DAYS = [7, 14, 30] as const

/**
 * 邀请居民 (院长: 本院; 工作小组: 任一院落): choose the courtyard, a household if they join an existing one, how many may
 * use it and for how long → the code in large type and as a QR code to scan. `?courtyardId=` preselects (from 组织架构).
 */
export default function InvitePage() {
  const preset = useRouter().params.courtyardId
  const { state, reload } = useApi(() => api.org.tree({}, quietUnknown))
  return (
    <Loaded
      state={state}
      reload={reload}
      refusals={{ 'AUTH.FORBIDDEN': <PageState kind='empty' title='只有院长和社区工作人员可以邀请' description='请联系本院院长。' testId='invite-forbidden' /> }}
    >
      {({ root }) => {
        const courtyards = courtyardsOf(root)
        if (courtyards.length === 0)
          return (
            <View className='sz-page'>
              <PageState kind='empty' title='还没有院落' description='请先在组织架构里添加院落。' testId='invite-no-courtyard' />
            </View>
          )
        return <InviteForm courtyards={courtyards} preset={preset} />
      }}
    </Loaded>
  )
}

function InviteForm({ courtyards, preset }: { courtyards: TreeNode[]; preset?: string }) {
  const [courtyardId, setCourtyardId] = useState(courtyards.find((c) => c.id === preset)?.id ?? courtyards[0].id)
  const [householdId, setHouseholdId] = useState<string | null>(null)
  const [maxUses, setMaxUses] = useState<number>(1)
  const [days, setDays] = useState<number>(14)
  const [invite, setInvite] = useState<Invite | null>(null)
  const [issuing, setIssuing] = useState(false)
  const courtyard = courtyards.find((c) => c.id === courtyardId)!
  const households = courtyard.children.filter((c) => c.type === 'household')

  const issue = async () => {
    setIssuing(true)
    try {
      const { invite: made } = await api.org.issueInvite({ courtyardId, ...(householdId ? { householdId } : {}), maxUses, days })
      setInvite(made)
    } catch {
      // the toast said why
    } finally {
      setIssuing(false)
    }
  }

  if (invite) {
    return (
      <View className='sz-page sz-invite'>
        <View className='sz-card sz-invite__result' data-testid='invite-result'>
          <Text className='sz-invite__where' data-testid='invite-where'>
            {invite.courtyardName}
            {invite.householdName ? ` · ${invite.householdName}` : ''}
          </Text>
          <Text className='sz-invite__label'>邀请码</Text>
          <Text className='sz-invite__code' data-testid='invite-code'>
            {invite.display}
          </Text>
          <QrCode text={invite.code} testId='invite-qr' />
          <Text className='sz-invite__note' data-testid='invite-expiry'>
            可以用 {invite.maxUses} 次，{formatDate(invite.expiresAt)}前有效
          </Text>
          <Text className='sz-invite__note'>请居民在小程序里点“输入邀请码加入”，扫这个二维码或输入上面的 8 位码，再填真实姓名。</Text>
        </View>
        <View className='sz-actions'>
          <Button className='sz-button' size='large' block data-testid='invite-another' onClick={() => setInvite(null)}>
            再发一个邀请码
          </Button>
        </View>
      </View>
    )
  }

  return (
    <View className='sz-page sz-invite'>
      <Field label='邀请到哪个院落'>
        <View className='sz-invite__chips'>
          {courtyards.map((c) => (
            <Chip
              key={c.id}
              on={c.id === courtyardId}
              testId={`invite-courtyard-${c.id}`}
              onTap={() => {
                setCourtyardId(c.id)
                setHouseholdId(null)
              }}
            >
              {c.name}
            </Chip>
          ))}
        </View>
      </Field>
      <Field label='加入哪一户'>
        <View className='sz-invite__chips'>
          <Chip on={householdId === null} testId='invite-household-new' onTap={() => setHouseholdId(null)}>
            新的一户（每人一户）
          </Chip>
          {households.map((h) => (
            <Chip key={h.id} on={h.id === householdId} testId={`invite-household-${h.id}`} onTap={() => setHouseholdId(h.id)}>
              {h.name}
            </Chip>
          ))}
        </View>
      </Field>
      <Field label='可以用几次'>
        <View className='sz-invite__chips sz-invite__chips--row'>
          {USES.map((n) => (
            <Chip key={n} on={n === maxUses} testId={`invite-uses-${n}`} onTap={() => setMaxUses(n)}>
              {n} 次
            </Chip>
          ))}
        </View>
      </Field>
      <Field label='有效几天'>
        <View className='sz-invite__chips sz-invite__chips--row'>
          {DAYS.map((n) => (
            <Chip key={n} on={n === days} testId={`invite-days-${n}`} onTap={() => setDays(n)}>
              {n} 天
            </Chip>
          ))}
        </View>
      </Field>
      <SubmitBar label='生成邀请码' busy={issuing} testId='invite-issue' onSubmit={() => void issue()} />
      <View className='sz-bottom-space' />
    </View>
  )
}

function Chip({ on, testId, onTap, children }: { on: boolean; testId: string; onTap: () => void; children: ReactNode }) {
  return (
    <View className={`sz-invite__chip ${on ? 'sz-invite__chip--on' : ''}`} data-testid={testId} data-on={on ? 'true' : 'false'} onClick={onTap}>
      {children}
    </View>
  )
}

