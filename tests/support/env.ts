// The SDK must not look for a cloud metadata host on this machine (see shared/notes/cloudbase-protocol.md).
process.env.TENCENTCLOUD = 'true'
process.env.TZ = process.env.TZ ?? 'UTC'
