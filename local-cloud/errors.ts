/**
 * An error the local cloud answers the way CloudBase does: HTTP 200 with `{ code, message, requestId }`.
 * The SDK turns that into a TcbError whose `.code` is `code`.
 */
export class CloudError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message)
    this.name = 'CloudError'
  }
}

export const invalidParam = (message: string) => new CloudError('INVALID_PARAM', message)

export const conflict = (message = '事务冲突：文档已被其他事务修改或锁定') =>
  new CloudError('DATABASE_TRANSACTION_CONFLICT', message)
