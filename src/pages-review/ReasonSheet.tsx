import { useState } from 'react'
import { View, Text, Textarea } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { REASON_TEMPLATES } from '@core/claims'
import type { Claim } from '../api'

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
    <View className='sz-sheet' data-testid='reason-sheet' catchMove>
      <View className='sz-sheet__mask' onClick={onCancel} />
      <View className='sz-sheet__panel'>
        <Text className='sz-sheet__title'>{TITLES[decision]}</Text>
        <Text className='sz-sheet__subtitle'>
          {claim.residentName} · {claim.ruleName}
        </Text>
        <View className='sz-sheet__chips'>
          {REASON_TEMPLATES[decision].map((t, i) => (
            <View
              key={t}
              className={`sz-sheet__chip ${trimmed === t ? 'sz-sheet__chip--on' : ''}`}
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
        <View className='sz-sheet__buttons'>
          <Button className='sz-button sz-sheet__cancel' size='large' onClick={onCancel} data-testid='reason-cancel'>
            取消
          </Button>
          <Button
            className='sz-button sz-sheet__confirm'
            type={decision === 'reject' ? 'danger' : 'primary'}
            size='large'
            loading={sending}
            disabled={sending}
            onClick={confirm}
            data-testid='reason-confirm'
          >
            {decision === 'reject' ? '确定驳回' : '确定退回'}
          </Button>
        </View>
      </View>
    </View>
  )
}
