import { useState } from 'react'
import { View } from '@tarojs/components'
import { DEDUCTION_PRESETS } from '@core/deductions'
import { problemsByField } from '@core/inputs'
import { formatPoints } from '@core/points'
import { deductInput } from '@core/points.schema'
import { api } from '../../api'
import { useStaffForm } from './useStaffForm'
import { Field, PhotoPicker, ROUTES, SubmitBar, TextArea, TextInput, open, usePhotos } from '../../components'
import { Folded } from './Folded'

type DeductField = 'item' | 'points' | 'reason' | 'photos'
type Problems = Partial<Record<DeductField, string>>

/**
 * 登记扣分 (网格员 of the resident's grid, 工作小组): what happened (a usual item is one tap), how many points, the
 * story, and at least one photo. It takes nothing yet: another grid worker or the 工作小组 passes it first
 * (扣分复核). One request id per form, kept across retries, new after a success.
 */
export function DeductionForm({ residentId, name, openid }: { residentId: string; name: string; openid: string }) {
  const [item, setItem] = useState('')
  const [amount, setAmount] = useState('')
  const [reason, setReason] = useState('')
  const { problems, setProblems, error, done, sending, requestId, edit, send } = useStaffForm<DeductField>('deduct', '没有登记成功，请再试一次')
  const photos = usePhotos(openid)

  const submit = async () => {
    const points = /^\s*\d+(\.\d+)?\s*$/.test(amount) ? Number(amount) : Number.NaN
    const parsed = deductInput.safeParse({ residentId, item: item.trim(), points: Number.isFinite(points) ? points : 0, reason, photos: photos.fileIDs, requestId })
    const found: Problems = parsed.success ? {} : (problemsByField(parsed.error.issues) as Problems)
    if (!Number.isFinite(points) || points === 0) found.points = '请写扣多少分，例如 2 或 0.5'
    setProblems(found)
    if (!parsed.success || Object.values(found).some(Boolean)) return
    await send(
      () => api.points.deduct(parsed.data),
      ({ deduction }) => `已为${name}登记“${deduction.item}”扣 ${formatPoints(deduction.asked)} 分。另一位网格员或工作小组复核通过后才扣分。`,
      () => {
        setItem('')
        setAmount('')
        setReason('')
        for (const p of photos.photos) photos.remove(p.key)
      },
    )
  }

  return (
    <Folded
      title='登记扣分'
      hint='乱堆乱放、乱倒垃圾等，要拍照，另一人复核后才扣分'
      done={done}
      doneTitle='已登记，等复核'
      doneAction={
        <View className='sz-list-head__link' data-testid='deduct-to-review' onClick={() => open(ROUTES.deductions)}>
          去看扣分复核
        </View>
      }
      testId='deduct'
    >
      <Field label='扣分事项' required='必填' error={problems.item} hint='点一个常见的，或自己写' testId='deduct-item-field'>
        <View className='sz-lookup__choices sz-lookup__choices--wrap'>
          {DEDUCTION_PRESETS.map((p, i) => (
            <View key={p} className={`sz-lookup__choice ${item === p ? 'sz-lookup__choice--on' : ''}`} data-testid={`deduct-preset-${i}`} onClick={() => edit(() => setItem(p), 'item')}>
              {p}
            </View>
          ))}
        </View>
        <TextInput value={item} onInput={(v) => edit(() => setItem(v), 'item')} maxlength={20} placeholder='例如：乱堆乱放' testId='deduct-item' />
      </Field>
      <Field label='扣多少分' required='必填' error={problems.points} hint='最多一位小数，不超过 100；余额不够时最多扣到 0' testId='deduct-points-field'>
        <TextInput type='digit' value={amount} onInput={(v) => edit(() => setAmount(v), 'points')} maxlength={5} placeholder='例如：2' testId='deduct-points' />
      </Field>
      <Field label='经过' required='必填，至少 5 个字' error={problems.reason} counter={{ text: reason, max: 200 }} testId='deduct-reason-field'>
        <TextArea value={reason} onInput={(v) => edit(() => setReason(v), 'reason')} maxlength={200} placeholder='例如：楼道里堆放杂物，劝说后仍未清理' testId='deduct-reason' />
      </Field>
      <Field label='照片' required='至少一张' error={problems.photos} testId='deduct-photos-field'>
        <PhotoPicker photos={photos} testId='deduct-photos' />
      </Field>
      <SubmitBar
        label='登记扣分'
        size='large'
        busy={sending}
        busyLabel='正在登记…'
        uploading={photos.uploading}
        error={error}
        unfixed={Object.values(problems).filter(Boolean).length}
        errorTitle='还没有登记'
        testId='deduct-submit'
        after='登记后要由另一位网格员或工作小组复核，通过才扣分，居民会收到通知，也可以提出异议。'
        onSubmit={() => void submit()}
      />
    </Folded>
  )
}
