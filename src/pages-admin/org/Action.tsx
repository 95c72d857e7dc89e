import { View } from '@tarojs/components'

/** A button of the org tree (添加、改名、撤销、迁户…): 44 high, red for one that takes something away. */
export function Action({ testId, danger, onTap, children }: { testId: string; danger?: boolean; onTap: () => void; children: string | string[] }) {
  return (
    <View className={`sz-org__action ${danger ? 'sz-org__action--danger' : ''}`} hoverClass='sz-org__action--hover' data-testid={testId} onClick={onTap}>
      {children}
    </View>
  )
}
