import { useState } from 'react'
import { View } from '@tarojs/components'
import { formatPoints } from '@core/points'
import { adjustInput } from '@core/points.schema'
import { api } from '../../api'
import { useStaffForm } from './useStaffForm'
import { Field, SubmitBar, TextArea, TextInput } from '../../components'
import { Folded } from './Folded'

type Problems = Partial<Record<'delta' | 'reason', string>>

/**
 * 调整积分 (工作小组): 加分 or 扣分, how many, and why. One request id per form, kept across retries (a retry after a lost
 * answer posts once), new after a success. The answer's balance is shown as it now stands.
 */
export function AdjustForm({ residentId, name, onDone }: { residentId: string; name: string; onDone: () => void }) {
  const [way, setWay] = useState<'add' | 'take'>('add')
  const [amount, setAmount] = useState('')
  const [reason, setReason] = useState('')
  const { problems, setProblems, error, done, sending, requestId, edit, send } = useStaffForm<'delta' | 'reason'>('adjust', '没有调整成功，请再试一次')

  const submit = async () => {
    const typed = /^\s*\d+(\.\d+)?\s*$/.test(amount) ? Number(amount) : Number.NaN
    const delta = way === 'add' ? typed : -typed
    const found: Problems = {}
    if (!Number.isFinite(typed) || typed === 0) found.delta = '请写调整多少分，例如 2 或 0.5'
    const parsed = adjustInput.safeParse({ residentId, delta: Number.isFinite(delta) ? delta : 0, reason, requestId })
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const f = issue.path[0]
        if ((f === 'delta' || f === 'reason') && !found[f]) found[f] = issue.message
      }
    }
    setProblems(found)
    if (found.delta || found.reason || !parsed.success) return
    await send(
      () => api.points.adjust(parsed.data),
      ({ entry }) => `已为${name}${entry.delta > 0 ? '加' : '扣'} ${formatPoints(Math.abs(entry.delta))} 分。现在可用积分：${formatPoints(entry.balanceAfter)} 分。`,
      () => {
        setAmount('')
        setReason('')
        onDone()
      },
    )
  }

  return (
    <Folded title='调整积分' hint={`为${name}加分或扣分，要写明原因`} done={done} doneTitle='已调整' testId='adjust'>
      <Field label='加分还是扣分' testId='adjust-way-field'>
        <View className='sz-lookup__choices'>
          <View className={`sz-lookup__choice ${way === 'add' ? 'sz-lookup__choice--on' : ''}`} data-testid='adjust-add' onClick={() => edit(() => setWay('add'))}>
            加分
          </View>
          <View className={`sz-lookup__choice ${way === 'take' ? 'sz-lookup__choice--on' : ''}`} data-testid='adjust-take' onClick={() => edit(() => setWay('take'))}>
            扣分
          </View>
        </View>
      </Field>
      <Field label='多少分' required='必填' error={problems.delta} hint='最多一位小数，例如 2 或 0.5，不超过 1000' testId='adjust-amount-field'>
        <TextInput type='digit' value={amount} onInput={(v) => edit(() => setAmount(v), 'delta')} maxlength={6} placeholder='例如：2' testId='adjust-amount' />
      </Field>
      <Field label='调整原因' required='必填，至少 2 个字' error={problems.reason} counter={{ text: reason, max: 200 }} testId='adjust-reason-field'>
        <TextArea value={reason} onInput={(v) => edit(() => setReason(v), 'reason')} maxlength={200} placeholder='例如：参加社区义务劳动，补记积分' testId='adjust-reason' />
      </Field>
      <SubmitBar
        label={way === 'add' ? '确认加分' : '确认扣分'}
        size='large'
        busy={sending}
        busyLabel='正在调整…'
        error={error}
        unfixed={Object.values(problems).filter(Boolean).length}
        errorTitle='还没有调整'
        testId='adjust-submit'
        after='调整会记入积分明细和操作日志，居民可以看到原因。'
        onSubmit={() => void submit()}
      />
    </Folded>
  )
}
