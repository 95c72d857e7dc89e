import Taro from '@tarojs/taro'
import type { ReactNode } from 'react'
import { View, Text, Input, Textarea } from '@tarojs/components'
import type { BaseProps } from '../types'

export interface FieldProps extends BaseProps {
  /** What to fill in, in plain dark type. */
  label: ReactNode
  /** Grey words after the label, for a field that may stay empty (可以不填). */
  optional?: string
  /** Red words after the label, for one that may not (必填，至少 5 个字). */
  required?: string
  /** How to fill it in, under the control. */
  hint?: ReactNode
  /** Under the control where there is no hint: how much is written of the most allowed (12 / 500 字). */
  counter?: { text: string; max: number }
  /** What is wrong, in red under the control, in place of the hint; the field is outlined in red too. */
  error?: string | null | false
  /** The red outline, where it is not simply "there is an error" (an error about something else shown here). */
  invalid?: boolean
  /** The hint stays and the error comes under it: a setting's hint says what the setting does. */
  keepHint?: boolean
  /** The element's id, for `Taro.pageScrollTo` to the first field that is wrong. */
  id?: string
  /** Without the white card, inside a sheet. */
  bare?: boolean
  /** The control(s). */
  children: ReactNode
  /** Under the hint or error: a button that acts on what was filled in (核销, 扫邀请二维码). */
  action?: ReactNode
}

/**
 * One field of a form (`sz-field`, app.scss): its label (with 可以不填 or 必填), the control, then a hint or what is
 * wrong in words, and a red outline while something is wrong.
 */
export function Field({ label, optional, required, hint, counter, error, invalid, keepHint, id, bare, children, action, className, testId }: FieldProps) {
  const red = invalid ?? !!error
  const note = hint ?? (counter ? `${counter.text.trim().length} / ${counter.max} 字` : null)
  const classes = ['sz-field', bare ? 'sz-field--bare' : '', red ? 'sz-field--invalid' : '', className ?? ''].filter(Boolean).join(' ')
  return (
    <View className={classes} id={id} data-testid={testId}>
      <Text className='sz-field__label'>
        {label}
        {optional ? <Text className='sz-field__optional'>{optional}</Text> : null}
        {required ? <Text className='sz-field__required'>{required}</Text> : null}
      </Text>
      {children}
      {note != null && (keepHint || !error) ? <Text className='sz-field__hint'>{note}</Text> : null}
      {error ? <Text className='sz-field__error'>{error}</Text> : null}
      {action}
    </View>
  )
}

export interface TextInputProps {
  value: string
  /** The text as typed. */
  onInput: (value: string) => void
  maxlength: number
  placeholder?: string
  /** `digit` for points (with a decimal point), `number` for counts. */
  type?: 'text' | 'number' | 'digit'
  /** The field left: a form may say at once what is wrong with it. */
  onBlur?: () => void
  className?: string
  testId?: string
}

/** One line of a form, in the large type of `sz-input`. */
export function TextInput({ value, onInput, onBlur, maxlength, placeholder, type = 'text', className, testId }: TextInputProps) {
  const classes = className ? `sz-input ${className}` : 'sz-input'
  return (
    <Input className={classes} data-testid={testId} type={type} value={value} maxlength={maxlength} placeholder={placeholder} onInput={(e) => onInput(e.detail.value)}
      onBlur={onBlur ? () => onBlur() : undefined} />
  )
}

/** Sentences: what was done, why (`sz-textarea`). */
export function TextArea({ value, onInput, onBlur, maxlength, placeholder, className, testId }: Omit<TextInputProps, 'type'>) {
  const classes = className ? `sz-textarea ${className}` : 'sz-textarea'
  return (
    <Textarea className={classes} data-testid={testId} value={value} maxlength={maxlength} placeholder={placeholder} onInput={(e) => onInput(e.detail.value)}
      onBlur={onBlur ? () => onBlur() : undefined} />
  )
}

/**
 * A form its own check refused: the page scrolls to the first field (in the form's `order`) that has a problem — its
 * Field carries the id `<idPrefix>-<field>` — and answers that field; none named (a problem of the whole), undefined,
 * and the form says so in one line instead.
 */
export function goToFirstProblem<F extends string>(problems: Partial<Record<F, string | undefined>>, order: readonly F[], idPrefix: string): F | undefined {
  const first = order.find((f) => problems[f])
  if (first) Taro.pageScrollTo({ selector: `#${idPrefix}-${first}`, offsetTop: -16, duration: 300 }).catch(() => undefined)
  return first
}

export default Field
