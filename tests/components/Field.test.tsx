import { useState } from 'react'
import { fireEvent, render, screen } from '@testing-library/react'
import { Input } from '@tarojs/components'
import { Field, TextArea, TextInput, goToFirstProblem } from '../../src/components'
import { classes, control, textOf as text } from './support/dom'

describe('Field', () => {
  test('the label with its 可以不填 or 必填 words, the control, then the hint', () => {
    render(
      <Field label='地址' optional='可以不填' hint='例如：1排3号院' testId='f'>
        <Input className='sz-input' data-testid='control' />
      </Field>,
    )
    const field = screen.getByTestId('f')
    expect(classes(field)).toEqual(['sz-field'])
    expect(text(field, '.sz-field__label')).toBe('地址可以不填')
    expect(text(field, '.sz-field__optional')).toBe('可以不填')
    expect(field.querySelector('.sz-field__required')).toBeNull()
    expect(text(field, '.sz-field__hint')).toBe('例如：1排3号院')
    expect(field.querySelector('.sz-field__error')).toBeNull()
    // label, control, hint: in that order
    const order = Array.from(field.children).map((c) => c.getAttribute('data-testid') ?? c.className)
    expect(order).toEqual(['sz-field__label', 'control', 'sz-field__hint'])
  })

  test('必填 in red after the label', () => {
    render(
      <Field label='为什么有异议' required='必填，至少 5 个字' testId='f'>
        <Input />
      </Field>,
    )
    expect(text(screen.getByTestId('f'), '.sz-field__required')).toBe('必填，至少 5 个字')
  })

  test('an error takes the place of the hint and outlines the field in red', () => {
    const { rerender } = render(
      <Field label='名称' hint='2 到 30 个字' error='请填写商品名称' id='offer-field-title' testId='f'>
        <Input />
      </Field>,
    )
    const field = screen.getByTestId('f')
    expect(field.id).toBe('offer-field-title')
    expect(classes(field)).toContain('sz-field--invalid')
    expect(text(field, '.sz-field__error')).toBe('请填写商品名称')
    expect(field.querySelector('.sz-field__hint')).toBeNull()

    rerender(
      <Field label='名称' hint='2 到 30 个字' error={null} id='offer-field-title' testId='f'>
        <Input />
      </Field>,
    )
    expect(classes(screen.getByTestId('f'))).not.toContain('sz-field--invalid')
    expect(text(screen.getByTestId('f'), '.sz-field__hint')).toBe('2 到 30 个字')
  })

  test('invalid says when to outline, apart from the error shown', () => {
    render(
      <>
        <Field label='逐项打分' error='有 1 张照片没有传上去' invalid={false} testId='scores'>
          <Input />
        </Field>
        <Field label='照片' invalid testId='photos'>
          <Input />
        </Field>
      </>,
    )
    expect(classes(screen.getByTestId('scores'))).not.toContain('sz-field--invalid')
    expect(text(screen.getByTestId('scores'), '.sz-field__error')).toBe('有 1 张照片没有传上去')
    expect(classes(screen.getByTestId('photos'))).toContain('sz-field--invalid')
  })

  test('keepHint: a setting keeps what it does on screen, with the error under it', () => {
    render(
      <Field keepHint label='公示期天数' hint='一般 7 天。' error='请填 1 到 30 天' testId='f'>
        <Input />
      </Field>,
    )
    const field = screen.getByTestId('f')
    const notes = Array.from(field.querySelectorAll('.sz-field__hint, .sz-field__error')).map((n) => n.textContent)
    expect(notes).toEqual(['一般 7 天。', '请填 1 到 30 天'])
  })

  test('the counter says how much is written of the most allowed, trimmed, while there is no error', async () => {
    function Counted() {
      const [value, setValue] = useState('')
      return (
        <Field label='做了什么' counter={{ text: value, max: 500 }} testId='f'>
          <Input data-testid='control' value={value} onInput={(e) => setValue(e.detail.value)} />
        </Field>
      )
    }
    render(<Counted />)
    expect(text(screen.getByTestId('f'), '.sz-field__hint')).toBe('0 / 500 字')
    fireEvent.input(await control('control'), { target: { value: ' 扫了院子 ' } })
    expect(text(screen.getByTestId('f'), '.sz-field__hint')).toBe('4 / 500 字')
  })

  test('an action goes under the hint or error; bare drops the card', () => {
    render(
      <Field bare label='邀请码' error='邀请码不对' testId='f' action={<Input data-testid='action' />}>
        <Input data-testid='control' />
      </Field>,
    )
    const field = screen.getByTestId('f')
    expect(classes(field)).toEqual(['sz-field', 'sz-field--bare', 'sz-field--invalid'])
    const order = Array.from(field.children).map((c) => c.getAttribute('data-testid') ?? c.className)
    expect(order).toEqual(['sz-field__label', 'control', 'sz-field__error', 'action'])
  })
})

describe('TextInput and TextArea', () => {
  test('the large inputs of a form: what is typed goes to onInput as text', async () => {
    const typed: string[] = []
    render(
      <>
        <TextInput testId='points' type='digit' value='' maxlength={5} placeholder='例如：10' className='extra' onInput={(v) => typed.push(v)} />
        <TextArea testId='why' value='' maxlength={300} placeholder='请写明' onInput={(v) => typed.push(v)} />
      </>,
    )
    expect(classes(screen.getByTestId('points'))).toEqual(['sz-input', 'extra'])
    expect(classes(screen.getByTestId('why'))).toEqual(['sz-textarea'])
    const points = (await control('points')) as HTMLInputElement
    expect(points.getAttribute('maxlength')).toBe('5')
    expect(points.getAttribute('placeholder')).toBe('例如：10')
    fireEvent.input(points, { target: { value: '2.5' } })
    const why = await control('why')
    expect(why.getAttribute('maxlength')).toBe('300')
    fireEvent.input(why, { target: { value: '那天不在家' } })
    expect(typed).toEqual(['2.5', '那天不在家'])
  })
})

describe('goToFirstProblem', () => {
  test('the first field of the form’s order that has a problem, or none for a problem of the whole', () => {
    const order = ['title', 'place', 'photos'] as const
    expect(goToFirstProblem({ photos: '请拍一张照片', place: '请写明地点' }, order, 'voice-field')).toBe('place')
    expect(goToFirstProblem({}, order, 'voice-field')).toBeUndefined()
  })
})
