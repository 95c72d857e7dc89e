import { useState, type ReactNode } from 'react'
import { View, Text, Textarea } from '@tarojs/components'
import { Sheet } from '../Sheet'

export interface ReasonSheetProps {
  title: string
  /** Who or what is decided on, e.g. 张秀英 · 清扫楼道. */
  subtitle: string
  confirmText: string
  confirmType?: 'primary' | 'danger'
  /** The usual reasons, as big options; a tap fills the text. */
  templates: readonly string[]
  placeholder: string
  /** What the decision will do, above the usual reasons. */
  intro?: ReactNode
  /** The most the reason may have; 200 unless said. */
  maxlength?: number
  /** Said when confirmed with no reason: 请选一个原因，或写下原因 unless said. */
  missingText?: string
  sending: boolean
  onCancel: () => void
  onConfirm: (reason: string) => void
  /** Test ids: `<testId>-sheet`, `-cancel`, `-confirm`, `-template-<i>`; the text's is `textTestId`. */
  testId: string
  textTestId: string
}

/**
 * A sheet from the bottom for a decision that needs a reason (退回, 驳回, 不通过): the usual reasons as big options (a tap
 * fills the text), free text to add or change, and nothing goes without a reason.
 */
export function ReasonSheet({
  title,
  subtitle,
  confirmText,
  confirmType,
  templates,
  placeholder,
  intro,
  maxlength = 200,
  missingText = '请选一个原因，或写下原因',
  sending,
  onCancel,
  onConfirm,
  testId,
  textTestId,
}: ReasonSheetProps) {
  const [reason, setReason] = useState('')
  const [missing, setMissing] = useState(false)
  const trimmed = reason.trim()

  const confirm = () => {
    if (trimmed.length < 2) return setMissing(true)
    onConfirm(trimmed)
  }

  return (
    <Sheet
      title={title}
      subtitle={subtitle}
      confirmText={confirmText}
      confirmType={confirmType}
      sending={sending}
      onCancel={onCancel}
      onConfirm={confirm}
      testId={`${testId}-sheet`}
      cancelTestId={`${testId}-cancel`}
      confirmTestId={`${testId}-confirm`}
    >
      {intro}
      <View className='sz-sheet__options'>
        {templates.map((t, i) => (
          <View
            key={t}
            className={`sz-sheet__option ${trimmed === t ? 'sz-sheet__option--on' : ''}`}
            data-testid={`${testId}-template-${i}`}
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
        data-testid={textTestId}
        value={reason}
        maxlength={maxlength}
        placeholder={placeholder}
        onInput={(e) => {
          setReason(e.detail.value)
          setMissing(false)
        }}
      />
      {missing ? <Text className='sz-sheet__error'>{missingText}</Text> : null}
    </Sheet>
  )
}

export default ReasonSheet
