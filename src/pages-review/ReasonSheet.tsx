import { useState } from 'react'
import { View, Text, Textarea } from '@tarojs/components'
import { REASON_TEMPLATES } from '@core/claims'
import type { Claim } from '../api'
import { Sheet } from '../components/Sheet'

export interface ReasonSheetProps {
  decision: 'return' | 'reject'
  claim: Claim
  sending: boolean
  onCancel: () => void
  onConfirm: (reason: string) => void
}

const TITLES = { return: '退回补充：请写明要补充什么', reject: '驳回：请写明原因' } as const

/**
 * A sheet from the bottom for 退回 / 驳回: the usual reasons as big chips (a tap fills the text), free text to add or
 * change, and nothing goes without a reason.
 */
export function ReasonSheet({ decision, claim, sending, onCancel, onConfirm }: ReasonSheetProps) {
  const [reason, setReason] = useState('')
  const [missing, setMissing] = useState(false)
  const trimmed = reason.trim()

  const confirm = () => {
    if (trimmed.length < 2) return setMissing(true)
    onConfirm(trimmed)
  }

  return (
    <Sheet
      title={TITLES[decision]}
      subtitle={`${claim.residentName} · ${claim.ruleName}`}
      confirmText={decision === 'reject' ? '确定驳回' : '确定退回'}
      confirmType={decision === 'reject' ? 'danger' : 'primary'}
      sending={sending}
      onCancel={onCancel}
      onConfirm={confirm}
      testId='reason-sheet'
      cancelTestId='reason-cancel'
      confirmTestId='reason-confirm'
    >
      <View className='sz-sheet__options'>
        {REASON_TEMPLATES[decision].map((t, i) => (
          <View
            key={t}
            className={`sz-sheet__option ${trimmed === t ? 'sz-sheet__option--on' : ''}`}
            data-testid={`reason-template-${i}`}
            onClick={() => {
              setReason(t)
              setMissing(false)
            }}
          >
            {t}
          </View>
        ))}
      </View>
      <Textarea
        className='sz-textarea sz-sheet__text'
        data-testid='reason-text'
        value={reason}
        maxlength={200}
        placeholder='也可以自己写原因'
        onInput={(e) => {
          setReason(e.detail.value)
          setMissing(false)
        }}
      />
      {missing ? <Text className='sz-sheet__error'>请选一个原因，或写下原因</Text> : null}
    </Sheet>
  )
}
