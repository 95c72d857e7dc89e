import type { ReactNode } from 'react'
import { View, Text } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'

export interface SheetProps {
  title: string
  children: ReactNode
  confirmText?: string
  sending?: boolean
  onCancel: () => void
  onConfirm: () => void
  testId?: string
}

/** A sheet from the bottom with a title, fields, and 取消 / 确定 (buttons 88+ high). */
export function Sheet({ title, children, confirmText = '确定', sending, onCancel, onConfirm, testId = 'admin-sheet' }: SheetProps) {
  return (
    <View className='sz-admin-sheet' data-testid={testId} catchMove>
      <View className='sz-admin-sheet__mask' onClick={onCancel} />
      <View className='sz-admin-sheet__panel'>
        <Text className='sz-admin-sheet__title'>{title}</Text>
        {children}
        <View className='sz-admin-sheet__buttons'>
          <Button className='sz-button' size='large' onClick={onCancel} data-testid='sheet-cancel'>
            取消
          </Button>
          <Button className='sz-button' type='primary' size='large' loading={sending} disabled={sending} onClick={onConfirm} data-testid='sheet-confirm'>
            {confirmText}
          </Button>
        </View>
      </View>
    </View>
  )
}
