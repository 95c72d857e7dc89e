/** What a deleted member (注销) is called everywhere afterwards: it names nobody, so it is never masked. */
export const DELETED_NAME = '已注销居民'

/** Names shown to other residents are masked: 张秀明 → 张*明, 李明 → 李*, 欧阳明月 → 欧**月. */
export function maskName(name: string): string {
  if (name === DELETED_NAME) return name
  const chars = [...name.trim()]
  if (chars.length <= 1) return chars.join('') || '*'
  if (chars.length === 2) return `${chars[0]}*`
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`
}
