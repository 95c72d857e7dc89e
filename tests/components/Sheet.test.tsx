import { fireEvent, render, screen } from '@testing-library/react'
import { Sheet } from '../../src/components/Sheet'
import { classes, textOf } from './support/dom'

describe('Sheet', () => {
  test('a title, the fields, and 取消 / 确定; a tap outside is 取消', () => {
    const onCancel = jest.fn()
    const onConfirm = jest.fn()
    render(
      <Sheet title='添加商家' subtitle='店员用邀请码加入' onCancel={onCancel} onConfirm={onConfirm}>
        <span data-testid='inside'>商家名称</span>
      </Sheet>,
    )
    const sheet = screen.getByTestId('sheet')
    expect(textOf(sheet, '.sz-sheet__title')).toBe('添加商家')
    expect(textOf(sheet, '.sz-sheet__subtitle')).toBe('店员用邀请码加入')
    expect(screen.getByTestId('inside')).toBeTruthy()
    expect(screen.getByTestId('sheet-cancel').textContent).toBe('取消')
    expect(screen.getByTestId('sheet-confirm').textContent).toBe('确定')
    fireEvent.click(screen.getByTestId('sheet-confirm'))
    expect(onConfirm).toHaveBeenCalledTimes(1)
    fireEvent.click(screen.getByTestId('sheet-cancel'))
    fireEvent.click(sheet.querySelector('.sz-sheet__mask')!)
    expect(onCancel).toHaveBeenCalledTimes(2)
  })

  test('its own words, red for a refusal, and no second confirm while sending', () => {
    const onConfirm = jest.fn()
    render(
      <Sheet title='驳回' confirmText='确定驳回' cancelText='再想想' confirmType='danger' sending onCancel={jest.fn()} onConfirm={onConfirm} testId='s' cancelTestId='no' confirmTestId='yes'>
        {null}
      </Sheet>,
    )
    expect(screen.getByTestId('s').querySelector('.sz-sheet__subtitle')).toBeNull()
    expect(screen.getByTestId('no').textContent).toBe('再想想')
    expect(screen.getByTestId('yes').textContent).toBe('确定驳回')
    expect(classes(screen.getByTestId('yes'))).toEqual(expect.arrayContaining(['nut-button-danger', 'nut-button-loading']))
    fireEvent.click(screen.getByTestId('yes'))
    expect(onConfirm).not.toHaveBeenCalled()
  })
})
