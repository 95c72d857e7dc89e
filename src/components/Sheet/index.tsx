import type { ComponentProps, ReactNode } from 'react'
import { View, Text } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import './index.scss'

export interface SheetProps {
  title: string
  subtitle?: string
  children: ReactNode
  confirmText?: string
  /** The way out, 取消 unless a page says it better (再想想). */
  cancelText?: string
  /** `danger` for a decision that refuses something (驳回). */
  confirmType?: 'primary' | 'danger'
  sending?: boolean
  onCancel: () => void
  onConfirm: () => void
  testId?: string
  cancelTestId?: string
  confirmTestId?: string
  /** More for the confirm button: an `openType` (the privacy sheet's agreePrivacyAuthorization) and its handler. */
  confirmButtonProps?: Partial<ComponentProps<typeof Button>>
}

/**
 * A sheet from the bottom: a title, the fields, and 取消 / 确定 (buttons 88+ high). Options inside use
 * `sz-sheet__option` (and `--on` when chosen); two side by side go in `sz-sheet__switch`.
 */
export function Sheet({
  title,
  subtitle,
  children,
  confirmText = '确定',
  cancelText = '取消',
  confirmType = 'primary',
  sending,
  onCancel,
  onConfirm,
  testId = 'sheet',
  cancelTestId = 'sheet-cancel',
  confirmTestId = 'sheet-confirm',
  confirmButtonProps,
}: SheetProps) {
  return (
    <View className='sz-sheet' data-testid={testId} catchMove>
      <View className='sz-sheet__mask' onClick={onCancel} />
      <View className='sz-sheet__panel'>
        <Text className='sz-sheet__title'>{title}</Text>
        {subtitle ? <Text className='sz-sheet__subtitle'>{subtitle}</Text> : null}
        {children}
        <View className='sz-sheet__buttons'>
          <Button className='sz-button' size='large' onClick={onCancel} data-testid={cancelTestId}>
            {cancelText}
          </Button>
          <Button className='sz-button' type={confirmType} size='large' loading={sending} disabled={sending} onClick={onConfirm} data-testid={confirmTestId} {...confirmButtonProps}>
            {confirmText}
          </Button>
        </View>
      </View>
    </View>
  )
}
