// The wire contract between the server and its clients: pure types and constants, no imports
// from the rest of the server, so the client can compile against it (`@payload-chat/server/protocol`)
// without bundling any server code. A change here is a change to the wire: it must break the
// client's type check until the client follows.
export * from './conversations'
export * from './errors'
export * from './messages'
export * from './moderation'
export * from './presence'
export * from './rich'
export * from './search'
export * from './rooms'
export * from './stream'
export * from './users'
