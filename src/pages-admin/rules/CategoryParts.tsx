import { View, Text } from '@tarojs/components'
import type { RuleCategory } from '../../api'
import { Field, TextInput } from '../../components'
import { Sheet } from '../../components/Sheet'
import type { CategoryDraft, Direction } from './useCatalogueOrder'
import './rules.scss'

export interface CategoryHeadProps {
  category: RuleCategory
  first: boolean
  last: boolean
  onRename: () => void
  onMove: (direction: Direction) => void
  onRemove: () => void
}

/**
 * A category's name with its buttons: 改名, 上移 (not on the first), 下移 (not on the last), and 删除 only when the
 * category holds no item at all, enabled or stopped (a category with items cannot be deleted; the line under the name says so).
 */
export function CategoryHead({ category, first, last, onRename, onMove, onRemove }: CategoryHeadProps) {
  const empty = category.items.length === 0
  const id = category.id
  return (
    <View className='sz-rules-category__head'>
      <Text className='sz-rules-category__name' data-testid={`category-name-${id}`}>
        {category.name}
      </Text>
      <Text className='sz-rules-category__hint'>{empty ? '这个类别还没有条目，可以删除' : `共 ${category.items.length} 个条目；有条目的类别不能删除`}</Text>
      <View className='sz-org__actions'>
        <View className='sz-org__action' data-testid={`category-rename-${id}`} onClick={onRename}>
          改名
        </View>
        {first ? null : (
          <View className='sz-org__action' data-testid={`category-up-${id}`} onClick={() => onMove('up')}>
            上移
          </View>
        )}
        {last ? null : (
          <View className='sz-org__action' data-testid={`category-down-${id}`} onClick={() => onMove('down')}>
            下移
          </View>
        )}
        {empty ? (
          <View className='sz-org__action sz-org__action--danger' data-testid={`category-remove-${id}`} onClick={onRemove}>
            删除
          </View>
        ) : null}
      </View>
    </View>
  )
}

/** 新增类别, at the bottom of the catalogue. */
export function AddCategory({ onAdd }: { onAdd: () => void }) {
  return (
    <View className='sz-rules-category__add' data-testid='category-add' onClick={onAdd}>
      ＋ 新增类别
    </View>
  )
}

export interface CategorySheetProps {
  draft: CategoryDraft
  sending: boolean
  onChange: (draft: CategoryDraft) => void
  onCancel: () => void
  onConfirm: () => void
}

/** The name of a new category, or a new name for one: a rename shows on the catalogue only, past claims keep the old name. */
export function CategorySheet({ draft, sending, onChange, onCancel, onConfirm }: CategorySheetProps) {
  return (
    <Sheet
      testId='category-sheet'
      title={draft.id ? `给「${draft.was ?? ''}」改名` : '新增类别'}
      subtitle={draft.id ? '改名后积分细则里显示新名称；以前的申报和积分记录仍用原来的名称。' : '新类别加在最后，再在里面添加条目。'}
      sending={sending}
      onCancel={onCancel}
      onConfirm={onConfirm}
    >
      <Field label='类别名称'>
        <TextInput testId='category-name' value={draft.name} maxlength={20} placeholder='例如：文明新风' onInput={(name) => onChange({ ...draft, name })} />
      </Field>
    </Sheet>
  )
}
