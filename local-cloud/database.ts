/**
 * The local cloud's document store, where the server, the protocol and the tests import it from. It is built in
 * parts under store/ (see store/index.ts); this module only names them.
 */
export * from './store'
