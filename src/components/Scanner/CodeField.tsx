import { useState } from 'react'
import { Input } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { CODE_DIGITS, formatCode } from '@core/shop'
import { Field } from '../Field'
import './index.scss'

export interface CodeFieldProps {
  /** 扫不出来？输入签到码 */
  label: string
  hint: string
  placeholder: string
  /** What the code is called in the refusal: 签到码, 券码. */
  what: string
  /** The button: 签到, 核销. */
  action: string
  sending: boolean
  /** Sends the 16 digits; answers whether it went through (the field is then emptied). */
  onSubmit: (code: string) => Promise<boolean>
  /** `<testId>-field-code`, `-code-input`, `-code-submit`. */
  testId: string
}

/**
 * The 16 digits under a QR, typed when the camera cannot read it (the merchant's 核销, an activity's 签到): shown in
 * groups of four, digits only, checked for length before anything is sent.
 */
export function CodeField({ label, hint, placeholder, what, action, sending, onSubmit, testId }: CodeFieldProps) {
  const [typed, setTyped] = useState('')
  const [problem, setProblem] = useState<string | null>(null)
  const h5 = process.env.TARO_ENV === 'h5'
  const submit = () => {
    if (typed.length !== CODE_DIGITS) {
      setProblem(typed.length === 0 ? '请输入二维码下面的 16 位数字' : `${what}是 ${CODE_DIGITS} 位数字，现在是 ${typed.length} 位`)
      return
    }
    setProblem(null)
    void onSubmit(typed).then((done) => done && setTyped(''))
  }
  return (
    <Field
      label={label}
      error={problem}
      hint={hint}
      testId={`${testId}-field-code`}
      action={
        <Button className='sz-button sz-code-field__submit' type='primary' size='large' block loading={sending} disabled={sending} data-testid={`${testId}-code-submit`} onClick={submit}>
          {action}
        </Button>
      }
    >
      <Input
        className='sz-input sz-code-field__input'
        data-testid={`${testId}-code-input`}
        type={h5 ? 'text' : 'number'}
        nativeProps={{ inputMode: 'numeric', autoComplete: 'off' }}
        value={formatCode(typed)}
        maxlength={CODE_DIGITS + 3}
        placeholder={placeholder}
        onInput={(e) => {
          setTyped(e.detail.value.replace(/\D/g, '').slice(0, CODE_DIGITS))
          setProblem(null)
        }}
        onConfirm={submit}
      />
    </Field>
  )
}
